// Contexts used by a command that connects: a natscli-written file works unchanged against a server that
// needs its credentials, and a selected context whose file is gone is reported once and unselected.
import assert from 'node:assert/strict'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {listen} from './connection-support.js'
import {makeHome, runCli, type TestHome} from '../helpers/cli.js'
import {startServer, stopAllServers, type TestServer} from '../helpers/nats-server.js'

let server: TestServer
const homes: TestHome[] = []
before(async () => {
  server = await startServer({jetstream: false, auth: {user: 'a', password: 'b'}})
})
after(async () => {
  await stopAllServers()
  for (const h of homes) h.cleanup()
})

function home(): TestHome {
  const h = makeHome()
  homes.push(h)
  return h
}

/** natscli's own serialization of a context (every field, in its order), plus fields natsctl does not know. */
function natscliContext(url: string): string {
  return `{
  "description": "made by natscli",
  "url": "${url}",
  "socks_proxy": "",
  "token": "",
  "user": "a",
  "password": "b",
  "creds": "",
  "nkey": "",
  "cert": "",
  "key": "",
  "ca": "",
  "nsc": "",
  "jetstream_domain": "",
  "jetstream_api_prefix": "",
  "jetstream_event_prefix": "",
  "inbox_prefix": "",
  "user_jwt": "",
  "user_seed": "",
  "color_scheme": "blue",
  "tls_first": false,
  "windows_cert_store": "",
  "windows_cert_match_by": "",
  "windows_cert_match": "",
  "windows_ca_certs_match": [],
  "future_field": 1
}`
}

describe('a natscli-written context', () => {
  it('is used as is: its url and its user/password reach the server', async () => {
    const h = home()
    const dir = join(h.configDir, 'nats', 'context')
    mkdirSync(dir, {recursive: true, mode: 0o700})
    writeFileSync(join(dir, 'x.json'), natscliContext(server.url), {mode: 0o600})
    const listener = await listen(server.url, 'compat.>', {user: 'a', pass: 'b'})
    try {
      // Without the context's credentials the server refuses: the context is what authenticates.
      const bare = await runCli(['pub', 'compat.none', 'hi', '-s', server.url], {env: h.env})
      assert.equal(bare.code, 1)
      assert.match(bare.stderr, /natsctl: error: authorization failed/)

      const r = await runCli(['--context', 'x', 'pub', 'compat.one', 'hello from natscli'], {env: h.env})
      assert.equal(r.code, 0, r.stderr)
      assert.deepEqual(await listener.settle(), ['hello from natscli'])

      // Rewritten by natsctl, the file keeps natscli's and unknown fields, and still works.
      assert.equal((await runCli(['context', 'add', 'x', '--description', 'new'], {env: h.env})).code, 0)
      const saved = JSON.parse(readFileSync(join(dir, 'x.json'), 'utf8')) as Record<string, unknown>
      assert.equal(saved.description, 'new')
      assert.equal(saved.color_scheme, 'blue')
      assert.equal(saved.future_field, 1)
      assert.equal(saved.password, 'b')
      await runCli(['context', 'select', 'x'], {env: h.env})
      const selected = await runCli(['pub', 'compat.two', 'via the selected context'], {env: h.env})
      assert.equal(selected.code, 0, selected.stderr)
      assert.deepEqual(await listener.settle(), ['hello from natscli', 'via the selected context'])
    } finally {
      await listener.close()
    }
  })
})

describe('a selected context whose file is gone', () => {
  it('is reported once, unselected, and the command goes on', async () => {
    const h = home()
    mkdirSync(join(h.configDir, 'nats'), {recursive: true})
    writeFileSync(join(h.configDir, 'nats', 'context.txt'), 'vanished')
    const listener = await listen(server.url, 'gone.>', {user: 'a', pass: 'b'})
    try {
      const url = `nats://a:b@127.0.0.1:${server.port}`
      const first = await runCli(['pub', 'gone.1', 'one', '-s', url], {env: h.env})
      assert.equal(first.code, 0, first.stderr)
      assert.match(first.stderr, /The selected context "vanished" was not found, unselecting it/)
      assert.equal(existsSync(join(h.configDir, 'nats', 'context.txt')), false)
      const second = await runCli(['pub', 'gone.2', 'two', '-s', url], {env: h.env})
      assert.equal(second.code, 0, second.stderr)
      assert.doesNotMatch(second.stderr, /vanished/)
      assert.deepEqual(await listener.settle(), ['one', 'two'])
    } finally {
      await listener.close()
    }
  })
})
