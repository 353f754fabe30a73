// server report jetstream|connections|accounts|leafnodes|health against a real server with a system
// account (and a leafnode server connected to it). The data is set up through the client and read back.

import assert from 'node:assert/strict'
import {setTimeout as sleep} from 'node:timers/promises'
import {after, before, describe, it} from 'node:test'

import {jetstreamManager} from '@nats-io/jetstream'
import {connect, type NatsConnection} from '@nats-io/transport-node'

import {makeHome, runCli} from '../../helpers/cli.js'
import {startServer, stopAllServers, type TestServer} from '../../helpers/nats-server.js'
import {APP, SYS, startSystemServer} from './system-server.js'

describe('server report', () => {
  const home = makeHome()
  let hub: TestServer
  const conns: NatsConnection[] = []
  const sys = (...args: string[]) =>
    runCli(['server', 'report', ...args, '--server', hub.url, '--user', SYS.user], {env: {...home.env, NATS_PASSWORD: SYS.password}})

  before(async () => {
    hub = await startSystemServer({serverName: 'hub', leafnodes: true})
    await startServer({serverName: 'spoke', jetstream: false, leafRemotes: [`nats-leaf://${APP.user}:${APP.password}@127.0.0.1:${hub.leafPort}`]})
    // A busy connection (10 messages in) and a quiet one, both in APP.
    const busy = await connect({servers: hub.url, user: APP.user, pass: APP.password, name: 'busy-conn'})
    const quiet = await connect({servers: hub.url, user: APP.user, pass: APP.password, name: 'quiet-conn'})
    conns.push(busy, quiet)
    for (let i = 0; i < 10; i++) busy.publish('report.x', 'hello')
    await busy.flush()
    const jsm = await jetstreamManager(quiet)
    await jsm.streams.add({name: 'REPORTED', subjects: ['reported.>']})
    for (let i = 0; i < 5; i++) quiet.publish('reported.a', 'x')
    await quiet.flush()
    // Wait for the leafnode to connect.
    for (let i = 0; i < 100; i++) {
      const r = await fetchLeafCount()
      if (r > 0) break
      await sleep(100)
    }
  })
  after(async () => {
    await Promise.all(conns.map((nc) => nc.close()))
    await stopAllServers()
    home.cleanup()
  })

  async function fetchLeafCount(): Promise<number> {
    const nc = await connect({servers: hub.url, user: SYS.user, pass: SYS.password})
    try {
      const reply = await nc.request('$SYS.REQ.SERVER.PING.LEAFZ', '', {timeout: 1000})
      return reply.json<{data: {leafnodes: number}}>().data.leafnodes
    } finally {
      await nc.close()
    }
  }

  it('jetstream: the summary per server with streams and messages', async () => {
    const r = await sys('jetstream')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /JetStream Summary/)
    assert.match(r.stdout, /│ hub +│ +│ +1 │ +0 │ +5 │/)
    const json = JSON.parse((await sys('jetstream', '--json')).stdout) as {
      servers: Array<{server: {name: string}; data: {streams: number; messages: number; api: {total: number}}}>
    }
    assert.equal(json.servers[0].data.streams, 1)
    assert.equal(json.servers[0].data.messages, 5)
    assert.ok(json.servers[0].data.api.total >= 1)
  })

  it('connections: --sort in-msgs puts the busy connection first; --top 1 keeps only it', async () => {
    const r = await sys('connections', '--sort', 'in-msgs', '--json')
    assert.equal(r.code, 0, r.stderr)
    const list = JSON.parse(r.stdout) as Array<{name?: string; account?: string; in_msgs: number; server: {name: string}}>
    const names = list.map((c) => c.name)
    assert.ok(names.indexOf('busy-conn') < names.indexOf('quiet-conn'), names.join(','))
    const busy = list.find((c) => c.name === 'busy-conn')!
    assert.equal(busy.account, 'APP')
    assert.equal(busy.server.name, 'hub')
    assert.ok(busy.in_msgs >= 10)
    const reversed = JSON.parse((await sys('connections', '--sort', 'in-msgs', '--reverse', '--json')).stdout) as typeof list
    assert.ok(reversed.findIndex((c) => c.name === 'busy-conn') > reversed.findIndex((c) => c.name === 'quiet-conn'))
    const top = await sys('connections', '--sort', 'in-msgs', '--top', '1')
    assert.equal(top.code, 0, top.stderr)
    assert.match(top.stdout, /Top 1 Connections out of \d+ by in-msgs/)
    assert.match(top.stdout, /busy-conn/)
    assert.doesNotMatch(top.stdout, /quiet-conn/)
    const app = JSON.parse((await sys('connections', '--account', 'APP', '--json')).stdout) as typeof list
    assert.ok(app.length >= 2 && app.every((c) => c.account === 'APP'))
  })

  it('accounts: connections and messages summed per account', async () => {
    const r = await sys('accounts', '--json')
    assert.equal(r.code, 0, r.stderr)
    const accounts = JSON.parse(r.stdout) as Array<{account: string; connections: number; in_msgs: number}>
    const app = accounts.find((a) => a.account === 'APP')
    assert.ok(app)
    assert.equal(app.connections, 2)
    assert.ok(app.in_msgs >= 15)
    const table = await sys('accounts', '--sort', 'conns')
    assert.match(table.stdout, /Accounts Overview/)
    assert.match(table.stdout, /│ APP +│ +2 │/)
  })

  it('leafnodes: the spoke connected into the hub, in account APP', async () => {
    const r = await sys('leafnodes', '--json')
    assert.equal(r.code, 0, r.stderr)
    const leafs = JSON.parse(r.stdout) as Array<{account: string; server: {name: string}}>
    assert.equal(leafs.length, 1)
    assert.equal(leafs[0].account, 'APP')
    assert.equal(leafs[0].server.name, 'hub')
    const human = await sys('leafnodes')
    assert.equal(human.code, 0, human.stderr)
    assert.match(human.stdout, /Leafnode Report[\s\S]*│ hub +│/)
  })

  it('health: every server ok, with totals', async () => {
    const r = await sys('health')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /│ hub +│ +│ +│ ok \(200\)/)
    assert.match(r.stdout, /ok: 1 \/ err: 0/)
    const json = JSON.parse((await sys('health', '--json')).stdout) as Array<{data: {status: string}}>
    assert.equal(json[0].data.status, 'ok')
  })
})
