// bench js ordered|consume|fetch (natscli's words) and natsctl's `bench js consume --ordered`, against a real
// JetStream server: counts and bytes received, and the consumer state left on the server.

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {AckPolicy, type JetStreamManager} from '@nats-io/jetstream'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../../helpers/jetstream.js'

let testbed: JetStreamTestbed
let jsm: JetStreamManager

const bench = (args: string[]) => testbed.cli(['bench', 'js', ...args, '--no-progress'], {timeoutMs: 60_000})
const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>

async function consumerNames(stream: string): Promise<string[]> {
  const names: string[] = []
  for await (const c of jsm.consumers.list(stream)) names.push(c.name)
  return names.sort()
}

before(async () => {
  testbed = await startJetStreamTestbed()
  ;({jsm} = testbed)
  const r = await testbed.cli([
    'bench',
    'js',
    'pub',
    'async',
    'wc.x',
    '--stream',
    'WC',
    '--create',
    '--msgs',
    '2000',
    '--size',
    '64',
    '--no-progress',
  ])
  assert.equal(r.code, 0, r.stderr)
})

after(() => testbed?.close())

describe('bench js consume (callback consumer on a shared durable)', () => {
  it('clients together read --msgs (default: the stream), every byte counted; the durable made for the run is removed', async () => {
    const r = await bench(['consume', '--stream', 'WC', '--clients', '2', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const report = json(r.stdout)
    assert.equal(report.benchmark, 'JetStream durable consumer (callback)')
    assert.equal(report.subscribers.msgs, 2000)
    assert.equal(report.subscribers.bytes, 2000 * 64)
    assert.equal(
      report.subscribers.clients.reduce((a: number, c: any) => a + c.msgs, 0),
      2000,
    )
    assert.deepEqual(await consumerNames('WC'), [])
  })

  it('on an existing durable, acknowledges exactly what it counted (--msgs 500): the ack floor is 500', async () => {
    await jsm.consumers.add('WC', {durable_name: 'KEEPC', ack_policy: AckPolicy.Explicit})
    const r = await bench(['consume', '--stream', 'WC', '--consumer', 'KEEPC', '--msgs', '500', '--batch', '100', '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(json(r.stdout).subscribers.msgs, 500)
    const info = await jsm.consumers.info('WC', 'KEEPC')
    assert.equal(info.ack_floor.stream_seq, 500)
    assert.deepEqual(await consumerNames('WC'), ['KEEPC'])
    await jsm.consumers.delete('WC', 'KEEPC')
  })

  it('--doubleack waits for the server to confirm each acknowledgement', async () => {
    await jsm.consumers.add('WC', {durable_name: 'KEEPD', ack_policy: AckPolicy.Explicit})
    const r = await bench(['consume', '--stream', 'WC', '--consumer', 'KEEPD', '--msgs', '300', '--doubleack', '--batch', '50'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /double-acked=true/)
    assert.equal((await jsm.consumers.info('WC', 'KEEPD')).ack_floor.stream_seq, 300)
    await jsm.consumers.delete('WC', 'KEEPD')
  })
})

describe('bench js fetch', () => {
  it('each client fetches exactly its share, with per-fetch latency; the durable is removed', async () => {
    const r = await bench(['fetch', '--stream', 'WC', '--clients', '2', '--batch', '100', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const report = json(r.stdout)
    assert.equal(report.benchmark, 'JetStream durable consumer (fetch)')
    assert.deepEqual(
      report.subscribers.clients.map((c: any) => c.msgs),
      [1000, 1000],
    )
    assert.ok(report.subscribers.latency_us.p50 > 0)
    assert.deepEqual(await consumerNames('WC'), [])
  })

  it('on an existing durable, --msgs 300 in fetches of 100 acknowledges 300 and leaves the rest pending', async () => {
    await jsm.consumers.add('WC', {durable_name: 'KEEPF', ack_policy: AckPolicy.Explicit})
    const r = await bench(['fetch', '--stream', 'WC', '--consumer', 'KEEPF', '--msgs', '300', '--batch', '100'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^NATS JetStream durable consumer \(fetch\) stats: /m)
    const info = await jsm.consumers.info('WC', 'KEEPF')
    assert.equal(info.ack_floor.stream_seq, 300)
    assert.equal(info.num_ack_pending, 0)
    assert.equal(info.num_pending, 1700)
    await jsm.consumers.delete('WC', 'KEEPF')
  })
})

describe('bench js ordered, and its older form bench js consume --ordered', () => {
  it('each client reads --msgs; both forms give the same result and leave no consumer behind', async () => {
    for (const form of [['ordered'], ['consume', '--ordered']]) {
      const r = await bench([...form, '--stream', 'WC', '--clients', '2', '--msgs', '700', '--json'])
      assert.equal(r.code, 0, r.stderr)
      const report = json(r.stdout)
      assert.equal(report.benchmark, 'JetStream ordered ephemeral consumer', form.join(' '))
      assert.deepEqual(
        report.subscribers.clients.map((c: any) => c.msgs),
        [700, 700],
      )
      assert.deepEqual(
        report.subscribers.clients.map((c: any) => c.bytes),
        [700 * 64, 700 * 64],
      )
      assert.deepEqual(await consumerNames('WC'), [])
    }
  })

  it('an empty stream is an error naming the fix; asking for more than the stream holds reads what is there', async () => {
    await jsm.streams.add({name: 'WCEMPTY', subjects: ['wcempty.x']})
    const empty = await bench(['ordered', '--stream', 'WCEMPTY'])
    assert.equal(empty.code, 1)
    assert.match(empty.stderr, /natsctl: error: stream "WCEMPTY" has no messages: publish some first/)
    const more = await bench(['ordered', '--stream', 'WC', '--msgs', '9000', '--json'])
    assert.equal(more.code, 0, more.stderr)
    assert.match(more.stderr, /holds 2,000 messages/)
    assert.equal(json(more.stdout).subscribers.msgs, 2000)
  })
})
