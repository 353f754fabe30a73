// object edit: each flag read back from the bucket's stream, the settings not given kept, --json, and the
// server's refusals as one line (exit 1) with nothing changed.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {Objm, StorageType} from '@nats-io/obj'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

describe('object edit BUCKET', () => {
  let tb: JetStreamTestbed
  const cli = (...args: string[]) => tb.cli(args)
  const config = async (bucket: string) => (await tb.jsm.streams.info(`OBJ_${bucket}`)).config

  before(async () => {
    tb = await startJetStreamTestbed()
  })
  after(() => tb?.close())

  it('changes description, ttl and bucket size; keeps what is not given', async () => {
    await new Objm(tb.js).create('FILES', {description: 'before', storage: StorageType.Memory})
    const r = await cli('object', 'edit', 'FILES', '--description', 'after', '--ttl', '90s', '--max-bucket-size', '10MiB')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^Information for Object Store Bucket FILES created /)
    assert.match(r.stdout, /\n +TTL: 1m30s\n/)
    const c = await config('FILES')
    assert.equal(c.description, 'after')
    assert.equal(c.max_age, 90 * 1e9)
    assert.ok(c.duplicate_window <= 90 * 1e9, 'the duplicate window stays within the TTL')
    assert.equal(c.max_bytes, 10 * 1024 * 1024)
    assert.equal(c.storage, 'memory', 'what was not given is kept')
    const one = await cli('object', 'edit', 'FILES', '--ttl', '0', '--json')
    assert.equal(one.code, 0, one.stderr)
    const j = JSON.parse(one.stdout)
    assert.equal(j.bucket, 'FILES')
    assert.equal(j.ttl, 0)
    assert.equal(j.description, 'after')
    assert.equal(j.max_bucket_size, 10 * 1024 * 1024)
    const c2 = await config('FILES')
    assert.equal(c2.max_age, 0)
    assert.equal(c2.description, 'after')
  })

  it('--replicas reaches the server (a single 2.9 server stores it; a refusal would be one line)', async () => {
    await new Objm(tb.js).create('REPL')
    const r = await cli('object', 'edit', 'REPL', '--replicas', '3')
    if (r.code === 0) assert.equal((await config('REPL')).num_replicas, 3)
    else assert.match(r.stderr, /^natsctl: error: bucket "REPL" was not changed: .*replica/i)
  })

  it("the server's refusals are one line, exit 1, and change nothing; a missing bucket or no setting too", async () => {
    await new Objm(tb.js).create('KEEP', {description: 'kept'})
    const huge = await cli('object', 'edit', 'KEEP', '--max-bucket-size', '1000TiB', '--description', 'changed')
    assert.equal(huge.code, 1)
    assert.equal(huge.stderr, 'natsctl: error: bucket "KEEP" was not changed: insufficient storage resources available (10047)\n')
    assert.equal((await config('KEEP')).description, 'kept')
    // A sealed bucket: 2.9 accepts the update and keeps no TTL; that is not a success.
    await new Objm(tb.js).create('SEALED')
    await (await new Objm(tb.js).open('SEALED')).seal()
    const sealed = await cli('object', 'edit', 'SEALED', '--ttl', '1h')
    if (sealed.code === 0) assert.equal((await config('SEALED')).max_age, 3600 * 1e9)
    else {
      assert.equal(sealed.code, 1)
      assert.equal(sealed.stderr, 'natsctl: error: bucket "SEALED": the server accepted the change but did not apply --ttl (the bucket is sealed)\n')
    }
    const missing = await cli('object', 'edit', 'NOPE', '--ttl', '1h')
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, 'natsctl: error: bucket "NOPE" not found\n')
    const nothing = await cli('object', 'edit', 'KEEP')
    assert.equal(nothing.code, 2)
    assert.match(nothing.stderr, /nothing to change/)
  })
})
