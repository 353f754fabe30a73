// consumer info against a real nats-server 2.9: natscli's sections, state after deliveries and acks, the
// server's ConsumerInfo under --json, and errors that name what is missing.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import type {JetStreamManager} from '@nats-io/jetstream'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

describe('consumer info', () => {
  let testbed: JetStreamTestbed
  let jsm: JetStreamManager
  const cli = (...args: string[]) => testbed.cli(args)

  before(async () => {
    testbed = await startJetStreamTestbed()
    jsm = testbed.jsm
    await jsm.streams.add({name: 'INFO', subjects: ['info.>']})
    for (let i = 0; i < 5; i++) await testbed.js.publish('info.a', `m${i}`)
    await jsm.consumers.add('INFO', {
      ack_policy: 'explicit' as never,
      description: 'the processor',
      durable_name: 'PROC',
      filter_subject: 'info.a',
      max_ack_pending: 100,
    })
    const c = await testbed.js.consumers.get('INFO', 'PROC')
    const batch = await c.fetch({expires: 2000, max_messages: 3})
    let n = 0
    for await (const m of batch) if (++n <= 2) await m.ackAck() // the third stays unacknowledged
    await jsm.consumers.add('INFO', {ack_policy: 'none' as never, deliver_subject: 'push.info', durable_name: 'PUSHY'})
  })
  after(() => testbed?.close())

  it("shows configuration and state in natscli's layout", async () => {
    const r = await cli('consumer', 'info', 'INFO', 'PROC')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^Information for Consumer INFO > PROC created \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n\nConfiguration:\n\n/)
    assert.match(
      r.stdout,
      /\n +Name: PROC\n +Description: the processor\n +Pull Mode: true\n +Filter Subject: info\.a\n +Deliver Policy: All\n +Ack Policy: Explicit\n +Ack Wait: 30s\n +Replay Policy: Instant\n/,
    )
    assert.match(r.stdout, /\nState:\n\n +Last Delivered Message: Consumer sequence: 3 Stream sequence: 3 Last delivery: .* ago\n/)
    assert.match(r.stdout, /\n +Acknowledgment Floor: Consumer sequence: 2 Stream sequence: 2 Last Ack: .* ago\n/)
    assert.match(
      r.stdout,
      /\n +Outstanding Acks: 1 out of maximum 100\n +Redelivered Messages: 0\n +Unprocessed Messages: 2\n +Waiting Pulls: 0 of maximum 512\n/,
    )
    assert.ok(!r.stdout.includes('Cluster Information'), 'no cluster on a single server')
  })

  it('a push consumer shows its delivery subject and interest, and no acknowledgement rows', async () => {
    const r = await cli('consumer', 'nfo', 'INFO', 'PUSHY')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /\n +Delivery Subject: push\.info\n/)
    assert.match(r.stdout, /\n +Active Interest: No interest\n/)
    assert.ok(!r.stdout.includes('Acknowledgment Floor'))
    assert.ok(!r.stdout.includes('Ack Wait'))
  })

  it("--json is the server's ConsumerInfo; the i alias", async () => {
    const r = await cli('consumer', 'i', 'INFO', 'PROC', '--json')
    assert.equal(r.code, 0, r.stderr)
    const info = JSON.parse(r.stdout)
    const server = await jsm.consumers.info('INFO', 'PROC')
    assert.equal(info.name, 'PROC')
    assert.equal(info.stream_name, 'INFO')
    assert.equal(info.type, undefined, "natscli's bare ConsumerInfo: no API envelope")
    assert.deepEqual(info.config, server.config)
    assert.equal(info.num_ack_pending, 1)
    assert.equal(info.num_pending, 2)
    assert.equal(info.delivered.stream_seq, 3)
    assert.equal(info.ack_floor.stream_seq, 2)
  })

  it('names what is missing; without a terminal a missing name is a usage error', async () => {
    const noConsumer = await cli('consumer', 'info', 'INFO', 'NOPE')
    assert.equal(noConsumer.code, 1)
    assert.equal(noConsumer.stderr, 'natsctl: error: consumer "NOPE" on stream "INFO" not found\n')
    const noStream = await cli('consumer', 'info', 'NOPE', 'PROC')
    assert.equal(noStream.code, 1)
    assert.equal(noStream.stderr, 'natsctl: error: stream "NOPE" not found\n')
    const noName = await cli('consumer', 'info', 'INFO')
    assert.equal(noName.code, 2)
    assert.match(noName.stderr, /a consumer name is required: pass it as the NAME argument/)
  })
})
