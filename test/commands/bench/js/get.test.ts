// bench js get sync|batch against a real JetStream server (nats-server 2.9.10): direct gets of stored
// messages, the allow_direct requirement and the 2.11 requirement of batched gets.

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import type {JetStreamManager} from '@nats-io/jetstream'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../../helpers/jetstream.js'

let testbed: JetStreamTestbed
let jsm: JetStreamManager

const bench = (args: string[]) => testbed.cli(['bench', 'js', 'get', ...args, '--no-progress'], {timeoutMs: 60_000})
const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>

before(async () => {
  testbed = await startJetStreamTestbed()
  ;({jsm} = testbed)
  const r = await testbed.cli(['bench', 'js', 'pub', 'sync', 'wg.x', '--stream', 'WG', '--create', '--msgs', '300', '--size', '48', '--no-progress'])
  assert.equal(r.code, 0, r.stderr)
})

after(() => testbed?.close())

describe('bench js get sync', () => {
  it('each client gets --msgs stored messages from the first sequence: every byte read, latency per get', async () => {
    // Purge the first 100: the gets must start at the stream's first sequence (101), not at 1.
    await jsm.streams.purge('WG', {seq: 101})
    const r = await bench(['sync', '--stream', 'WG', '--clients', '2', '--msgs', '150', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const report = json(r.stdout)
    assert.equal(report.benchmark, 'JetStream synchronous getter')
    assert.deepEqual(
      report.subscribers.clients.map((c: any) => c.msgs),
      [150, 150],
    )
    assert.deepEqual(
      report.subscribers.clients.map((c: any) => c.bytes),
      [150 * 48, 150 * 48],
    )
    assert.ok(report.subscribers.latency_us.p50 > 0)
  })

  it('--msgs defaults to what the stream holds; more than that is read as what is there, with a warning', async () => {
    const r = await bench(['sync', '--stream', 'WG', '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(json(r.stdout).subscribers.msgs, 200)
    const more = await bench(['sync', '--stream', 'WG', '--msgs', '1000', '--json'])
    assert.equal(more.code, 0, more.stderr)
    assert.match(more.stderr, /holds 200 messages/)
    assert.equal(json(more.stdout).subscribers.msgs, 200)
  })

  it('a stream without allow_direct is an error naming it', async () => {
    await jsm.streams.add({name: 'WGNODIRECT', subjects: ['wgnd.x']})
    await testbed.js.publish('wgnd.x', 'one')
    const r = await bench(['sync', '--stream', 'WGNODIRECT'])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /natsctl: error: stream "WGNODIRECT" does not allow direct gets \(allow_direct is off\)/)
  })
})

describe('bench js get batch', () => {
  it('on nats-server 2.9.10 fails naming both versions', async () => {
    const r = await bench(['batch', '--stream', 'WG', '--batch', '50'])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /natsctl: error: bench js get batch \(batched direct get\) needs nats-server 2\.11\.0 or later: the server is 2\.9\.10/)
  })
})
