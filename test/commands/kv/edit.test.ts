// kv edit: each flag read back from the bucket's stream, the settings not given kept, --json, and the
// server's refusals as one line (exit 1) with nothing changed.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {Kvm} from '@nats-io/kv'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

describe('kv edit BUCKET', () => {
  let tb: JetStreamTestbed
  const cli = (...args: string[]) => tb.cli(args)
  const config = async (bucket: string) => (await tb.jsm.streams.info(`KV_${bucket}`)).config

  before(async () => {
    tb = await startJetStreamTestbed()
  })
  after(() => tb?.close())

  it('changes description, history, ttl, value and bucket size; keeps what is not given', async () => {
    await new Kvm(tb.js).create('EDIT', {description: 'before', history: 3, storage: 'memory' as never})
    const r = await cli(
      'kv',
      'edit',
      'EDIT',
      '--description',
      'after',
      '--history',
      '12',
      '--ttl',
      '30s',
      '--max-value-size',
      '1KiB',
      '--max-bucket-size',
      '1MiB',
    )
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^Information for Key-Value Store Bucket EDIT created /)
    assert.match(r.stdout, /\n +History Kept: 12\n/)
    const c = await config('EDIT')
    assert.equal(c.description, 'after')
    assert.equal(c.max_msgs_per_subject, 12)
    assert.equal(c.max_age, 30 * 1e9)
    assert.ok(c.duplicate_window <= 30 * 1e9, 'the duplicate window stays within the TTL')
    assert.equal(c.max_msg_size, 1024)
    assert.equal(c.max_bytes, 1024 * 1024)
    assert.equal(c.storage, 'memory', 'what was not given is kept')
    assert.deepEqual(c.subjects, ['$KV.EDIT.>'])
    // One flag at a time changes only that one.
    const one = await cli('kv', 'edit', 'EDIT', '--history', '2')
    assert.equal(one.code, 0, one.stderr)
    const c2 = await config('EDIT')
    assert.equal(c2.max_msgs_per_subject, 2)
    assert.equal(c2.description, 'after')
    assert.equal(c2.max_age, 30 * 1e9)
  })

  it('--json prints the new status; --ttl 0 and -1 sizes mean for ever and unlimited', async () => {
    await new Kvm(tb.js).create('EDJ', {max_bytes: 4096, maxValueSize: 100, ttl: 3_600_000})
    const r = await cli('kv', 'edit', 'EDJ', '--ttl', '0', '--max-bucket-size', '-1', '--max-value-size', '-1', '--json')
    assert.equal(r.code, 0, r.stderr)
    const j = JSON.parse(r.stdout)
    assert.equal(j.bucket, 'EDJ')
    assert.equal(j.ttl, 0)
    assert.equal(j.max_bucket_size, -1)
    assert.equal(j.max_value_size, -1)
    const c = await config('EDJ')
    assert.equal(c.max_age, 0)
    assert.equal(c.max_bytes, -1)
    assert.equal(c.max_msg_size, -1)
  })

  it('--replicas reaches the server (a single 2.9 server stores it; a refusal would be one line)', async () => {
    await new Kvm(tb.js).create('EDR')
    const r = await cli('kv', 'edit', 'EDR', '--replicas', '3')
    if (r.code === 0) assert.equal((await config('EDR')).num_replicas, 3)
    else assert.match(r.stderr, /^natsctl: error: bucket "EDR" was not changed: .*replica/i)
  })

  it('--source adds a source as the key-value client writes it; another name needs a 2.10 server', async () => {
    await new Kvm(tb.js).create('EDS')
    const external = JSON.stringify({external: {api: '$JS.edge.API'}, name: 'EDS'})
    const r = await cli('kv', 'edit', 'EDS', '--source', external)
    assert.equal(r.code, 0, r.stderr)
    const sources = (await config('EDS')).sources!
    assert.equal(sources.length, 1)
    assert.equal(sources[0].name, 'KV_EDS')
    assert.equal(sources[0].external?.api, '$JS.edge.API')
    if (tb.nc.info!.version.startsWith('2.9.')) {
      const other = await cli('kv', 'edit', 'EDS', '--source', 'OTHER')
      assert.equal(other.code, 2)
      assert.match(other.stderr, /--source OTHER: copying a bucket into one of another name needs nats-server 2\.10 or later/)
      assert.equal((await config('EDS')).sources!.length, 1)
    }
  })

  it("the server's refusals are one line, exit 1, and change nothing", async () => {
    await new Kvm(tb.js).create('EDX', {description: 'kept'})
    const huge = await cli('kv', 'edit', 'EDX', '--max-bucket-size', '1000TiB', '--description', 'changed')
    assert.equal(huge.code, 1)
    assert.equal(huge.stderr, 'natsctl: error: bucket "EDX" was not changed: insufficient storage resources available (10047)\n')
    assert.equal((await config('EDX')).description, 'kept')
    const repub = await cli('kv', 'edit', 'EDX', '--republish-destination', 'changes.>', '--republish-headers')
    if (tb.nc.info!.version.startsWith('2.9.')) {
      // 2.9 cannot change a stream's republish setting once created.
      assert.equal(repub.code, 1)
      assert.match(repub.stderr, /^natsctl: error: bucket "EDX" was not changed: stream configuration update can not change RePublish/)
      assert.equal((await config('EDX')).republish, undefined)
    } else {
      assert.equal(repub.code, 0, repub.stderr)
      assert.deepEqual((await config('EDX')).republish, {dest: 'changes.>', headers_only: true, src: '$KV.EDX.>'})
    }
    // A mirror stays a mirror on 2.9 (the server refuses); --no-mirror on a bucket that is not one is a usage error.
    await new Kvm(tb.js).create('EDX_M', {mirror: {name: 'EDX'}})
    const noMirror = await cli('kv', 'edit', 'EDX_M', '--no-mirror')
    if (noMirror.code === 0) assert.equal((await config('EDX_M')).mirror, undefined)
    else {
      assert.equal(noMirror.code, 1)
      assert.match(noMirror.stderr, /^natsctl: error: bucket "EDX_M" was not changed: stream mirror configuration can not be updated/)
      assert.equal((await config('EDX_M')).mirror?.name, 'KV_EDX')
    }
    const notMirror = await cli('kv', 'edit', 'EDX', '--no-mirror')
    assert.equal(notMirror.code, 2)
    assert.match(notMirror.stderr, /bucket "EDX" is not a mirror/)
  })

  it('a missing bucket is one line (exit 1); no setting is a usage error (exit 2)', async () => {
    const missing = await cli('kv', 'edit', 'NOPE', '--history', '2')
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, 'natsctl: error: bucket "NOPE" not found\n')
    await new Kvm(tb.js).create('EDN')
    const nothing = await cli('kv', 'edit', 'EDN')
    assert.equal(nothing.code, 2)
    assert.match(nothing.stderr, /nothing to change/)
  })
})
