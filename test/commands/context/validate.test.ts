// context validate [NAME] [--connect]: every check on its own context, natscli's view, --json's
// [{name, ok, errors}] and exit 1 on any problem; --connect against a real server and a closed port.
import assert from 'node:assert/strict'
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {runCli, type TestHome} from '../../helpers/cli.js'
import {ctxDir, ctxFile, homesForThisFile, NOWHERE, writeNatscliContext} from '../../helpers/contexts.js'
import {startServer, type TestServer} from '../../helpers/nats-server.js'

const home = homesForThisFile()

interface Check {
  name: string
  ok: boolean
  errors: string[]
}

async function validate(h: TestHome, args: string[] = []): Promise<{code: number | null; checks: Check[]; stderr: string}> {
  const r = await runCli(['context', 'validate', ...args, '--json'], {env: h.env})
  return {code: r.code, checks: JSON.parse(r.stdout) as Check[], stderr: r.stderr}
}

const byName = (checks: Check[], name: string) => checks.find((c) => c.name === name)

describe('context validate', () => {
  let server: TestServer
  before(async () => {
    server = await startServer({jetstream: false})
  })
  after(async () => {
    await server.stop()
  })

  it('passes good contexts (files readable, resolver URIs and inline secrets left alone): exit 0', async () => {
    const h = home()
    const creds = join(h.dir, 'user.creds')
    writeFileSync(creds, 'x')
    writeNatscliContext(h, 'plain')
    writeNatscliContext(h, 'files', {user: '', password: '', creds, ca: creds, url: `${NOWHERE}, nats://127.0.0.1:2`})
    writeNatscliContext(h, 'resolvers', {user: '', password: '', creds: 'env://MY_CREDS'})
    writeNatscliContext(h, 'seed', {user: '', password: '', nkey: `S${'A'.repeat(57)}`, url: ''})
    writeFileSync(join(h.configDir, 'nats', 'context.txt'), 'plain')
    const r = await validate(h)
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(
      r.checks,
      ['files', 'plain', 'resolvers', 'seed'].map((name) => ({name, ok: true, errors: []})),
    )
    const text = await runCli(['context', 'validate'], {env: h.env})
    assert.equal(text.code, 0, text.stderr)
    assert.match(text.stdout, /^NATS Configuration Context "files"\n/)
    assert.match(text.stdout, /Credentials: .*user\.creds \(OK\)/)
    assert.match(text.stdout, /NATS Configuration Context "seed"/)
    assert.doesNotMatch(text.stdout, /Problems|Connection/)
  })

  it('reports each problem by context and exits 1', async () => {
    const h = home()
    writeNatscliContext(h, 'good')
    writeNatscliContext(h, 'url', {url: 'http://example.net:4222'})
    writeNatscliContext(h, 'two-kinds', {creds: join(h.dir, 'x.creds')})
    writeFileSync(join(h.dir, 'x.creds'), 'x')
    writeNatscliContext(h, 'missing-creds', {user: '', password: '', creds: join(h.dir, 'gone.creds')})
    mkdirSync(join(h.dir, 'adir'))
    writeNatscliContext(h, 'dir-nkey', {user: '', password: '', nkey: join(h.dir, 'adir')})
    writeNatscliContext(h, 'tls', {cert: join(h.dir, 'cert.pem'), key: join(h.dir, 'key.pem')})
    writeFileSync(ctxFile(h, 'corrupt'), '{"url": ')
    writeFileSync(join(h.configDir, 'nats', 'context.txt'), 'deleted')
    const r = await validate(h)
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^natsctl: error: validation failed: 7 contexts have problems$/m)
    assert.deepEqual(byName(r.checks, 'good'), {name: 'good', ok: true, errors: []})
    assert.match(byName(r.checks, 'url')!.errors.join('\n'), /invalid server URL "http:\/\/example\.net:4222": unsupported scheme/)
    assert.match(byName(r.checks, 'two-kinds')!.errors.join('\n'), /too many types of credentials/)
    assert.match(byName(r.checks, 'missing-creds')!.errors.join('\n'), /cannot read creds file .*gone\.creds: no such file/)
    assert.match(byName(r.checks, 'dir-nkey')!.errors.join('\n'), /cannot read nkey file .*adir: /)
    assert.deepEqual(
      byName(r.checks, 'tls')!.errors.map((e) => e.replace(/ file .*/, '')),
      ['cannot read TLS certificate', 'cannot read TLS key'],
    )
    assert.match(byName(r.checks, 'corrupt')!.errors.join('\n'), /corrupt context file .*corrupt\.json/)
    assert.match(byName(r.checks, 'deleted')!.errors.join('\n'), /the selected context "deleted" does not exist/)
    for (const check of r.checks) assert.equal(check.ok, check.errors.length === 0)

    // natscli's text: the context view with the problems under it; "Could not load" for one that cannot be.
    const text = await runCli(['context', 'validate'], {env: h.env})
    assert.equal(text.code, 1)
    assert.match(text.stdout, /Credentials: .*gone\.creds \(ERROR\)\n(.*\n)* +Problems: cannot read creds file/)
    assert.match(text.stdout, /^Could not load corrupt: ERROR corrupt context file/m)
    assert.match(text.stderr, /^natsctl: error: validation failed: 7 contexts have problems$/m)
  })

  it('validates only the named context; an unknown one fails', async () => {
    const h = home()
    writeNatscliContext(h, 'good')
    writeNatscliContext(h, 'bad', {url: 'http://x:1'})
    const one = await validate(h, ['good'])
    assert.equal(one.code, 0, one.stderr)
    assert.deepEqual(one.checks, [{name: 'good', ok: true, errors: []}])
    const unknown = await validate(h, ['nope'])
    assert.equal(unknown.code, 1)
    assert.match(unknown.checks[0]!.errors[0]!, /unknown context "nope"/)
    const text = await runCli(['context', 'validate', 'nope'], {env: h.env})
    assert.match(text.stdout, /^Could not load nope: ERROR unknown context "nope"/)
    assert.match(text.stderr, /validation failed: context "nope" has problems/)
  })

  it('--connect connects with each context: OK against a server, an error against a closed port', async () => {
    const h = home()
    writeNatscliContext(h, 'up', {url: server.url, user: '', password: ''})
    writeNatscliContext(h, 'down', {url: NOWHERE, user: '', password: ''})
    // Without --connect both are valid: nothing is tried.
    const offline = await validate(h)
    assert.equal(offline.code, 0, offline.stderr)
    const r = await validate(h, ['--connect'])
    assert.equal(r.code, 1)
    assert.deepEqual(byName(r.checks, 'up'), {name: 'up', ok: true, errors: []})
    assert.equal(byName(r.checks, 'down')!.ok, false)
    assert.match(byName(r.checks, 'down')!.errors[0]!, /^connection failed: could not connect to nats:\/\/127\.0\.0\.1:1: connection refused/)
    const text = await runCli(['context', 'validate', '--connect'], {env: h.env})
    assert.match(text.stdout, /Context "up"\n(.*\n)* +Connection: OK\n/)
    assert.match(text.stdout, /Context "down"\n(.*\n)* +Connection: ERROR could not connect to nats:\/\/127\.0\.0\.1:1: connection refused/)
    const upOnly = await validate(h, ['up', '--connect'])
    assert.equal(upOnly.code, 0, upOnly.stderr)
  })

  it('says so when there are no contexts', async () => {
    const h = home()
    mkdirSync(ctxDir(h), {recursive: true})
    const r = await runCli(['context', 'validate'], {env: h.env})
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'No known contexts\n')
  })
})
