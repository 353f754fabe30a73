// stream backup and restore over the network against a real nats-server: a round trip of 100,000 messages
// (subjects, headers, bodies, sequences with gaps, configuration, consumers), the flags, and the refusals.
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {AckPolicy, DeliverPolicy, type JetStreamClient, jetstream, type JetStreamManager, type StreamConfig} from '@nats-io/jetstream'
import {connect, headers} from '@nats-io/transport-node'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

/** Every message of a stream as one line: sequence, subject, headers, body digest. */
async function contents(js: JetStreamClient, stream: string): Promise<string[]> {
  const consumer = await js.consumers.get(stream, {deliver_policy: DeliverPolicy.All})
  const lines: string[] = []
  const pending = (await consumer.info(true)).num_pending
  if (pending === 0) return lines
  const messages = await consumer.consume({max_messages: 1000})
  for await (const m of messages) {
    const hdrs = m.headers ? [...m.headers].map(([k, v]) => `${k}=${v.join(',')}`).join(';') : ''
    lines.push(`${m.seq}|${m.subject}|${hdrs}|${createHash('sha1').update(m.data).digest('hex')}`)
    if (m.info.pending === 0) break
  }
  await messages.close()
  await consumer.delete().catch(() => {})
  return lines
}

describe('stream backup and restore', () => {
  let testbed: JetStreamTestbed
  let jsm: JetStreamManager
  let js: JetStreamClient
  const dirs: string[] = []
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'natsctl-backup-test-'))
    dirs.push(dir)
    return dir
  }
  const cli = (...args: string[]) => testbed.cli(args)

  before(async () => {
    testbed = await startJetStreamTestbed()
    ;({jsm, js} = testbed)
  })
  after(async () => {
    for (const d of dirs) rmSync(d, {force: true, recursive: true})
    await testbed?.close()
  })

  it('round-trips 100,000 messages: subjects, headers, bodies, sequences, configuration and consumers', async () => {
    await jsm.streams.add({
      description: 'round trip',
      max_msgs_per_subject: 50_000,
      name: 'TRIP',
      subjects: ['trip.>'],
    } as Partial<StreamConfig> & {name: string})
    // A connection of its own without async stack traces publishes about twice as fast (CLIENT-NOTES 4.8).
    const fast = await connect({noAsyncTraces: true, servers: testbed.server.url})
    const fastJs = jetstream(fast)
    let batch: Array<Promise<unknown>> = []
    for (let i = 1; i <= 100_000; i++) {
      const h = headers()
      h.set('X-Index', String(i))
      if (i % 3 === 0) h.append('X-Multi', 'a')
      if (i % 3 === 0) h.append('X-Multi', 'b')
      // Bodies of different sizes, some binary, some empty.
      const body =
        i % 10 === 0
          ? new Uint8Array(0)
          : i % 7 === 0
            ? Uint8Array.from({length: 64}, (_, k) => (i * 31 + k) & 0xff)
            : `order ${i} `.repeat(1 + (i % 5))
      batch.push(fastJs.publish(`trip.${i % 13}.${i % 2 ? 'odd' : 'even'}`, body, {headers: h}))
      if (batch.length >= 1000) {
        await Promise.all(batch)
        batch = []
      }
    }
    await Promise.all(batch)
    await fast.drain()
    // Gaps: the restored stream must keep sequences as they were, not renumber.
    for (const seq of [1, 500, 501, 77_777, 100_000]) await jsm.streams.deleteMessage('TRIP', seq)
    await jsm.consumers.add('TRIP', {ack_policy: AckPolicy.Explicit, durable_name: 'WORKER', filter_subject: 'trip.1.>'})

    const before = await contents(js, 'TRIP')
    assert.equal(before.length, 99_995)
    const infoBefore = await jsm.streams.info('TRIP')

    const dir = join(tempDir(), 'trip')
    const backup = await cli('stream', 'backup', 'TRIP', dir, '--json')
    assert.equal(backup.code, 0, backup.stderr)
    const result = JSON.parse(backup.stdout)
    assert.equal(result.stream, 'TRIP')
    assert.equal(result.messages, 99_995)
    assert.ok(result.chunks > 0 && result.bytes > 0)
    // The S2 frames counted as they came: the tar of the stream's files is about the stream's size.
    assert.ok(result.uncompressed >= infoBefore.state.bytes, `${result.uncompressed} >= ${infoBefore.state.bytes}`)
    assert.deepEqual(readdirSync(dir).sort(), ['backup.json', 'stream.tar.s2'])
    const meta = JSON.parse(readFileSync(join(dir, 'backup.json'), 'utf8'))
    assert.equal(meta.config.name, 'TRIP')
    assert.equal(meta.state.messages, 99_995)

    // A restore over an existing stream is refused, and the stream is untouched.
    const refused = await cli('stream', 'restore', dir)
    assert.equal(refused.code, 1)
    assert.equal(
      refused.stderr,
      'natsctl: error: stream "TRIP" already exists: restore does not replace a stream (remove it first with `stream rm TRIP`)\n',
    )
    assert.equal((await jsm.streams.info('TRIP')).state.messages, 99_995)

    await jsm.streams.delete('TRIP')
    const restore = await cli('stream', 'restore', dir)
    assert.equal(restore.code, 0, restore.stderr)
    assert.match(restore.stderr, /^Starting restore of Stream "TRIP" from /)
    assert.match(restore.stdout, /^Restored stream "TRIP" in [^\n]+\n\nInformation for Stream TRIP created /)
    assert.match(restore.stdout, /\n +Messages: 99,995\n/)

    const infoAfter = await jsm.streams.info('TRIP')
    assert.deepEqual(infoAfter.config, infoBefore.config)
    assert.equal(infoAfter.state.first_seq, 2)
    assert.equal(infoAfter.state.last_seq, infoBefore.state.last_seq)
    assert.equal(infoAfter.state.num_deleted, infoBefore.state.num_deleted)
    const restored = await contents(js, 'TRIP')
    assert.equal(restored.length, before.length)
    const firstDifference = restored.findIndex((line, i) => line !== before[i])
    assert.equal(firstDifference, -1, `first difference at ${firstDifference}: ${restored[firstDifference]} vs ${before[firstDifference]}`)
    const worker = await jsm.consumers.info('TRIP', 'WORKER')
    assert.equal(worker.config.filter_subject, 'trip.1.>')
  })
})
