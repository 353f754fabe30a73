// bench sub against a real nats-server: what it receives, Ctrl-C, and a server that goes away.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import type {NatsConnection} from '@nats-io/transport-node'

import {startCli, type TestHome} from '../../helpers/cli.js'
import {type CoreTestbed, startCoreTestbed} from '../../helpers/core.js'
import {startServer, type TestServer} from '../../helpers/nats-server.js'
import {json, waitForSubscriptions} from '../../helpers/bench.js'

let testbed: CoreTestbed
let server: TestServer
let home: TestHome
let nc: NatsConnection

const bench = (args: string[], timeoutMs = 60_000) => testbed.cli(['bench', ...args], {timeoutMs})
const waitForSubscribers = (subject: string, count = 1) => waitForSubscriptions(server.monitorPort!, subject, count)

before(async () => {
  testbed = await startCoreTestbed({monitor: true})
  ;({server, home, nc} = testbed)
})
after(() => testbed?.close())

describe('bench sub', () => {
  it('bench sub receives what a publisher sends', async () => {
    const sub = startCli(['bench', 'sub', 'b.sub', '--msgs', '5000', '--json', '--server', server.url], {env: home.env})
    await waitForSubscribers('b.sub')
    const pub = await bench(['pub', 'b.sub', '--msgs', '5000'])
    assert.equal(pub.code, 0, pub.stderr)
    const r = await sub.done
    assert.equal(r.code, 0, r.stderr)
    const report = json(r.stdout)
    assert.equal(report.subscribers.msgs, 5000)
    assert.equal(report.subscribers.bytes, 5000 * 128)
    assert.equal(report.publishers, undefined)
  })

  it('Ctrl-C ends bench sub with what it received, exit 0 and a warning', async () => {
    const sub = startCli(['bench', 'sub', 'b.int', '--msgs', '1000', '--json', '--server', server.url], {env: home.env})
    await waitForSubscribers('b.int')
    for (let i = 0; i < 10; i++) nc.publish('b.int', 'x')
    await nc.flush()
    // Delivery to the subscriber is not observable from here: give it a moment before the signal.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    sub.kill('SIGINT')
    const r = await sub.done
    assert.equal(r.code, 0, r.stderr)
    const report = json(r.stdout)
    assert.equal(report.subscribers.msgs, 10)
    assert.deepEqual(report.warnings, ['the run was interrupted: results cover what happened until then'])
  })

  it('a subscriber whose server goes away makes the run say so and exit 1', async () => {
    const lonely = await startServer({jetstream: false, monitor: true})
    try {
      const sub = startCli(['bench', 'sub', 'b.gone', '--msgs', '1000', '--server', lonely.url], {env: home.env})
      await waitForSubscriptions(lonely.monitorPort!, 'b.gone')
      await lonely.stop()
      const r = await sub.done
      assert.equal(r.code, 1)
      assert.match(r.stderr, /at least one of the clients disconnected or experienced an error/)
      assert.match(r.stderr, /client S0: connection closed/)
    } finally {
      await lonely.stop()
    }
  })
})
