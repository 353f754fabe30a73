// context info: natscli's column view and --json, secrets masked. It never connects.
import assert from 'node:assert/strict'
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {runCli} from '../../helpers/cli.js'
import {ctxDir, ctxFile, homesForThisFile, writeNatscliContext} from '../../helpers/contexts.js'

const home = homesForThisFile()

describe('context info', () => {
  it("shows natscli's column view with secrets masked, and --json masked unless --show-secrets", async () => {
    const h = home()
    const creds = join(h.dir, 'user.creds')
    writeFileSync(creds, 'x')
    writeNatscliContext(h, 'x', {password: 'hunter2', user: 'a'})
    writeNatscliContext(h, 'c', {user: '', password: '', creds, cert: join(h.dir, 'missing.pem'), inbox_prefix: '_MY'})
    const r = await runCli(['context', 'info', 'x'], {env: h.env})
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^NATS Configuration Context "x"\n\n/)
    assert.match(r.stdout, /\n +Description: written by natscli\n +Server URLs: nats:\/\/127\.0\.0\.1:1\n +Username: a\n +Password: \*\*\*\n/)
    assert.match(r.stdout, /\n +JS Domain: hub\n/)
    assert.ok(r.stdout.includes(`Path: ${ctxFile(h, 'x')}\n`))
    // Labels are right-aligned: every colon in the rows sits in the same column.
    const rows = r.stdout
      .split('\n')
      .slice(2)
      .filter((l) => l.includes(': '))
    assert.equal(new Set(rows.map((l) => l.indexOf(': '))).size, 1, r.stdout)
    assert.doesNotMatch(r.stdout, /hunter2/)

    const c = await runCli(['context', 'view', 'c'], {env: h.env})
    assert.match(c.stdout, new RegExp(`Credentials: ${creds.replace(/[.]/g, '\\.')} \\(OK\\)`))
    assert.match(c.stdout, /Certificate: .*missing\.pem \(ERROR\)/)
    assert.match(c.stdout, /Inbox Prefix: _MY/)

    const json = JSON.parse((await runCli(['context', 'show', 'x', '--json'], {env: h.env})).stdout) as Record<string, unknown>
    assert.equal(json.name, 'x')
    assert.equal(json.password, '***')
    assert.equal(json.color_scheme, 'blue')
    const shown = JSON.parse((await runCli(['context', 'info', 'x', '--json', '--show-secrets'], {env: h.env})).stdout) as Record<string, unknown>
    assert.equal(shown.password, 'hunter2')
    assert.match((await runCli(['context', 'info', 'x', '--show-secrets'], {env: h.env})).stdout, /Password: hunter2/)
  })

  it('shows the selected context without a name, and fails clearly with neither', async () => {
    const h = home()
    const none = await runCli(['context', 'info'], {env: h.env})
    assert.equal(none.code, 1)
    assert.match(none.stderr, /^natsctl: error: no context selected and no name given/m)
    writeNatscliContext(h, 'sel')
    writeFileSync(join(h.configDir, 'nats', 'context.txt'), 'sel')
    assert.match((await runCli(['context', 'info'], {env: h.env})).stdout, /Context "sel"/)
  })

  it('warns on stderr when NATS_* variables override the context', async () => {
    const h = home()
    writeNatscliContext(h, 'x')
    const quiet = await runCli(['context', 'info', 'x'], {env: h.env})
    assert.doesNotMatch(quiet.stderr, /WARNING/)
    const r = await runCli(['context', 'info', 'x'], {env: {...h.env, NATS_URL: 'nats://elsewhere:4222', NATS_USER: 'x', NATS_CONTEXT: 'x'}})
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /^WARNING: Shell environment overrides in place using \[NATS_URL NATS_USER\]$/m)
    assert.doesNotMatch(r.stdout, /WARNING/)
  })

  it('names the file of a corrupt context', async () => {
    const h = home()
    mkdirSync(ctxDir(h), {recursive: true})
    writeFileSync(ctxFile(h, 'broken'), '{"url": ')
    const r = await runCli(['context', 'info', 'broken'], {env: h.env})
    assert.equal(r.code, 1)
    assert.match(r.stderr, new RegExp(`^natsctl: error: corrupt context file ${ctxFile(h, 'broken').replace(/[.]/g, '\\.')}`, 'm'))
    assert.doesNotMatch(r.stderr, /\n\s+at /)
  })
})
