// account info: the connected user, the server, JetStream usage and limits, as the server reports them.

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {jetstreamManager} from '@nats-io/jetstream'
import {connect} from '@nats-io/transport-node'

import {makeHome, runCli} from '../../helpers/cli.js'
import {stopAllServers, type TestServer} from '../../helpers/nats-server.js'
import {APP, startSystemServer} from '../server/system-server.js'

describe('account info', () => {
  const home = makeHome()
  let server: TestServer
  const as = (user: string, password: string, ...args: string[]) =>
    runCli(['account', 'info', ...args, '--server', server.url, '--user', user], {env: {...home.env, NATS_PASSWORD: password}})

  before(async () => {
    server = await startSystemServer({serverName: 'acct', extraConfig: 'max_payload: 512KB'})
    const nc = await connect({servers: server.url, user: APP.user, pass: APP.password})
    const jsm = await jetstreamManager(nc)
    await jsm.streams.add({name: 'ACCT_ONE', subjects: ['one.>']})
    await jsm.streams.add({name: 'ACCT_TWO', subjects: ['two.>'], storage: 'memory' as never})
    nc.publish('one.x', 'hello')
    await nc.flush()
    await nc.close()
  })
  after(async () => {
    await stopAllServers()
    home.cleanup()
  })

  it('shows the user, the server and JetStream usage', async () => {
    const r = await as(APP.user, APP.password)
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^Account Information/)
    assert.match(r.stdout, /User: app$/m)
    assert.match(r.stdout, /Connected Server Name: acct/)
    assert.match(r.stdout, /Maximum Payload: 512 KiB/)
    assert.match(r.stdout, /JetStream Account Information:/)
    assert.match(r.stdout, /Streams: 2$/m)
    assert.match(r.stdout, /Account Limits, Tier: Default:/)
    assert.match(r.stdout, /Streams: 2 of Unlimited/)
  })

  it('--json carries the JetStream account info and the connection', async () => {
    const r = await as(APP.user, APP.password, '--json')
    assert.equal(r.code, 0, r.stderr)
    const info = JSON.parse(r.stdout) as {
      user: string
      server_name: string
      max_payload: number
      jetstream: {streams: number; storage: number; memory: number; api: {total: number}}
    }
    assert.equal(info.user, 'app')
    assert.equal(info.server_name, 'acct')
    assert.equal(info.max_payload, 512 * 1024)
    assert.equal(info.jetstream.streams, 2)
    assert.ok(info.jetstream.storage > 0)
    assert.ok(info.jetstream.api.total > 0)
  })

  it('an account without JetStream says so and still exits 0', async () => {
    const r = await as('nojs', 'nojs-password', '--json')
    assert.equal(r.code, 0, r.stderr)
    const info = JSON.parse(r.stdout) as {user: string; jetstream?: unknown; jetstream_error?: string}
    assert.equal(info.user, 'nojs')
    assert.equal(info.jetstream, undefined)
    assert.match(info.jetstream_error ?? '', /JetStream is not supported in this account/)
  })
})
