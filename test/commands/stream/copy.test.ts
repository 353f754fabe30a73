// stream copy against a real nats-server: the configuration is copied, flags override it, no messages move.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import type {StreamConfig} from '@nats-io/jetstream'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

describe('stream copy', () => {
  let testbed: JetStreamTestbed
  const cli = (...args: string[]) => testbed.cli(args)

  before(async () => {
    testbed = await startJetStreamTestbed()
    await testbed.jsm.streams.add({
      allow_rollup_hdrs: true,
      description: 'the original',
      max_age: 3_600_000_000_000,
      max_msgs_per_subject: 10,
      name: 'ORIG',
      subjects: ['orig.>'],
    } as Partial<StreamConfig> & {name: string})
    await testbed.js.publish('orig.a', 'not copied')
  })
  after(() => testbed?.close())

  it('copies the configuration with the overrides given, and no messages', async () => {
    const r = await cli(
      'stream',
      'copy',
      'ORIG',
      'COPY',
      '--subjects',
      'copy.>',
      '--max-msgs',
      '500',
      '--storage',
      'memory',
      '--description',
      'the copy',
    )
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^Stream COPY was created\n\nInformation for Stream COPY created /)
    const copy = (await testbed.jsm.streams.info('COPY')).config
    const orig = (await testbed.jsm.streams.info('ORIG')).config
    assert.deepEqual(copy.subjects, ['copy.>'])
    assert.equal(copy.max_msgs, 500)
    assert.equal(copy.storage, 'memory')
    assert.equal(copy.description, 'the copy')
    // Everything not given is the original's.
    assert.equal(copy.max_age, orig.max_age)
    assert.equal(copy.max_msgs_per_subject, 10)
    assert.equal(copy.allow_rollup_hdrs, true)
    assert.equal((await testbed.jsm.streams.info('COPY')).state.messages, 0)
  })

  it('cp alias and --json give the new stream info', async () => {
    const r = await cli('stream', 'cp', 'ORIG', 'COPY2', '--subjects', 'copy2.>', '--json')
    assert.equal(r.code, 0, r.stderr)
    const info = JSON.parse(r.stdout)
    assert.equal(info.config.name, 'COPY2')
    assert.equal(info.config.description, 'the original')
  })

  it('says why a copy on the same subjects fails; refuses the same name; names a missing source', async () => {
    const overlap = await cli('stream', 'copy', 'ORIG', 'COPY3')
    assert.equal(overlap.code, 1)
    assert.equal(overlap.stderr, 'natsctl: error: subjects overlap with an existing stream (10065): give COPY3 its own --subjects\n')
    const same = await cli('stream', 'copy', 'ORIG', 'ORIG')
    assert.equal(same.code, 2)
    assert.match(same.stderr, /source and destination stream names cannot be the same/)
    const missing = await cli('stream', 'copy', 'NOPE', 'X', '--subjects', 'x')
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, 'natsctl: error: stream "NOPE" not found\n')
  })

  it('a copy as a mirror drops the subjects', async () => {
    const r = await cli('stream', 'copy', 'ORIG', 'MIRRORED', '--mirror', 'ORIG')
    assert.equal(r.code, 0, r.stderr)
    const cfg = (await testbed.jsm.streams.info('MIRRORED')).config
    assert.equal(cfg.mirror?.name, 'ORIG')
    assert.equal(cfg.subjects?.length ?? 0, 0)
  })
})
