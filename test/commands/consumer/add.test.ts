// consumer add against a real nats-server 2.9: every flag is read back from the consumer's configuration on
// the server (with the client, not from natsctl's output), plus --defaults, --config, --output and errors.
import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import type {ConsumerConfig, JetStreamManager} from '@nats-io/jetstream'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

const S = 1_000_000_000 // nanoseconds in a second

describe('consumer add', () => {
  let testbed: JetStreamTestbed
  let jsm: JetStreamManager
  const cli = (...args: string[]) => testbed.cli(args)
  const config = async (stream: string, name: string): Promise<ConsumerConfig> => (await jsm.consumers.info(stream, name)).config

  before(async () => {
    testbed = await startJetStreamTestbed()
    jsm = testbed.jsm
    await jsm.streams.add({name: 'ADD', subjects: ['add.>']})
    for (let i = 1; i <= 5; i++) await testbed.js.publish(`add.${i % 2 ? 'odd' : 'even'}`, `m${i}`)
  })
  after(() => testbed?.close())

  it('a pull consumer: every pull-side flag is in the configuration on the server', async () => {
    const r = await cli(
      'consumer',
      'add',
      'ADD',
      'PULLALL',
      '--pull',
      '--deliver',
      '3',
      '--ack',
      'all',
      '--wait',
      '45s',
      '--max-deliver',
      '7',
      '--max-pending',
      '123',
      '--max-waiting',
      '33',
      '--max-pull-batch',
      '10',
      '--max-pull-expire',
      '20s',
      '--max-pull-bytes',
      '1KiB',
      '--filter',
      'add.odd',
      '--replay',
      'original',
      '--sample',
      '50',
      '--headers-only',
      '--inactive-threshold',
      '1h',
      '--description',
      'all the pull flags',
      '--replicas',
      '1',
      '--memory',
    )
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^Information for Consumer ADD > PULLALL created /)
    const c = await config('ADD', 'PULLALL')
    assert.equal(c.durable_name, 'PULLALL')
    assert.equal(c.deliver_subject, undefined)
    assert.equal(c.deliver_policy, 'by_start_sequence')
    assert.equal(c.opt_start_seq, 3)
    assert.equal(c.ack_policy, 'all')
    assert.equal(c.ack_wait, 45 * S)
    assert.equal(c.max_deliver, 7)
    assert.equal(c.max_ack_pending, 123)
    assert.equal(c.max_waiting, 33)
    assert.equal(c.max_batch, 10)
    assert.equal(c.max_expires, 20 * S)
    assert.equal(c.max_bytes, 1024)
    assert.equal(c.filter_subject, 'add.odd')
    assert.equal(c.replay_policy, 'original')
    assert.equal(c.sample_freq, '50')
    assert.equal(c.headers_only, true)
    assert.equal(c.inactive_threshold, 3600 * S)
    assert.equal(c.description, 'all the pull flags')
    assert.equal(c.num_replicas, 1)
    assert.equal(c.mem_storage, true)
    assert.match(r.stdout, /\n +Description: all the pull flags\n/)
    assert.match(r.stdout, /\n +Deliver Policy: From Sequence 3\n/)
    assert.match(r.stdout, /\n +Max Pull MaxBytes: 1\.0 KiB\n/)
  })

  it('a push consumer: --target, --deliver new, --heartbeat, --flow-control, --bps', async () => {
    const r = await cli(
      'consumer',
      'add',
      'ADD',
      'PUSH1',
      '--target',
      'out.push1',
      '--deliver',
      'new',
      '--ack',
      'explicit',
      '--heartbeat',
      '5s',
      '--flow-control',
      '--bps',
      '8000',
      '--defaults',
    )
    assert.equal(r.code, 0, r.stderr)
    const c = await config('ADD', 'PUSH1')
    assert.equal(c.deliver_subject, 'out.push1')
    assert.equal(c.deliver_policy, 'new')
    assert.equal(c.ack_policy, 'explicit')
    assert.equal(c.idle_heartbeat, 5 * S)
    assert.equal(c.flow_control, true)
    assert.equal(c.rate_limit_bps, 8000)
    assert.match(r.stdout, /\n +Delivery Subject: out\.push1\n/)
  })

  it('a push consumer in a queue group: --deliver-group, --deliver last; push defaults to no acks', async () => {
    const r = await cli('consumer', 'add', 'ADD', 'PUSH2', '--target', 'out.push2', '--deliver-group', 'workers', '--deliver', 'last', '--defaults')
    assert.equal(r.code, 0, r.stderr)
    const c = await config('ADD', 'PUSH2')
    assert.equal(c.deliver_group, 'workers')
    assert.equal(c.deliver_policy, 'last')
    assert.equal(c.ack_policy, 'none')
    const bad = await cli(
      'consumer',
      'add',
      'ADD',
      'PUSH3',
      '--target',
      'out.push3',
      '--deliver-group',
      'g',
      '--flow-control',
      '--heartbeat',
      '1s',
      '--defaults',
    )
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /--flow-control cannot be used with --deliver-group/)
  })

  it('--backoff linear with steps, min and max; max-deliver goes above the number of periods', async () => {
    const r = await cli(
      'consumer',
      'add',
      'ADD',
      'BACKOFF',
      '--pull',
      '--backoff',
      'linear',
      '--backoff-steps',
      '3',
      '--backoff-min',
      '1s',
      '--backoff-max',
      '10s',
      '--defaults',
    )
    assert.equal(r.code, 0, r.stderr)
    const c = await config('ADD', 'BACKOFF')
    assert.deepEqual(c.backoff, [S, 4 * S, 7 * S])
    assert.equal(c.max_deliver, 4)
    assert.match(r.stdout, /\n +Backoff: 1s, 4s, 7s\n/)
    const none = await cli('consumer', 'add', 'ADD', 'NOBACKOFF', '--pull', '--backoff', 'none', '--max-deliver', '3', '--defaults')
    assert.equal(none.code, 0, none.stderr)
    assert.equal((await config('ADD', 'NOBACKOFF')).backoff, undefined)
    assert.equal((await config('ADD', 'NOBACKOFF')).max_deliver, 3)
  })

  it('--deliver subject (last per subject), a duration, all; --ack none means unlimited deliveries', async () => {
    assert.equal((await cli('consumer', 'add', 'ADD', 'LPS', '--pull', '--deliver', 'subject', '--defaults')).code, 0)
    const lps = await config('ADD', 'LPS')
    assert.equal(lps.deliver_policy, 'last_per_subject')
    assert.equal((await jsm.consumers.info('ADD', 'LPS')).num_pending, 2, 'one per subject: add.odd and add.even')

    const before = Date.now()
    assert.equal((await cli('consumer', 'add', 'ADD', 'SINCE', '--pull', '--deliver', '1h', '--defaults')).code, 0)
    const since = await config('ADD', 'SINCE')
    assert.equal(since.deliver_policy, 'by_start_time')
    const start = new Date(since.opt_start_time!).getTime()
    assert.ok(Math.abs(before - 3_600_000 - start) < 60_000, `start ${since.opt_start_time}`)

    assert.equal((await cli('consumer', 'add', 'ADD', 'NOACK', '--pull', '--ack', 'none', '--deliver', 'all', '--defaults')).code, 0)
    const noack = await config('ADD', 'NOACK')
    assert.equal(noack.ack_policy, 'none')
    assert.equal(noack.deliver_policy, 'all')
    assert.equal(noack.max_deliver, -1)
  })

  it("without a terminal every value not given takes natscli's default (a pull consumer, explicit acks)", async () => {
    const r = await cli('consumer', 'add', 'ADD', 'PLAIN')
    assert.equal(r.code, 0, r.stderr)
    const c = await config('ADD', 'PLAIN')
    assert.equal(c.deliver_subject, undefined)
    assert.equal(c.deliver_policy, 'all')
    assert.equal(c.ack_policy, 'explicit')
    assert.equal(c.replay_policy, 'instant')
    assert.equal(c.max_deliver, -1)
    assert.equal(c.headers_only, undefined)
    const noName = await cli('consumer', 'add', 'ADD', '--defaults')
    assert.equal(noName.code, 2)
    assert.match(noName.stderr, /a consumer name is required: pass it as the NAME argument/)
    const noStream = await cli('consumer', 'add')
    assert.equal(noStream.code, 2)
    assert.match(noStream.stderr, /a stream name is required: pass it as the STREAM argument/)
  })

  it('--ephemeral creates a consumer with no durable name', async () => {
    const r = await cli('consumer', 'add', 'ADD', '--ephemeral', '--pull', '--inactive-threshold', '30s', '--defaults', '--json')
    assert.equal(r.code, 0, r.stderr)
    const info = JSON.parse(r.stdout)
    const c = await config('ADD', info.name)
    assert.equal(c.durable_name, undefined)
    assert.equal(c.inactive_threshold, 30 * S)
  })

  it('--output writes the configuration and creates nothing; --config creates from it, flags override', async () => {
    const file = join(testbed.home.dir, 'cons.json')
    const r = await cli('consumer', 'add', 'ADD', 'FROMFILE', '--pull', '--max-deliver', '9', '--filter', 'add.even', '--defaults', '--output', file)
    assert.equal(r.code, 0, r.stderr)
    await assert.rejects(jsm.consumers.info('ADD', 'FROMFILE'))
    const saved = JSON.parse(readFileSync(file, 'utf8'))
    assert.equal(saved.durable_name, 'FROMFILE')
    assert.equal(saved.max_deliver, 9)

    const c1 = await cli('consumer', 'add', 'ADD', '--config', file, '--description', 'from a file')
    assert.equal(c1.code, 0, c1.stderr)
    const c = await config('ADD', 'FROMFILE')
    assert.equal(c.max_deliver, 9)
    assert.equal(c.filter_subject, 'add.even')
    assert.equal(c.description, 'from a file')

    // `consumer info --json` output works as a --config file too; the NAME argument renames it.
    const infoFile = join(testbed.home.dir, 'info.json')
    writeFileSync(infoFile, (await cli('consumer', 'info', 'ADD', 'FROMFILE', '--json')).stdout)
    const c2 = await cli('consumer', 'add', 'ADD', 'FROMINFO', '--config', infoFile)
    assert.equal(c2.code, 0, c2.stderr)
    assert.equal((await config('ADD', 'FROMINFO')).max_deliver, 9)
  })

  it('refuses what nats-server 2.9 cannot do, and bad values, with clear errors', async () => {
    const two = await cli('consumer', 'add', 'ADD', 'TWOFILTERS', '--filter', 'add.odd', '--filter', 'add.even', '--defaults')
    assert.equal(two.code, 1)
    assert.match(two.stderr, /several filter subjects \(filter_subjects\) need nats-server 2\.10\.0 or newer; the connected server is 2\.9\.\d+/)
    const hb = await cli('consumer', 'add', 'ADD', 'PULLHB', '--pull', '--heartbeat', '5s', '--defaults')
    assert.equal(hb.code, 2)
    assert.match(hb.stderr, /pull consumers do not support idle heartbeats/)
    const both = await cli('consumer', 'add', 'ADD', 'BOTH', '--pull', '--target', 'x', '--defaults')
    assert.equal(both.code, 2)
    const badName = await cli('consumer', 'add', 'ADD', 'a.b', '--defaults')
    assert.equal(badName.code, 2)
    assert.match(badName.stderr, /invalid consumer name "a\.b"/)
    const badStream = await cli('consumer', 'add', 'NOPE', 'X', '--defaults')
    assert.equal(badStream.code, 1)
    assert.equal(badStream.stderr, 'natsctl: error: stream "NOPE" not found\n')
    const taken = await cli('consumer', 'add', 'ADD', 'PLAIN', '--pull', '--ack', 'none', '--defaults')
    assert.equal(taken.code, 1)
    // nats-server 2.9 treats adding an existing durable as an update, and says what it cannot change.
    assert.equal(taken.stderr, 'natsctl: error: ack policy can not be updated (10012)\n')
    const badDeliver = await cli('consumer', 'add', 'ADD', 'BADDELIVER', '--deliver', 'sometimes', '--defaults')
    assert.equal(badDeliver.code, 2)
    assert.match(badDeliver.stderr, /invalid start policy "sometimes"/)
  })
})
