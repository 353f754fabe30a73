// natsctl's older form `bench js pub SUBJECT [--batch N]` against a real JetStream server: what lands in the
// stream. (The consumers are in consume.test.ts, natscli's words in pub.test.ts.)

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import type {JetStreamManager} from '@nats-io/jetstream'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../../helpers/jetstream.js'

let testbed: JetStreamTestbed
let jsm: JetStreamManager

const bench = (args: string[]) => testbed.cli(['bench', 'js', ...args], {timeoutMs: 60_000})
const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>

before(async () => {
  testbed = await startJetStreamTestbed()
  ;({jsm} = testbed)
})

after(() => testbed?.close())

describe('bench js pub', () => {
  it('without --create a missing stream is an error naming the fix', async () => {
    const r = await bench(['pub', 'nothere.x', '--stream', 'NOTHERE', '--msgs', '10'])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /natsctl: error: stream "NOTHERE" not found: add --create/)
  })

  it('--create stores exactly --msgs messages and reports ack latencies', async () => {
    const r = await bench(['pub', 'jsb.one', '--stream', 'JSB1', '--create', '--storage', 'memory', '--msgs', '3000', '--clients', '2', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const report = json(r.stdout)
    assert.equal(report.stream, 'JSB1')
    assert.equal(report.publishers.msgs, 3000)
    assert.deepEqual(
      report.publishers.clients.map((c: any) => c.msgs),
      [1500, 1500],
    )
    assert.ok(report.publishers.latency_us.p99 > 0)
    const info = await jsm.streams.info('JSB1')
    assert.equal(info.state.messages, 3000)
    assert.equal(info.config.storage, 'memory')
    assert.deepEqual(info.config.subjects, ['jsb.one'])
  })

  it('--purge empties the stream first; --dedup sets message ids; text output has the latency line', async () => {
    const r = await bench(['pub', 'jsb.one', '--stream', 'JSB1', '--purge', '--dedup', '--msgs', '500', '--batch', '1'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^NATS JetStream synchronous publisher stats: [\d,]+ msgs\/sec ~ [\d.]+ MiB\/sec ~ min: .* ~ P99\.9: .*$/m)
    const info = await jsm.streams.info('JSB1')
    assert.equal(info.state.messages, 500)
    const first = await jsm.streams.getMessage('JSB1', {seq: info.state.first_seq})
    assert.match(first!.header?.get('Nats-Msg-Id') ?? '', /-P0-0$/)
    const last = await jsm.streams.getMessage('JSB1', {seq: info.state.last_seq})
    assert.match(last!.header?.get('Nats-Msg-Id') ?? '', /-P0-499$/)
  })

  it('-H headers reach the stream on every message', async () => {
    const r = await bench(['pub', 'jsb.one', '--stream', 'JSB1', '--purge', '--msgs', '300', '--batch', '50', '-H', 'X-Bench:js'])
    assert.equal(r.code, 0, r.stderr)
    const info = await jsm.streams.info('JSB1')
    assert.equal(info.state.messages, 300)
    for (const seq of [info.state.first_seq, info.state.first_seq + 150, info.state.last_seq]) {
      const m = await jsm.streams.getMessage('JSB1', {seq})
      assert.equal(m!.header?.get('X-Bench'), 'js')
    }
  })

  it('an acknowledgement carrying an error fails the run with the server error, exit 1', async () => {
    const {DiscardPolicy} = await import('@nats-io/jetstream')
    await jsm.streams.add({name: 'JSLIM', subjects: ['jslim.x'], max_msgs: 100, discard: DiscardPolicy.New})
    const r = await bench(['pub', 'jslim.x', '--stream', 'JSLIM', '--msgs', '500', '--batch', '50'])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /at least one of the clients disconnected or experienced an error/)
    assert.match(r.stderr, /natsctl: error: 1 of 1 clients failed: client P0: .*maximum messages/i)
    assert.equal((await jsm.streams.info('JSLIM')).state.messages, 100)
  })
})
