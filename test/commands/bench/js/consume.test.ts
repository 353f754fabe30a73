// bench js consume against a real JetStream server: what is read back, and the consumers it leaves.
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

describe('bench js consume', () => {
  before(async () => {
    const r = await bench(['pub', 'jsc.x', '--stream', 'JSC', '--create', '--msgs', '4000', '--size', '64'])
    assert.equal(r.code, 0, r.stderr)
  })

  it('a durable pull consumer split across clients reads every message once, then is removed', async () => {
    const r = await bench(['consume', '--stream', 'JSC', '--clients', '2', '--batch', '100', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const report = json(r.stdout)
    assert.equal(report.subscribers.msgs, 4000)
    assert.equal(report.subscribers.bytes, 4000 * 64)
    assert.deepEqual(report.subscribers.clients.map((c: any) => c.msgs), [2000, 2000])
    const consumers = []
    for await (const c of jsm.consumers.list('JSC')) consumers.push(c.name)
    assert.deepEqual(consumers, [])
  })

  it('--ordered reads --msgs per client; text output names the consumer kind', async () => {
    const r = await bench(['consume', '--stream', 'JSC', '--ordered', '--msgs', '1000', '--acks', 'none'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^NATS JetStream ordered consumer stats: [\d,]+ msgs\/sec/m)
    const j = await bench(['consume', '--stream', 'JSC', '--ordered', '--clients', '2', '--msgs', '1000', '--json'])
    assert.equal(j.code, 0, j.stderr)
    assert.deepEqual(json(j.stdout).subscribers.clients.map((c: any) => c.msgs), [1000, 1000])
  })

  it('an empty stream is an error naming the fix', async () => {
    await jsm.streams.add({name: 'JSEMPTY', subjects: ['jsempty.x']})
    const r = await bench(['consume', '--stream', 'JSEMPTY'])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^natsctl: error: stream "JSEMPTY" has no messages: publish some first/m)
  })

  it('asking for more than the stream holds consumes what is there, with a warning', async () => {
    const r = await bench(['consume', '--stream', 'JSC', '--msgs', '9000', '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /holds 4,000 messages/)
    assert.equal(json(r.stdout).subscribers.msgs, 4000)
  })
})
