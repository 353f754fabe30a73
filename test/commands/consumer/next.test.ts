// consumer next against a real nats-server 2.9. What is shown is acknowledged (read back from the consumer's
// state on the server), --no-ack/--nak/--term answer as asked, a message fetched but not shown (a closed
// stdout) is not acknowledged and comes back, and --wait without enough messages is exit 1.
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {after, before, describe, it} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'

import type {JetStreamClient, JetStreamManager} from '@nats-io/jetstream'

import {BIN, startCli} from '../../helpers/cli.js'
import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

const S = 1_000_000_000

describe('consumer next', () => {
  let testbed: JetStreamTestbed
  let jsm: JetStreamManager
  let js: JetStreamClient
  const cli = (...args: string[]) => testbed.cli(args)
  /** A stream NAME with `count` messages on name.a and a pull consumer C with explicit acks. */
  const setup = async (name: string, count: number, consumer: Record<string, unknown> = {}) => {
    const subject = `${name.toLowerCase()}.a`
    await jsm.streams.add({name, subjects: [`${name.toLowerCase()}.>`]})
    for (let i = 1; i <= count; i++) await js.publish(subject, `body ${i}`)
    await jsm.consumers.add(name, {ack_policy: 'explicit' as never, durable_name: 'C', ...consumer})
    return subject
  }
  const state = (name: string) => jsm.consumers.info(name, 'C')

  before(async () => {
    testbed = await startJetStreamTestbed()
    ;({jsm, js} = testbed)
  })
  after(() => testbed?.close())

  it("pulls one message in sub's layout and acknowledges it", async () => {
    await setup('N1', 3)
    const r = await cli('consumer', 'next', 'N1', 'C')
    assert.equal(r.code, 0, r.stderr)
    assert.match(
      r.stdout,
      /^\[#1\] Received JetStream message: stream: N1 seq: 1 \/ pending: 2 \/ subject: n1\.a \/ time: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\nbody 1\n\n$/,
    )
    const s = await state('N1')
    assert.equal(s.ack_floor.stream_seq, 1)
    assert.equal(s.num_ack_pending, 0)
    assert.equal(s.num_pending, 2)
  })

  it('--count N --raw shows N bodies and acknowledges all of them; --json is NDJSON', async () => {
    await setup('N2', 5)
    const r = await cli('consumer', 'next', 'N2', 'C', '--count', '3', '--raw')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'body 1\nbody 2\nbody 3\n')
    assert.equal((await state('N2')).ack_floor.stream_seq, 3)
    const j = await cli('consumer', 'next', 'N2', 'C', '--count', '2', '--json')
    assert.equal(j.code, 0, j.stderr)
    const lines = j.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    assert.deepEqual(
      lines.map((l) => [l.seq, l.data, l.stream, l.subject]),
      [
        [4, 'body 4', 'N2', 'n2.a'],
        [5, 'body 5', 'N2', 'n2.a'],
      ],
    )
    assert.equal((await state('N2')).ack_floor.stream_seq, 5)
  })

  it('--no-ack leaves the message unacknowledged; --nak has it redelivered at once; --term never again', async () => {
    await setup('N3', 3, {ack_wait: 60 * S})
    const noAck = await cli('consumer', 'next', 'N3', 'C', '--no-ack', '--raw')
    assert.equal(noAck.stdout, 'body 1\n')
    let s = await state('N3')
    assert.equal(s.num_ack_pending, 1)
    assert.equal(s.ack_floor.stream_seq, 0)

    const nak = await cli('consumer', 'next', 'N3', 'C', '--nak', '--raw')
    assert.equal(nak.code, 0, nak.stderr)
    assert.equal(nak.stdout, 'body 2\n')
    const again = await cli('consumer', 'next', 'N3', 'C', '--raw', '--wait', '5s', '--no-ack')
    assert.equal(again.stdout, 'body 2\n', 'the nak made the server redeliver it before the 60s ack wait')
    s = await state('N3')
    assert.equal(s.num_redelivered, 1, 'body 2 is out for the second time')

    const term = await cli('consumer', 'next', 'N3', 'C', '--term', '--raw')
    assert.equal(term.stdout, 'body 3\n')
    s = await state('N3')
    assert.equal(s.num_pending, 0)
    const empty = await cli('consumer', 'next', 'N3', 'C', '--wait', '1s')
    assert.equal(empty.code, 1, 'bodies 1 and 2 wait for their 60s ack wait; body 3 was terminated')
    const both = await cli('consumer', 'next', 'N3', 'C', '--term', '--ack')
    assert.equal(both.code, 2)
  })

  it('exits 1 with a clear line when fewer than --count arrive within --wait', async () => {
    await setup('N4', 2)
    const r = await cli('consumer', 'next', 'N4', 'C', '--count', '5', '--wait', '1s', '--raw')
    assert.equal(r.code, 1)
    assert.equal(r.stdout, 'body 1\nbody 2\n')
    assert.equal(r.stderr, 'natsctl: error: only 2 of 5 messages received from N4 > C within 1s\n')
    assert.equal((await state('N4')).ack_floor.stream_seq, 2, 'what was shown was still acknowledged')
    const none = await cli('consumer', 'next', 'N4', 'C', '--wait', '500ms')
    assert.equal(none.code, 1)
    assert.equal(none.stderr, 'natsctl: error: no message received from N4 > C within 500ms\n')
  })

  it('waits for a message published later (a long --wait)', async () => {
    const subject = await setup('N5', 0)
    const run = startCli(['consumer', 'next', 'N5', 'C', '--wait', '20s', '--raw', '--server', testbed.server.url], {env: testbed.home.env})
    await sleep(1500)
    await js.publish(subject, 'late')
    const r = await run.done
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'late\n')
    assert.equal((await state('N5')).ack_floor.stream_seq, 1)
  })

  it('a message fetched but not shown (stdout closed) is not acknowledged, and is redelivered', async () => {
    await setup('N6', 3, {ack_wait: 2 * S})
    const child = spawn(process.execPath, [BIN, 'consumer', 'next', 'N6', 'C', '--count', '3', '--raw', '--server', testbed.server.url], {
      env: testbed.home.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.destroy() // the reader is gone before anything is written: every write fails with EPIPE
    const code = await new Promise((resolve) => child.on('close', resolve))
    assert.notEqual(code, null)
    const s = await state('N6')
    assert.equal(s.delivered.stream_seq, 3, 'the three messages were fetched')
    assert.equal(s.ack_floor.stream_seq, 0, 'none was acknowledged')
    assert.equal(s.num_ack_pending, 3)
    await sleep(2500) // the ack wait
    const r = await cli('consumer', 'next', 'N6', 'C', '--count', '3', '--raw')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'body 1\nbody 2\nbody 3\n')
    assert.equal((await state('N6')).ack_floor.stream_seq, 3)
  })

  it('Ctrl-C while waiting: what was shown is acknowledged, the command ends', async () => {
    await setup('N7', 1)
    const run = startCli(['consumer', 'next', 'N7', 'C', '--count', '2', '--wait', '30s', '--raw', '--server', testbed.server.url], {
      env: testbed.home.env,
    })
    await run.waitFor('body 1', 'stdout')
    await sleep(300)
    run.kill('SIGINT')
    const r = await run.done
    assert.equal(r.code, 0, r.stderr)
    assert.equal((await state('N7')).ack_floor.stream_seq, 1)
  })

  it('refuses a push consumer and names a missing one', async () => {
    await jsm.streams.add({name: 'N8', subjects: ['n8.>']})
    await jsm.consumers.add('N8', {ack_policy: 'none' as never, deliver_subject: 'push.n8', durable_name: 'PUSH'})
    const push = await cli('consumer', 'next', 'N8', 'PUSH')
    assert.equal(push.code, 1)
    assert.match(push.stderr, /consumer "PUSH" on stream "N8" is a push consumer: consumer next needs a pull consumer/)
    const missing = await cli('consumer', 'next', 'N8', 'NOPE')
    assert.equal(missing.stderr, 'natsctl: error: consumer "NOPE" on stream "N8" not found\n')
  })
})
