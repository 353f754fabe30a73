// sub --durable (and -I/--ignore-subject, --ack) against a real nats-server 2.9: the durable consumer is
// created or bound, its position survives between runs, and what is shown is acknowledged while what is not
// shown (ignored, or not written because stdout closed) is not: read back from the consumer on the server.
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {after, before, describe, it} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'

import type {JetStreamClient, JetStreamManager} from '@nats-io/jetstream'

import {BIN, startCli} from '../../helpers/cli.js'
import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

const S = 1_000_000_000

describe('sub --durable', () => {
  let testbed: JetStreamTestbed
  let jsm: JetStreamManager
  let js: JetStreamClient
  const sub = (...args: string[]) => testbed.cli(['sub', ...args])
  /** Stream NAME on name.>, filled with name.a a1, name.skip s1, name.a a2, ... (count pairs). */
  const fill = async (name: string, pairs: number) => {
    const p = name.toLowerCase()
    await jsm.streams.add({name, subjects: [`${p}.>`]})
    for (let i = 1; i <= pairs; i++) {
      await js.publish(`${p}.a`, `a${i}`)
      await js.publish(`${p}.skip`, `s${i}`)
    }
    return p
  }

  before(async () => {
    testbed = await startJetStreamTestbed()
    ;({jsm, js} = testbed)
  })
  after(() => testbed?.close())

  it('creates the durable consumer on the subject and continues where the last run stopped', async () => {
    const p = await fill('D1', 2)
    const r1 = await sub(`${p}.a`, '--durable', 'READER', '--count', '1', '--raw')
    assert.equal(r1.code, 0, r1.stderr)
    assert.equal(r1.stdout, 'a1\n')
    assert.match(r1.stderr, /Created durable pull consumer "READER" on stream "D1"/)
    const c = (await jsm.consumers.info('D1', 'READER')).config
    assert.equal(c.durable_name, 'READER')
    assert.equal(c.filter_subject, `${p}.a`)
    assert.equal(c.ack_policy, 'none', "natscli's durable: no acknowledgements unless --ack")
    const r2 = await sub(`${p}.a`, '--durable', 'READER', '--count', '1', '--raw')
    assert.equal(r2.stdout, 'a2\n')
    assert.match(r2.stderr, /using existing pull consumer "READER"/)
  })

  it('--ack creates it with explicit acks; shown messages are acknowledged, -I skips others and leaves them unacknowledged', async () => {
    const p = await fill('D2', 3)
    const r = await sub(`${p}.>`, '--durable', 'ACKER', '--ack', '-I', `${p}.skip`, '--count', '3', '--raw')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'a1\na2\na3\n')
    const info = await jsm.consumers.info('D2', 'ACKER')
    assert.equal(info.config.ack_policy, 'explicit')
    assert.equal(info.num_ack_pending, 2, 's1 and s2 were fetched, not shown, not acknowledged (s3 was not needed)')
    assert.equal(info.ack_floor.stream_seq, 1, 'a1 acknowledged; s1 (seq 2) holds the floor')
  })

  it('binds to an existing consumer: acknowledges what it shows, or nothing with --no-ack; --stream without a subject', async () => {
    await fill('D3', 2)
    await jsm.consumers.add('D3', {ack_policy: 'explicit' as never, ack_wait: 60 * S, durable_name: 'EXISTING'})
    const noAck = await sub('--stream', 'D3', '--durable', 'EXISTING', '--count', '1', '--raw', '--no-ack')
    assert.equal(noAck.code, 0, noAck.stderr)
    assert.equal(noAck.stdout, 'a1\n')
    assert.equal((await jsm.consumers.info('D3', 'EXISTING')).num_ack_pending, 1)
    const r = await sub('--stream', 'D3', '--durable', 'EXISTING', '--count', '2', '--raw')
    assert.equal(r.stdout, 's1\na2\n')
    const info = await jsm.consumers.info('D3', 'EXISTING')
    assert.equal(info.num_ack_pending, 1, 'only a1 (--no-ack) is still out')
    assert.equal(info.delivered.stream_seq, 3)
  })

  it('stdout closed: the messages fetched are not acknowledged, and are redelivered', async () => {
    const p = await fill('D4', 2)
    await jsm.consumers.add('D4', {ack_policy: 'explicit' as never, ack_wait: 2 * S, durable_name: 'PIPE', filter_subject: `${p}.a`})
    const child = spawn(process.execPath, [BIN, 'sub', `${p}.a`, '--durable', 'PIPE', '--count', '2', '--raw', '--server', testbed.server.url], {
      env: testbed.home.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.destroy()
    await new Promise((resolve) => child.on('close', resolve))
    let info = await jsm.consumers.info('D4', 'PIPE')
    assert.equal(info.delivered.stream_seq, 3, 'both fetched')
    assert.equal(info.ack_floor.stream_seq, 0, 'neither acknowledged')
    await sleep(2500)
    const r = await sub(`${p}.a`, '--durable', 'PIPE', '--count', '2', '--raw')
    assert.equal(r.stdout, 'a1\na2\n')
    info = await jsm.consumers.info('D4', 'PIPE')
    assert.equal(info.ack_floor.stream_seq, 3)
    assert.equal(info.num_ack_pending, 0)
  })

  it('refuses a subject the consumer does not read, a push consumer, and several subjects', async () => {
    const p = await fill('D5', 1)
    await jsm.consumers.add('D5', {ack_policy: 'none' as never, durable_name: 'ONA', filter_subject: `${p}.a`})
    await jsm.consumers.add('D5', {ack_policy: 'none' as never, deliver_subject: 'push.d5', durable_name: 'PUSHY'})
    const other = await sub(`${p}.skip`, '--durable', 'ONA', '--count', '1')
    assert.equal(other.code, 2)
    assert.match(other.stderr, /consumer "ONA" on stream "D5" reads "d5\.a", not "d5\.skip"/)
    const push = await sub(`${p}.a`, '--durable', 'PUSHY', '--count', '1')
    assert.equal(push.code, 1)
    assert.match(push.stderr, /is a push consumer: sub --durable reads pull consumers/)
  })

  it('-I/--ignore-subject on core subscriptions and sub --stream too', async () => {
    const p = await fill('D6', 3)
    const stream = await sub('--stream', 'D6', '-I', `${p}.skip`, '-T', '--raw')
    assert.equal(stream.code, 0, stream.stderr)
    assert.equal(stream.stdout, 'a1\na2\na3\n')
    const core = startCli(['sub', 'core.>', '-I', 'core.skip.*', '--count', '2', '--raw', '--server', testbed.server.url], {env: testbed.home.env})
    await core.waitFor('Subscribing on', 'stderr')
    for (const s of ['core.skip.x', 'core.a', 'core.skip.y', 'core.b']) testbed.nc.publish(s, s)
    const r = await core.done
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'core.a\ncore.b\n')
  })

  it('--ack on a core subscription acknowledges JetStream messages delivered to a push subject (natscli)', async () => {
    await fill('D7', 2)
    await jsm.consumers.add('D7', {
      ack_policy: 'explicit' as never,
      ack_wait: 60 * S,
      deliver_subject: 'push.d7',
      durable_name: 'PUSHED',
      filter_subject: 'd7.a',
    })
    const r = await sub('push.d7', '--ack', '--count', '2', '--raw')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'a1\na2\n')
    const info = await jsm.consumers.info('D7', 'PUSHED')
    assert.equal(info.ack_floor.consumer_seq, 2)
    assert.equal(info.num_ack_pending, 0)
  })
})
