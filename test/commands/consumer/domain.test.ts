// consumer commands with --js-domain: a hub and a leafnode edge (domain "edge"); from a client of the hub,
// create, list, inspect, pull from and delete a consumer of a stream that lives on the edge.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'

import {jetstream, jetstreamManager, type JetStreamManager} from '@nats-io/jetstream'
import {connect, type NatsConnection} from '@nats-io/transport-node'

import {makeHome, runCli, type TestHome} from '../../helpers/cli.js'
import {startServer, stopAllServers, type TestServer} from '../../helpers/nats-server.js'

describe('consumer commands across a JetStream domain', () => {
  let hub: TestServer
  let home: TestHome
  let nc: NatsConnection
  let edgeJsm: JetStreamManager
  const cli = (...args: string[]) => runCli([...args, '--server', hub.url, '--js-domain', 'edge'], {env: home.env})

  before(async () => {
    hub = await startServer({domain: 'hub', leafnodes: true, serverName: 'hub'})
    // The edge is stopped with the hub by stopAllServers.
    await startServer({domain: 'edge', leafRemotes: [`nats-leaf://127.0.0.1:${hub.leafPort}`], serverName: 'edge'})
    home = makeHome()
    nc = await connect({servers: hub.url})
    for (let i = 0; ; i++) {
      try {
        edgeJsm = await jetstreamManager(nc, {domain: 'edge', timeout: 1000})
        await edgeJsm.getAccountInfo()
        break
      } catch (error) {
        if (i > 100) throw error
        await sleep(100)
      }
    }
    await edgeJsm.streams.add({name: 'EDGE', subjects: ['edge.>']})
    const js = jetstream(nc, {domain: 'edge'})
    for (let i = 1; i <= 3; i++) await js.publish('edge.a', `e${i}`)
  })
  after(async () => {
    await nc?.close()
    await stopAllServers()
    home?.cleanup()
  })

  it('add, ls, info, next, report and rm reach the edge domain from a hub client', async () => {
    const add = await cli('consumer', 'add', 'EDGE', 'REMOTE', '--pull', '--max-deliver', '4', '--defaults')
    assert.equal(add.code, 0, add.stderr)
    assert.equal((await edgeJsm.consumers.info('EDGE', 'REMOTE')).config.max_deliver, 4)
    const hubJsm = await jetstreamManager(nc)
    await assert.rejects(hubJsm.streams.info('EDGE'), 'the stream lives on the edge only')

    assert.deepEqual(JSON.parse((await cli('consumer', 'ls', 'EDGE', '--json')).stdout), ['REMOTE'])
    assert.equal(JSON.parse((await cli('consumer', 'info', 'EDGE', 'REMOTE', '--json')).stdout).num_pending, 3)
    const next = await cli('consumer', 'next', 'EDGE', 'REMOTE', '--count', '2', '--raw')
    assert.equal(next.code, 0, next.stderr)
    assert.equal(next.stdout, 'e1\ne2\n')
    assert.equal((await edgeJsm.consumers.info('EDGE', 'REMOTE')).ack_floor.stream_seq, 2)
    const report = await cli('consumer', 'report', 'EDGE')
    assert.match(report.stdout, /│ REMOTE +│ Pull │/)
    const rm = await cli('consumer', 'rm', 'EDGE', 'REMOTE', '--force')
    assert.equal(rm.code, 0, rm.stderr)
    await assert.rejects(edgeJsm.consumers.info('EDGE', 'REMOTE'))
  })
})
