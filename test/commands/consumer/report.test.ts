// consumer report, and copy/pause/resume's version check, against a real nats-server 2.9.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import type {JetStreamManager} from '@nats-io/jetstream'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

describe('consumer report, copy, pause, resume', () => {
  let testbed: JetStreamTestbed
  let jsm: JetStreamManager
  const cli = (...args: string[]) => testbed.cli(args)

  before(async () => {
    testbed = await startJetStreamTestbed()
    jsm = testbed.jsm
    await jsm.streams.add({name: 'REP', subjects: ['rep.>']})
    for (let i = 0; i < 10; i++) await testbed.js.publish('rep.a', `m${i}`)
    await jsm.consumers.add('REP', {ack_policy: 'explicit' as never, durable_name: 'WORKER'})
    await jsm.consumers.add('REP', {ack_policy: 'none' as never, deliver_subject: 'push.rep', durable_name: 'AUDIT'})
    const worker = await testbed.js.consumers.get('REP', 'WORKER')
    const batch = await worker.fetch({expires: 2000, max_messages: 4})
    let n = 0
    for await (const m of batch) if (++n <= 3) await m.ackAck() // 3 acknowledged, 1 pending
    await jsm.streams.add({name: 'NOCONS', subjects: ['nocons.>']})
  })
  after(() => testbed?.close())

  it('one row per consumer: mode, ack policy and wait, delivered, ack pending, redelivered, unprocessed, ack floor', async () => {
    const r = await cli('consumer', 'report', 'REP')
    assert.equal(r.code, 0, r.stderr)
    const lines = r.stdout.split('\n')
    assert.match(lines[0], /Consumer report for REP with 2 consumers/)
    assert.match(lines[2], /│ Consumer │ Mode │ Ack Policy │ Ack Wait │ Delivered │ Ack Pending │ Redelivered │ Unprocessed │ Ack Floor │ Cluster │/)
    const audit = lines.find((l) => l.startsWith('│ AUDIT'))
    const worker = lines.find((l) => l.startsWith('│ WORKER'))
    assert.match(audit!, /│ AUDIT +│ Push │ None +│ +│ +0 │ +0 │ +0 │ +10 \/ 100% │ +0 │ +│/)
    assert.match(worker!, /│ WORKER +│ Pull │ Explicit +│ +30s │ +4 │ +1 │ +0 │ +6 \/ 60% │ +3 │ +│/)
    assert.ok(lines.indexOf(audit!) < lines.indexOf(worker!), 'sorted by name')
  })

  it('--json gives the ConsumerInfo objects; a stream without consumers says so', async () => {
    const r = await cli('consumer', 'report', 'REP', '--json')
    const infos = JSON.parse(r.stdout)
    assert.deepEqual(
      infos.map((i: {name: string}) => i.name),
      ['AUDIT', 'WORKER'],
    )
    assert.equal(infos[1].num_ack_pending, 1)
    assert.equal(infos[1].ack_floor.stream_seq, 3)
    const none = await cli('consumer', 'report', 'NOCONS')
    assert.equal(none.stdout, 'No Consumers defined for Stream NOCONS\n')
    const missing = await cli('consumer', 'report', 'NOPE')
    assert.equal(missing.stderr, 'natsctl: error: stream "NOPE" not found\n')
  })

  it('copy, pause and resume name the server version they need and the one connected, and change nothing', async () => {
    for (const args of [
      ['copy', 'REP', 'WORKER', 'WORKER2'],
      ['pause', 'REP', 'WORKER', '1h', '--force'],
      ['resume', 'REP', 'WORKER', '--force'],
    ]) {
      const r = await cli('consumer', ...args)
      assert.equal(r.code, 1, args.join(' '))
      assert.match(
        r.stderr,
        new RegExp(`^natsctl: error: consumer ${args[0]} needs nats-server 2\\.11\\.0 or newer; the connected server is 2\\.9\\.\\d+\\n$`),
      )
    }
    await assert.rejects(jsm.consumers.info('REP', 'WORKER2'))
  })
})
