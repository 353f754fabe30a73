// server ls against a real server with a system account: the table, --json, --expect, --sort, and the
// error for an account without system access.

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {connect, type NatsConnection} from '@nats-io/transport-node'

import {makeHome, runCli} from '../../helpers/cli.js'
import {stopAllServers, type TestServer} from '../../helpers/nats-server.js'
import {APP, SYS, startSystemServer} from './system-server.js'

describe('server ls', () => {
  const home = makeHome()
  let server: TestServer
  let held: NatsConnection[] = []
  const sys = (...args: string[]) =>
    runCli(['server', ...args, '--server', server.url, '--user', SYS.user], {env: {...home.env, NATS_PASSWORD: SYS.password}})

  before(async () => {
    server = await startSystemServer({serverName: 'alpha'})
    // Two application connections the statsz must count.
    held = await Promise.all([1, 2].map(() => connect({servers: server.url, user: APP.user, pass: APP.password})))
  })
  after(async () => {
    await Promise.all(held.map((nc) => nc.close()))
    await stopAllServers()
    home.cleanup()
  })

  it('lists the server with its connections, and totals', async () => {
    const r = await sys('ls')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /Server Overview/)
    assert.match(r.stdout, /│ alpha +│/)
    assert.match(r.stdout, /2\.9\.\d+/)
    assert.match(r.stdout, /│ Totals +│ 0 +│ 1 servers/)
  })

  it("--json is natscli's array of {server, statsz}, counting the connections the server has", async () => {
    const r = await sys('ls', '--json')
    assert.equal(r.code, 0, r.stderr)
    const list = JSON.parse(r.stdout) as Array<{server: {name: string; jetstream: boolean}; statsz: {connections: number}}>
    assert.equal(list.length, 1)
    assert.equal(list[0].server.name, 'alpha')
    assert.equal(list[0].server.jetstream, true)
    // The two held connections plus natsctl's own.
    assert.equal(list[0].statsz.connections, 3)
  })

  it('--expect more servers than answer exits 1 naming the shortfall; --expect met exits 0', async () => {
    const short = await sys('ls', '--expect', '2')
    assert.equal(short.code, 1)
    assert.match(short.stderr, /expected 2 servers, 1 answered/)
    assert.match(short.stdout, /alpha/)
    const positional = await sys('ls', '2')
    assert.equal(positional.code, 1)
    const met = await sys('ls', '--expect', '1')
    assert.equal(met.code, 0, met.stderr)
  })

  it('rejects an unknown --sort', async () => {
    const r = await sys('ls', '--sort', 'bogus')
    assert.equal(r.code, 2)
  })

  it('an account without system access gets "no system account access", exit 1', async () => {
    const r = await runCli(['server', 'ls', '--server', server.url, '--user', APP.user], {env: {...home.env, NATS_PASSWORD: APP.password}})
    assert.equal(r.code, 1)
    assert.match(r.stderr, /no system account access: use a context with system account credentials/)
  })

  it('answers under the srv, sys and system aliases', async () => {
    const r = await runCli(['srv', 'ls', '--json', '--server', server.url, '--user', SYS.user], {env: {...home.env, NATS_PASSWORD: SYS.password}})
    assert.equal(r.code, 0, r.stderr)
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 1)
  })
})
