// context add (aliases create, save) as users run it: files on disk in natscli's format, output, exit codes.
// It never connects to NATS (the servers named here do not exist).
import assert from 'node:assert/strict'
import {existsSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {runCli} from '../../helpers/cli.js'
import {ctxDir, ctxFile, homesForThisFile, NOWHERE, readCtx, selected, writeNatscliContext} from '../../helpers/contexts.js'

const home = homesForThisFile()

describe('context add', () => {
  it('saves the connection flags under natscli field names, 0600 in 0700 dirs, and shows the context', async () => {
    const h = home()
    const r = await runCli(
      [
        'context',
        'add',
        'prod',
        '--server',
        NOWHERE,
        '--user',
        'bob',
        '--password',
        'hunter2',
        '--tlscert',
        '/c.pem',
        '--tlskey',
        '/k.pem',
        '--tlsca',
        '/ca.pem',
        '--tlsfirst',
        '--js-domain',
        'hub',
        '--js-api-prefix',
        'api.x',
        '--inbox-prefix',
        '_IN',
        '--description',
        'Production',
      ],
      {env: h.env},
    )
    assert.equal(r.code, 0, r.stderr)
    const saved = readCtx(h, 'prod')
    assert.deepEqual(
      {...saved},
      {
        ...saved,
        description: 'Production',
        url: NOWHERE,
        user: 'bob',
        password: 'hunter2',
        cert: '/c.pem',
        key: '/k.pem',
        ca: '/ca.pem',
        tls_first: true,
        jetstream_domain: 'hub',
        jetstream_api_prefix: 'api.x',
        inbox_prefix: '_IN',
        token: '',
        creds: '',
        nkey: '',
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
