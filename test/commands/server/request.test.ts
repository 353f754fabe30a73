// server request KIND [SERVER]: the raw monitoring objects, natscli's kind names, endpoint options.

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {jetstreamManager} from '@nats-io/jetstream'
import {connect, type NatsConnection} from '@nats-io/transport-node'

import {makeHome, runCli} from '../../helpers/cli.js'
import {stopAllServers, type TestServer} from '../../helpers/nats-server.js'
import {APP, SYS, startSystemServer} from './system-server.js'

describe('server request', () => {
  const home = makeHome()
  let server: TestServer
  let app: NatsConnection
  const sys = (...args: string[]) =>
    runCli(['server', 'request', ...args, '--server', server.url, '--user', SYS.user], {env: {...home.env, NATS_PASSWORD: SYS.password}})

  before(async () => {
    server = await startSystemServer({serverName: 'asked'})
    app = await connect({servers: server.url, user: APP.user, pass: APP.password, name: 'request-test-app'})
    await (await jetstreamManager(app)).streams.add({name: 'REQ', subjects: ['req.>']})
  })
  after(async () => {
    await app.close()
    await stopAllServers()
    home.cleanup()
  })

  it('varz --json is an array of {server, data} with the raw varz', async () => {
    const r = await sys('varz', '--json')
    assert.equal(r.code, 0, r.stderr)
    const replies = JSON.parse(r.stdout) as Array<{server: {name: string}; data: {server_name: string; version: string}}>
    assert.equal(replies.length, 1)
    assert.equal(replies[0].server.name, 'asked')
    assert.equal(replies[0].data.server_name, 'asked')
  })

  it('natscli names work (connections = connz), and --options reach the server', async () => {
    const plain = JSON.parse((await sys('connections', '--json')).stdout) as Array<{
      data: {connections: Array<{name?: string; subscriptions_list?: string[]}>}
    }>
    const conn = plain[0].data.connections.find((c) => c.name === 'request-test-app')
    assert.ok(conn)
    assert.equal(conn.subscriptions_list, undefined)
    const detailed = JSON.parse((await sys('connz', '--options', '{"subscriptions":true}', '--json')).stdout) as typeof plain
    assert.ok(Array.isArray(detailed[0].data.connections.find((c) => c.name === 'request-test-app')?.subscriptions_list))
  })

  it('jsz for the server named, with accounts, shows the stream the application made', async () => {
    const r = await sys('jsz', 'asked', '--options', '{"accounts":true}', '--json')
    assert.equal(r.code, 0, r.stderr)
    const [reply] = JSON.parse(r.stdout) as Array<{data: {streams: number; account_details?: Array<{name: string}>}}>
    assert.equal(reply.data.streams, 1)
    assert.ok(reply.data.account_details?.some((a) => a.name === 'APP'))
  })

  it('prints the JSON without --json; healthz says ok', async () => {
    const r = await sys('healthz')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /"status": "ok"/)
  })

  it('an unknown kind is a usage error; bad --options too', async () => {
    const bad = await sys('bogusz')
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /unknown kind "bogusz"/)
    const opts = await sys('varz', '--options', '{nope')
    assert.equal(opts.code, 2)
  })
})
