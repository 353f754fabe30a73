// server info: natscli's sections for one server, by name or ID, and the raw varz with --json.

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {makeHome, runCli} from '../../helpers/cli.js'
import {stopAllServers, type TestServer} from '../../helpers/nats-server.js'
import {SYS, startSystemServer} from './system-server.js'

describe('server info', () => {
  const home = makeHome()
  let server: TestServer
  const sys = (...args: string[]) =>
    runCli(['server', 'info', ...args, '--server', server.url, '--user', SYS.user], {env: {...home.env, NATS_PASSWORD: SYS.password}})

  before(async () => {
    server = await startSystemServer({serverName: 'described', extraConfig: 'max_payload: 2MB'})
  })
  after(async () => {
    await stopAllServers()
    home.cleanup()
  })

  it('shows the sections of the server named', async () => {
    const r = await sys('described')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^Server information for described \(N[A-Z2-7]{55}\)/)
    for (const title of ['Process Details:', 'Connection Details:', 'JetStream:', 'Limits:', 'Statistics:'])
      assert.ok(r.stdout.includes(title), title)
    assert.match(r.stdout, /Maximum Payload: 2\.0 MiB/)
    assert.match(r.stdout, /Host: 127\.0\.0\.1:\d+/)
  })

  it('--json is the varz object; the server can be named by its ID', async () => {
    const first = JSON.parse((await sys('--json')).stdout) as {server_id: string; server_name: string; max_payload: number}
    assert.equal(first.server_name, 'described')
    assert.equal(first.max_payload, 2 * 1024 * 1024)
    const byId = await sys(first.server_id, '--json')
    assert.equal(byId.code, 0, byId.stderr)
    assert.equal((JSON.parse(byId.stdout) as {server_id: string}).server_id, first.server_id)
  })

  it('a server nobody knows is an error naming it', async () => {
    const r = await sys('nosuch', '--timeout', '1s')
    assert.equal(r.code, 1)
    assert.match(r.stderr, /server "nosuch" did not answer/)
  })
})
