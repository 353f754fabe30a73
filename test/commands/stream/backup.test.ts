// stream backup and restore over the network against a real nats-server: a round trip of 100,000 messages
// (subjects, headers, bodies, sequences with gaps, configuration, consumers), the flags, and the refusals.
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {AckPolicy, DeliverPolicy, type JetStreamClient, jetstream, type JetStreamManager, type StreamConfig} from '@nats-io/jetstream'
import {connect, headers} from '@nats-io/transport-node'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'
import {TmuxCli} from '../../helpers/tmux.js'

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
      const body = i % 10 === 0 ? new Uint8Array(0) : i % 7 === 0 ? Uint8Array.from({length: 64}, (_, k) => (i * 31 + k) & 0xff) : `order ${i} `.repeat(1 + (i % 5))
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
    assert.equal(refused.stderr, 'natsctl: error: stream "TRIP" already exists: restore does not replace a stream (remove it first with `stream rm TRIP`)\n')
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

  it('--no-consumers leaves the consumers out; --chunk-size reaches the server', async () => {
    await jsm.streams.add({name: 'SMALL', subjects: ['small.>']})
    for (let i = 0; i < 200; i++) await js.publish('small.x', 'y'.repeat(100))
    await jsm.consumers.add('SMALL', {ack_policy: AckPolicy.Explicit, durable_name: 'C1'})
    const dir = join(tempDir(), 'small')
    const r = await cli('stream', 'backup', 'SMALL', dir, '--no-consumers', '--chunk-size', '1KiB', '--json')
    assert.equal(r.code, 0, r.stderr)
    const result = JSON.parse(r.stdout)
    // 1 KiB chunks: at least one per KiB received (the default of 128 KiB would send this in one).
    assert.ok(result.chunks >= Math.floor(result.bytes / 1024), `${result.chunks} chunks for ${result.bytes} bytes`)
    assert.ok(result.chunks > 1)
    await jsm.streams.delete('SMALL')
    const restore = await cli('stream', 'restore', dir, '--json')
    assert.equal(restore.code, 0, restore.stderr)
    assert.equal(JSON.parse(restore.stdout).state.messages, 200)
    const names: string[] = []
    for await (const c of jsm.consumers.list('SMALL')) names.push(c.name)
    assert.deepEqual(names, [])
  })

  it('restore --config restores with another configuration of the same stream', async () => {
    await jsm.streams.add({name: 'CONF', subjects: ['conf.>']})
    for (let i = 0; i < 20; i++) await js.publish('conf.a', `m${i}`)
    const dir = join(tempDir(), 'conf')
    assert.equal((await cli('stream', 'backup', 'CONF', dir)).code, 0)
    await jsm.streams.delete('CONF')
    const info = JSON.parse((await cli('stream', 'info', 'CONF', '--json')).stdout || '{}')
    assert.equal(info.config, undefined)
    const file = join(tempDir(), 'conf.json')
    const meta = JSON.parse(readFileSync(join(dir, 'backup.json'), 'utf8'))
    writeFileSync(file, JSON.stringify({...meta.config, description: 'restored', max_msgs: 1000}))
    const r = await cli('stream', 'restore', dir, '--config', file)
    assert.equal(r.code, 0, r.stderr)
    const restored = await jsm.streams.info('CONF')
    assert.equal(restored.config.description, 'restored')
    assert.equal(restored.config.max_msgs, 1000)
    assert.equal(restored.state.messages, 20)

    await jsm.streams.delete('CONF')
    writeFileSync(file, JSON.stringify({...meta.config, name: 'OTHER'}))
    const renamed = await cli('stream', 'restore', dir, '--config', file)
    assert.equal(renamed.code, 2)
    assert.match(renamed.stderr, /configures stream "OTHER", but the backup is of "CONF": stream names cannot change during a restore/)
  })

  it('names a missing stream, a memory stream and a directory that is not a backup', async () => {
    const missing = await cli('stream', 'backup', 'NOPE', join(tempDir(), 'x'))
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, 'natsctl: error: stream "NOPE" not found\n')
    await jsm.streams.add({name: 'MEM', storage: 'memory' as StreamConfig['storage'], subjects: ['mem.>']})
    const mem = await cli('stream', 'backup', 'MEM', join(tempDir(), 'mem'))
    assert.equal(mem.code, 1)
    assert.match(mem.stderr, /stream "MEM" is kept in memory: the server can only back up file streams/)
    const empty = tempDir()
    const notBackup = await cli('stream', 'restore', empty)
    assert.equal(notBackup.code, 1)
    assert.match(notBackup.stderr, /cannot read .*backup\.json.*is .* a directory written by stream backup\?/)
    assert.ok(!existsSync(join(empty, 'stream.tar.s2')))
  })

  it('draws a progress bar on a terminal', async () => {
    await jsm.streams.add({name: 'BAR', subjects: ['bar.>']})
    let batch: Array<Promise<unknown>> = []
    for (let i = 0; i < 2000; i++) {
      batch.push(js.publish('bar.x', new Uint8Array(4096).fill(i & 0xff)))
      if (batch.length >= 200) {
        await Promise.all(batch)
        batch = []
      }
    }
    await Promise.all(batch)
    const dir = join(tempDir(), 'bar')
    const term = new TmuxCli(['stream', 'backup', 'BAR', dir, '--chunk-size', '4KiB', '--server', testbed.server.url], testbed.home.env)
    try {
      const {code, screen} = await term.exit()
      assert.equal(code, 0, screen)
      assert.match(screen, /Backing up [\d.]+s \[=+>?\] 100%/)
      assert.match(screen, /Received [^\n]+ compressed data in [\d,]+ chunks for stream "BAR"/)
    } finally {
      term.kill()
    }
    await jsm.streams.delete('BAR')
    const restore = new TmuxCli(['stream', 'restore', dir, '--server', testbed.server.url], testbed.home.env)
    try {
      const {code, screen} = await restore.exit()
      assert.equal(code, 0, screen)
      assert.match(screen, /Restoring [\d.]+s \[=+>?\] 100%/)
    } finally {
      restore.kill()
    }
    const noBar = await cli('stream', 'backup', 'BAR', join(tempDir(), 'bar2'))
    assert.ok(!noBar.stderr.includes('Backing up'), 'no bar without a terminal')
  })
})
