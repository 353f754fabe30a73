// stream report against a real nats-server: the table, sorting, system streams, replication, --json.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'

import {AckPolicy, type StreamConfig} from '@nats-io/jetstream'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

describe('stream report', () => {
  let testbed: JetStreamTestbed
  const cli = (...args: string[]) => testbed.cli(args)

  before(async () => {
    testbed = await startJetStreamTestbed()
    const {js, jsm} = testbed
    await jsm.streams.add({name: 'BIGGER', subjects: ['bigger.>']})
    for (let i = 0; i < 5; i++) await js.publish('bigger.a', 'x'.repeat(1000))
    await jsm.streams.deleteMessage('BIGGER', 2)
    await jsm.streams.add({name: 'MANY', subjects: ['many.>']})
    for (let i = 0; i < 20; i++) await js.publish('many.a', 'y')
    await jsm.consumers.add('MANY', {ack_policy: AckPolicy.Explicit, durable_name: 'C1'})
    await jsm.consumers.add('MANY', {ack_policy: AckPolicy.Explicit, durable_name: 'C2'})
    await jsm.streams.add({name: 'KV_bucket', subjects: ['$KV.bucket.>']})
    await jsm.streams.add({name: 'AMEM', storage: 'memory' as StreamConfig['storage'], subjects: ['amem.>']})
    await js.publish('amem.a', 'z')
    await jsm.streams.add({mirror: {name: 'MANY'}, name: 'MIRROR'})
    for (let i = 0; i < 50 && (await jsm.streams.info('MIRROR')).state.messages < 20; i++) await sleep(100)
  })
  after(() => testbed?.close())

  it('one row per stream, sorted by size; KV_ streams hidden; a replication table for mirrors', async () => {
    const r = await cli('stream', 'report')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stderr, 'Obtaining Stream stats\n')
    assert.match(r.stdout, /^ +Stream Report\n/)
    assert.match(r.stdout, /│ Stream +│ Storage │ Placement │ Consumers │ Messages │ +Bytes │ Lost │ Deleted │ Replicas │/)
    assert.match(r.stdout, /│ BIGGER +│ file +│ +│ +0 │ +4 │ +[\d.]+ KiB │ +0 │ +1 │ +│/)
    assert.match(r.stdout, /│ MANY +│ file +│ +│ +2 │ +20 │ /)
    assert.ok(!r.stdout.includes('KV_bucket'))
    assert.match(r.stdout, /│ AMEM +│ memory +│/)
    const order = ['MANY', 'MIRROR', 'BIGGER'].map((n) => r.stdout.indexOf(`│ ${n} `))
    assert.ok(order[0] < order[2] && order[1] < order[2], `smallest first: ${order.join(', ')}`)
    assert.match(r.stdout, /Replication Report\n/)
    assert.match(r.stdout, /│ MIRROR +│ Mirror │ +│ MANY +│ +│ [^│]+│ +0 │ +│/)
  })

  it('sorts by name, messages, consumers or storage; -a includes system streams; -r prints raw numbers', async () => {
    const names = (out: string) => [...out.matchAll(/^│ (\w+) +│ (file|memory) /gm)].map((m) => m[1])
    assert.deepEqual(names((await cli('stream', 'report')).stdout), ['AMEM', 'MANY', 'MIRROR', 'BIGGER'])
    assert.deepEqual(names((await cli('stream', 'report', '--name', '-a')).stdout), ['AMEM', 'BIGGER', 'KV_bucket', 'MANY', 'MIRROR'])
    assert.deepEqual(names((await cli('stream', 'report', '--messages')).stdout), ['AMEM', 'BIGGER', 'MANY', 'MIRROR'])
    assert.deepEqual(names((await cli('stream', 'report', '--consumers')).stdout), ['AMEM', 'BIGGER', 'MIRROR', 'MANY'])
    assert.deepEqual(names((await cli('stream', 'report', '--storage')).stdout), ['BIGGER', 'MANY', 'MIRROR', 'AMEM'])
    assert.deepEqual(names((await cli('stream', 'report', '--subject', 'many.a')).stdout), ['MANY'])
    const raw = await cli('stream', 'report', '--raw', '--subject', 'bigger.>')
    assert.match(raw.stdout, /│ BIGGER +│ file +│ +│ +0 │ +4 │ +\d{4} │/)
  })

  it("--json gives every stream's full info, in the table's order", async () => {
    const r = await cli('stream', 'report', '--json', '--name')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stderr, '')
    const infos = JSON.parse(r.stdout)
    assert.deepEqual(
      infos.map((i: {config: {name: string}}) => i.config.name),
      ['AMEM', 'BIGGER', 'MANY', 'MIRROR'],
    )
    assert.equal(infos[2].state.consumer_count, 2)
    assert.equal(infos[1].state.num_deleted, 1)
    assert.ok(infos[3].mirror)
  })

  it('--cluster keeps only streams of that cluster (none on a single server)', async () => {
    const r = await cli('stream', 'report', '--cluster', 'elsewhere')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'No Streams defined\n')
  })
})
