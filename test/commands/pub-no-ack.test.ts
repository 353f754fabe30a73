// `pub -J` when nobody answers: the client only knows "no responders", which is what a missing stream, a
// server without JetStream, a server that disabled JetStream (a full disk) and an offline stream all look
// like. natsctl asks the JetStream API which it is and says so.
import assert from 'node:assert/strict'
import {setTimeout as sleep} from 'node:timers/promises'
import {after, before, describe, it} from 'node:test'

import {jetstreamManager} from '@nats-io/jetstream'
import {connect} from '@nats-io/transport-node'

import {makeHome, runCli, type TestHome} from '../helpers/cli.js'
import {startCluster, startServer, stopAllServers, type TestServer} from '../helpers/nats-server.js'

describe('pub -J when nobody acknowledges', () => {
  let home: TestHome
  before(() => {
    home = makeHome()
  })
  after(async () => {
    await stopAllServers()
    home?.cleanup()
  })

  it('says JetStream is not available when the server has none (as a server that disabled it says nothing)', async () => {
    const server = await startServer({jetstream: false})
    const r = await runCli(['pub', 'orders.x', 'hi', '-J', '--server', server.url], {env: home.env})
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^natsctl: error: JetStream is not available on the server: not enabled, or disabled by the server/m)
    assert.doesNotMatch(r.stderr, /no stream captures/)
    await server.stop()
  })

  it('names the stream that captures the subject when its only server is down', async () => {
    const nodes: TestServer[] = await startCluster(3, {name: 'noack'})
    const nc = await connect({servers: nodes[0].url})
    try {
      const jsm = await jetstreamManager(nc, {checkAPI: false})
      // The meta group elects a leader a few seconds after the routes connect.
      let info
      for (let i = 0; !info && i < 60; i++) {
        info = await jsm.streams.add({name: 'R1', subjects: ['r1.>'], num_replicas: 1}).catch(() => undefined)
        if (!info) await sleep(500)
      }
      assert.ok(info, 'the cluster never accepted the stream')
      const leader = info.cluster?.leader
      const host = nodes.find((_, i) => `n${i + 1}` === leader)
      assert.ok(host, `no node named ${leader}`)
      await host.stop()
      const other = nodes.find((n) => n !== host)!
      const r = await runCli(['pub', 'r1.x', 'hi', '-J', '--server', other.url], {env: home.env})
      assert.equal(r.code, 1)
      assert.match(r.stderr, /^natsctl: error: stream "R1" captures subject "r1\.x" but did not answer: is it offline/m)
    } finally {
      await nc.close()
    }
  })
})
