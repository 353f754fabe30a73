// The context commands as users run them: files on disk in natscli's format, output, exit codes. None of
// them connects to NATS (the servers named here do not exist).
import assert from 'node:assert/strict'
import {existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'

import {makeHome, runCli, type TestHome} from '../helpers/cli.js'

const homes: TestHome[] = []
function home(): TestHome {
  const h = makeHome()
  homes.push(h)
  return h
}
after(() => {
  for (const h of homes) h.cleanup()
})

const ctxDir = (h: TestHome) => join(h.configDir, 'nats', 'context')
const ctxFile = (h: TestHome, name: string) => join(ctxDir(h), `${name}.json`)
const readCtx = (h: TestHome, name: string) => JSON.parse(readFileSync(ctxFile(h, name), 'utf8')) as Record<string, unknown>
const selected = (h: TestHome) => {
  const file = join(h.configDir, 'nats', 'context.txt')
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined
}
// A port nothing listens on: a context command that tried to connect would fail.
const NOWHERE = 'nats://127.0.0.1:1'

/** A context file exactly as natscli writes it, plus fields natsctl does not know. */
function writeNatscliContext(h: TestHome, name: string, fields: Record<string, unknown> = {}): void {
  mkdirSync(ctxDir(h), {recursive: true, mode: 0o700})
  const natscli = {
    description: 'written by natscli',
    url: NOWHERE,
    socks_proxy: '',
    token: '',
    user: 'a',
    password: 'b',
    creds: '',
    nkey: '',
    cert: '',
    key: '',
    ca: '',
    nsc: '',
    jetstream_domain: 'hub',
    jetstream_api_prefix: '',
    jetstream_event_prefix: '',
    inbox_prefix: '',
    user_jwt: '',
    user_seed: '',
    color_scheme: 'blue',
    tls_first: false,
    windows_cert_store: '',
    windows_cert_match_by: '',
    windows_cert_match: '',
    windows_ca_certs_match: [],
    future_field: 1,
    ...fields,
  }
  writeFileSync(ctxFile(h, name), JSON.stringify(natscli, null, 2), {mode: 0o600})
}

describe('context add', () => {
  it('saves the connection flags under natscli field names, 0600 in 0700 dirs, and shows the context', async () => {
    const h = home()
    const r = await runCli(
      ['context', 'add', 'prod', '--server', NOWHERE, '--user', 'bob', '--password', 'hunter2', '--tlscert', '/c.pem', '--tlskey', '/k.pem',
        '--tlsca', '/ca.pem', '--tlsfirst', '--js-domain', 'hub', '--js-api-prefix', 'api.x', '--inbox-prefix', '_IN', '--description', 'Production'],
      {env: h.env},
    )
    assert.equal(r.code, 0, r.stderr)
    const saved = readCtx(h, 'prod')
    assert.deepEqual(
      {...saved},
      {
        ...saved,
        description: 'Production', url: NOWHERE, user: 'bob', password: 'hunter2', cert: '/c.pem', key: '/k.pem', ca: '/ca.pem',
        tls_first: true, jetstream_domain: 'hub', jetstream_api_prefix: 'api.x', inbox_prefix: '_IN', token: '', creds: '', nkey: '',
      },
    )
    assert.deepEqual(Object.keys(saved).slice(0, 3), ['description', 'url', 'socks_proxy'])
    assert.equal(statSync(ctxFile(h, 'prod')).mode & 0o777, 0o600)
    assert.equal(statSync(ctxDir(h)).mode & 0o777, 0o700)
    assert.equal(statSync(join(h.configDir, 'nats')).mode & 0o777, 0o700)
    assert.match(r.stdout, /NATS Configuration Context "prod"/)
    assert.match(r.stdout, /Password: \*\*\*\n/)
    assert.doesNotMatch(r.stdout + r.stderr, /hunter2/)
    assert.match(r.stdout, /Certificate: \/c\.pem \(ERROR\)/)
    assert.equal(selected(h), undefined, 'not selected without --select')
  })

  it('maps --token, --creds and --nkey, and selects with --select (aliases create and save)', async () => {
    const h = home()
    assert.equal((await runCli(['context', 'create', 't', '--token', 's3cr3t', '--select'], {env: h.env})).code, 0)
    assert.equal(readCtx(h, 't').token, 's3cr3t')
    assert.equal(selected(h), 't')
    assert.equal((await runCli(['context', 'save', 'c', '--creds', '/x.creds'], {env: h.env})).code, 0)
    assert.equal(readCtx(h, 'c').creds, '/x.creds')
    assert.equal((await runCli(['context', 'add', 'n', '--nkey', '/x.nk'], {env: h.env})).code, 0)
    assert.equal(readCtx(h, 'n').nkey, '/x.nk')
  })

  it('takes global flags before the command too', async () => {
    const h = home()
    const r = await runCli(['-s', NOWHERE, 'context', 'add', 'early'], {env: h.env})
    assert.equal(r.code, 0, r.stderr)
    assert.equal(readCtx(h, 'early').url, NOWHERE)
  })

  it('updates only the fields given, keeping natscli values and unknown fields', async () => {
    const h = home()
    writeNatscliContext(h, 'x')
    const r = await runCli(['context', 'add', 'x', '--description', 'new'], {env: h.env})
    assert.equal(r.code, 0, r.stderr)
    const saved = readCtx(h, 'x')
    assert.equal(saved.description, 'new')
    assert.equal(saved.url, NOWHERE)
    assert.equal(saved.user, 'a')
    assert.equal(saved.password, 'b')
    assert.equal(saved.jetstream_domain, 'hub')
    assert.equal(saved.color_scheme, 'blue')
    assert.equal(saved.future_field, 1)
    assert.deepEqual(saved.windows_ca_certs_match, [])
  })

  it('clears a field given an empty value, so credentials can change kind', async () => {
    const h = home()
    assert.equal((await runCli(['context', 'add', 't', '--token', 'abc'], {env: h.env})).code, 0)
    const r = await runCli(['context', 'add', 't', '--token', '', '--creds', '/x.creds'], {env: h.env})
    assert.equal(r.code, 0, r.stderr)
    assert.equal(readCtx(h, 't').token, '')
    assert.equal(readCtx(h, 't').creds, '/x.creds')
  })

  it('refuses more than one kind of credentials, as natscli does, and writes nothing', async () => {
    const h = home()
    const r = await runCli(['context', 'add', 'two', '--user', 'u', '--password', 'p', '--creds', '/x.creds'], {env: h.env})
    assert.equal(r.code, 2)
    assert.match(r.stderr, /^natsctl: error: too many types of credentials/m)
    assert.equal(existsSync(ctxFile(h, 'two')), false)
    // Adding a second kind to an existing context is refused too.
    writeNatscliContext(h, 'x')
    const r2 = await runCli(['context', 'add', 'x', '--nkey', '/x.nk'], {env: h.env})
    assert.equal(r2.code, 2)
    assert.equal(readCtx(h, 'x').nkey, '')
  })

  it('rejects names with /, \\ or .. with exit 2', async () => {
    const h = home()
    for (const name of ['a/b', 'a\\b', '..', '../escape']) {
      const r = await runCli(['context', 'add', name, '--server', NOWHERE], {env: h.env})
      assert.equal(r.code, 2, `${name}: ${r.stderr}`)
      assert.match(r.stderr, /natsctl: error: invalid context name/)
    }
    assert.equal(existsSync(join(h.configDir, 'nats', 'escape.json')), false)
  })

  it('rejects a malformed server URL with exit 2', async () => {
    const h = home()
    const r = await runCli(['context', 'add', 'bad', '--server', 'http://x:1'], {env: h.env})
    assert.equal(r.code, 2)
    assert.match(r.stderr, /invalid server URL/)
  })
})

describe('context ls', () => {
  it('says so when there are no contexts', async () => {
    const h = home()
    const r = await runCli(['context', 'ls'], {env: h.env})
    assert.equal(r.code, 0)
    assert.equal(r.stdout.trim(), 'No known contexts')
  })

  it('draws a Known Contexts table with the selected one marked, --names and --json (masked)', async () => {
    const h = home()
    writeNatscliContext(h, 'edge', {description: 'Edge node'})
    writeNatscliContext(h, 'prod', {description: 'Production', password: 'hunter2'})
    writeFileSync(join(h.configDir, 'nats', 'context.txt'), 'prod')
    const r = await runCli(['context', 'list'], {env: h.env})
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /Known Contexts/)
    assert.match(r.stdout, /│ Name +│ Description +│/)
    assert.match(r.stdout, /│ prod\* +│ Production +│/)
    assert.match(r.stdout, /│ edge +│ Edge node +│/)

    const names = await runCli(['context', 'ls', '--names'], {env: h.env})
    assert.equal(names.stdout, 'edge\nprod\n')

    const json = await runCli(['context', 'ls', '--json'], {env: h.env})
    const list = JSON.parse(json.stdout) as Array<Record<string, unknown>>
    assert.deepEqual(list.map((c) => c.name), ['edge', 'prod'])
    assert.equal(list[1].description, 'Production')
    assert.equal(list[1].password, '***')
    assert.equal(list[1].future_field, 1)
    assert.doesNotMatch(json.stdout, /hunter2/)
  })
})

describe('context info', () => {
  it('shows natscli\'s column view with secrets masked, and --json masked unless --show-secrets', async () => {
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
    const rows = r.stdout.split('\n').slice(2).filter((l) => l.includes(': '))
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

describe('context select, unselect, previous', () => {
  it('selects by name (aliases switch, set), shows it, and switches back with previous', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    writeNatscliContext(h, 'b')
    const r = await runCli(['context', 'select', 'a'], {env: h.env})
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /NATS Configuration Context "a"/)
    assert.equal(selected(h), 'a')
    assert.equal((await runCli(['context', 'switch', 'b'], {env: h.env})).code, 0)
    assert.equal(selected(h), 'b')
    assert.equal(readFileSync(join(h.configDir, 'nats', 'previous-context.txt'), 'utf8').trim(), 'a')
    const prev = await runCli(['context', 'previous'], {env: h.env})
    assert.equal(prev.code, 0, prev.stderr)
    assert.match(prev.stdout, /Context "a"/)
    assert.equal(selected(h), 'a')
    assert.equal((await runCli(['context', 'previous'], {env: h.env})).code, 0)
    assert.equal(selected(h), 'b')
    assert.equal((await runCli(['context', 'set', 'a'], {env: h.env})).code, 0)
    assert.equal(selected(h), 'a')
  })

  it('refuses an unknown context and leaves the selection alone', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    await runCli(['context', 'select', 'a'], {env: h.env})
    const r = await runCli(['context', 'select', 'nope'], {env: h.env})
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^natsctl: error: unknown context "nope"/m)
    assert.equal(selected(h), 'a')
  })

  it('without a name and without a terminal, fails with a clear error instead of waiting', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    const r = await runCli(['context', 'select'], {env: h.env})
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^natsctl: error: cannot prompt for "Select a Context" without a terminal: pass the context name/m)
  })

  it('unselect says which context it unselected', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    await runCli(['context', 'select', 'a'], {env: h.env})
    const r = await runCli(['context', 'unselect'], {env: h.env})
    assert.equal(r.code, 0)
    assert.equal(r.stdout.trim(), 'Unselected the "a" context')
    assert.equal(selected(h), undefined)
    assert.equal((await runCli(['context', 'unselect'], {env: h.env})).stdout.trim(), 'No context is selected')
  })

  it('previous without a previous context is an error', async () => {
    const h = home()
    const r = await runCli(['context', 'previous'], {env: h.env})
    assert.equal(r.code, 1)
    assert.match(r.stderr, /no previous context/)
  })
})

describe('context rm', () => {
  it('without a terminal and without --force, refuses and says to pass --force', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    const r = await runCli(['context', 'rm', 'a'], {env: h.env})
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^natsctl: error: cannot prompt for "Really delete context "a"" without a terminal: pass --force/m)
    assert.ok(existsSync(ctxFile(h, 'a')))
  })

  it('deletes with --force (alias remove, -f)', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    writeNatscliContext(h, 'b')
    assert.equal((await runCli(['context', 'rm', 'a', '--force'], {env: h.env})).code, 0)
    assert.equal(existsSync(ctxFile(h, 'a')), false)
    assert.equal((await runCli(['context', 'remove', 'b', '-f'], {env: h.env})).code, 0)
    assert.equal(existsSync(ctxFile(h, 'b')), false)
    const missing = await runCli(['context', 'rm', 'b', '-f'], {env: h.env})
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /unknown context "b"/)
  })

  it('refuses the selected context without --force, deletes and unselects it with --force', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    await runCli(['context', 'select', 'a'], {env: h.env})
    const r = await runCli(['context', 'rm', 'a'], {env: h.env})
    assert.equal(r.code, 1)
    assert.match(r.stderr, /"a" is the selected context.*--force/)
    assert.ok(existsSync(ctxFile(h, 'a')))
    const forced = await runCli(['context', 'rm', 'a', '--force'], {env: h.env})
    assert.equal(forced.code, 0, forced.stderr)
    assert.equal(existsSync(ctxFile(h, 'a')), false)
    assert.equal(selected(h), undefined)
  })
})

describe('context copy', () => {
  it('copies a context, applying the flags given, and refuses an existing target', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    const r = await runCli(['context', 'cp', 'a', 'b', '--description', 'copy', '--token', 'tok'], {env: h.env})
    assert.equal(r.code, 0, r.stderr)
    const b = readCtx(h, 'b')
    assert.equal(b.description, 'copy')
    assert.equal(b.url, NOWHERE)
    assert.equal(b.token, 'tok')
    assert.equal(b.user, '', 'the new credentials replace the copied ones')
    assert.equal(b.future_field, 1)
    const again = await runCli(['context', 'copy', 'a', 'b'], {env: h.env})
    assert.equal(again.code, 1)
    assert.match(again.stderr, /context "b" already exists/)
  })
})
