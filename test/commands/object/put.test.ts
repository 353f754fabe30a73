// object add, put, get, ls, info, del, seal and watch against a real nats-server: flags read back from the
// bucket's stream, files round-tripped byte for byte, the digest checked on get (a corrupt object leaves no
// file behind), the confirmation policy for replacing and deleting.
import assert from 'node:assert/strict'
import {createHash, randomBytes} from 'node:crypto'
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {headers} from '@nats-io/transport-node'
import {type ObjectStore, Objm} from '@nats-io/obj'

import {startCli} from '../../helpers/cli.js'
import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

describe('object add, put, get, ls, info, del, seal, watch', () => {
  let tb: JetStreamTestbed
  let dir: string
  let os: ObjectStore
  const cli = (...args: string[]) => tb.cli(args, {cwd: dir})
  const data = randomBytes(700_000) // several 128 KiB chunks and a partial one

  before(async () => {
    tb = await startJetStreamTestbed()
    dir = mkdtempSync(join(tmpdir(), 'natsctl-obj-test-'))
    writeFileSync(join(dir, 'data.bin'), data)
  })
  after(async () => {
    await tb?.close()
    rmSync(dir, {force: true, recursive: true})
  })

  it('add creates a bucket with the flags, as the server reads them back', async () => {
    const r = await cli(
      'object',
      'add',
      'LIMITED',
      '--ttl',
      '2h',
      '--max-bucket-size',
      '10MiB',
      '--storage',
      'memory',
      '--description',
      'small',
      '--replicas',
      '1',
    )
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^Information for Object Store Bucket LIMITED created /)
    assert.match(r.stdout, /\n +TTL: 2h\n/)
    const c = (await tb.jsm.streams.info('OBJ_LIMITED')).config
    assert.equal(c.max_age, 2 * 3600 * 1e9)
    assert.equal(c.max_bytes, 10 * 1024 * 1024)
    assert.equal(c.storage, 'memory')
    assert.equal(c.description, 'small')
    assert.equal(c.num_replicas, 1)
    const plain = await cli('object', 'new', 'FILES', '--json')
    assert.equal(plain.code, 0, plain.stderr)
    const status = JSON.parse(plain.stdout)
    assert.equal(status.bucket, 'FILES')
    assert.equal(status.sealed, false)
    const pc = (await tb.jsm.streams.info('OBJ_FILES')).config
    assert.equal(pc.max_age, 0)
    assert.equal(pc.max_bytes, -1)
    assert.equal(pc.storage, 'file')
    assert.equal((await cli('object', 'add', 'FILES')).stderr, 'natsctl: error: bucket "FILES" already exists\n')
    os = await new Objm(tb.js).open('FILES')
  })

  it('put stores a file byte for byte with --name and --description, and shows its info', async () => {
    const r = await cli('object', 'put', 'FILES', 'data.bin', '--name', 'blobs/data', '--description', 'random bytes')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^Object information for FILES > blobs\/data\n/)
    assert.match(r.stdout, /\n +Description: random bytes\n +Size: 684 KiB\n/)
    assert.match(r.stdout, /\n +Chunks: 6\n +Digest: SHA-256 [0-9a-f]{64}\n/)
    const info = (await os.info('blobs/data'))!
    assert.equal(info.description, 'random bytes')
    assert.equal(info.size, data.length)
    assert.deepEqual(Buffer.from((await os.getBlob('blobs/data'))!), data)
    // Without --name the object is named after the file as given.
    const named = await cli('object', 'put', 'FILES', './data.bin', '--json')
    assert.equal(named.code, 0, named.stderr)
    assert.equal(JSON.parse(named.stdout).name, 'data.bin')
    assert.ok(await os.info('data.bin'))
  })

  it('put reads stdin with --name (and needs --name for it); replacing asks unless --force', async () => {
    const r = await tb.cli(['object', 'put', 'FILES', '--name', 'piped.txt'], {cwd: dir, input: 'from a pipe\n'})
    assert.equal(r.code, 0, r.stderr)
    assert.equal(new TextDecoder().decode((await os.getBlob('piped.txt'))!), 'from a pipe\n')
    const noName = await tb.cli(['object', 'put', 'FILES'], {cwd: dir, input: 'x'})
    assert.equal(noName.code, 2)
    assert.match(noName.stderr, /--name is required when reading from stdin/)
    const replace = await tb.cli(['object', 'put', 'FILES', '--name', 'piped.txt'], {cwd: dir, input: 'second'})
    assert.equal(replace.code, 2)
    assert.match(replace.stderr, /refusing to replace object piped\.txt in bucket FILES without confirmation: pass --force/)
    const forced = await tb.cli(['object', 'put', 'FILES', '--name', 'piped.txt', '--force'], {cwd: dir, input: 'second'})
    assert.equal(forced.code, 0, forced.stderr)
    assert.equal(new TextDecoder().decode((await os.getBlob('piped.txt'))!), 'second')
    const missing = await cli('object', 'put', 'FILES', 'no-such-file')
    assert.equal(missing.code, 1)
  })

  it('get writes the object to a file (named after it, or -O), to stdout with -O -, and --force to overwrite', async () => {
    const out = mkdtempSync(join(tmpdir(), 'natsctl-obj-out-'))
    try {
      const r = await tb.cli(['object', 'get', 'FILES', 'blobs/data'], {cwd: out})
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stdout, /^Wrote: 684 KiB to .*\/data in /)
      assert.deepEqual(readFileSync(join(out, 'data')), data)
      const again = await tb.cli(['object', 'get', 'FILES', 'blobs/data'], {cwd: out})
      assert.equal(again.code, 2)
      assert.match(again.stderr, /refusing to replace .*data without confirmation: pass --force/)
      writeFileSync(join(out, 'data'), 'old')
      const forced = await tb.cli(['object', 'get', 'FILES', 'blobs/data', '--force', '--json'], {cwd: out})
      assert.equal(forced.code, 0, forced.stderr)
      assert.deepEqual(readFileSync(join(out, 'data')), data)
      const j = JSON.parse(forced.stdout)
      assert.equal(j.size, data.length)
      assert.equal(j.file, join(out, 'data'))
      const o = await tb.cli(['object', 'get', 'FILES', 'blobs/data', '--output', 'renamed.bin'], {cwd: out})
      assert.equal(o.code, 0, o.stderr)
      assert.deepEqual(readFileSync(join(out, 'renamed.bin')), data)
      assert.deepEqual(readdirSync(out).sort(), ['data', 'renamed.bin'], 'no temporary files left')
    } finally {
      rmSync(out, {force: true, recursive: true})
    }
    const stdout = await new Promise<Buffer>((resolve, reject) => {
      const child = startCli(['object', 'get', 'FILES', 'blobs/data', '-O', '-', '--server', tb.server.url], {env: tb.home.env})
      const chunks: Buffer[] = []
      child.child.stdout!.on('data', (d: Buffer) => chunks.push(d))
      child.done.then((r) => (r.code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(r.stderr))), reject)
    })
    assert.deepEqual(stdout, data)
    const missing = await cli('object', 'get', 'FILES', 'nope')
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, 'natsctl: error: object "nope" not found in bucket "FILES"\n')
    const noBucket = await cli('object', 'get', 'NOPE', 'x')
    assert.equal(noBucket.stderr, 'natsctl: error: bucket "NOPE" not found\n')
  })

  it('get checks the digest: a corrupt object is an error and leaves no file, not even a partial one', async () => {
    await os.put({name: 'corrupt.bin'}, new Blob([data]).stream())
    // Rewrite the object's metadata with the digest of other bytes (as a damaged or tampered store would).
    const stored = await tb.jsm.streams.getMessage('OBJ_FILES', {last_by_subj: metaSubject('corrupt.bin')})
    const record = stored!.json<Record<string, unknown>>()
    record.digest = `SHA-256=${createHash('sha256').update('something else').digest('base64url')}=`
    const h = headers()
    h.set('Nats-Rollup', 'sub')
    await tb.js.publish(metaSubject('corrupt.bin'), JSON.stringify(record), {headers: h})
    const out = mkdtempSync(join(tmpdir(), 'natsctl-obj-bad-'))
    try {
      const r = await tb.cli(['object', 'get', 'FILES', 'corrupt.bin'], {cwd: out})
      assert.equal(r.code, 1)
      assert.match(
        r.stderr,
        /^natsctl: error: object "corrupt\.bin" in bucket "FILES" is corrupt: its SHA-256 digest is [0-9a-f]{64}, expected [0-9a-f]{64}\n$/,
      )
      assert.deepEqual(readdirSync(out), [], 'nothing written, no temporary file left')
    } finally {
      rmSync(out, {force: true, recursive: true})
    }
  })

  it('ls lists buckets and objects (name, size, time, digest), names and JSON; stream ls hides OBJ_ streams', async () => {
    // (this test's own client reads leave consumers behind: count only what the commands add)
    const consumers = (await tb.jsm.streams.info('OBJ_FILES')).state.consumer_count
    const buckets = await cli('object', 'ls')
    assert.equal(buckets.code, 0, buckets.stderr)
    assert.match(buckets.stdout, /Object Store Buckets\n/)
    assert.match(buckets.stdout, /│ Bucket +│ Description +│ Created +│ +Size │ Last Update │/)
    assert.deepEqual((await cli('object', 'ls', '--names')).stdout.trim().split('\n'), ['FILES', 'LIMITED'])
    const objects = await cli('object', 'ls', 'FILES')
    assert.match(objects.stdout, /Bucket Contents\n/)
    assert.match(objects.stdout, /│ Name +│ +Size │ Time +│ Digest +│/)
    assert.match(objects.stdout, /│ blobs\/data +│ 684 KiB │ \d{4}-/)
    const json = JSON.parse((await cli('object', 'ls', 'FILES', '--json')).stdout)
    assert.deepEqual(
      json.map((o: {name: string}) => o.name),
      ['blobs/data', 'corrupt.bin', 'data.bin', 'piped.txt'],
    )
    assert.match(json[0].digest, /^SHA-256=/)
    assert.equal((await cli('object', 'ls', 'LIMITED')).stdout, 'No entries found\n')
    assert.equal((await tb.jsm.streams.info('OBJ_FILES')).state.consumer_count, consumers, 'the list consumers are deleted')
    assert.ok(!(await cli('stream', 'ls', '--names')).stdout.includes('OBJ_'))
    assert.match((await cli('stream', 'ls', '--names', '--all')).stdout, /OBJ_FILES/)
  })

  it('info (aliases show, i) shows a bucket or an object', async () => {
    const b = await cli('object', 'show', 'FILES')
    assert.match(b.stdout, /\n +Bucket Name: FILES\n/)
    assert.match(b.stdout, /\n +Sealed: false\n/)
    const o = JSON.parse((await cli('object', 'i', 'FILES', 'blobs/data', '--json')).stdout)
    assert.equal(o.size, data.length)
    assert.equal(o.description, 'random bytes')
    assert.equal(o.digest, (await os.info('blobs/data'))!.digest)
    assert.equal((await cli('object', 'info', 'FILES', 'nope')).stderr, 'natsctl: error: object "nope" not found in bucket "FILES"\n')
  })

  it('watch shows the objects, then puts and deletes as they happen', async () => {
    const w = startCli(['object', 'watch', 'FILES', '--count', '6', '--server', tb.server.url], {env: tb.home.env})
    await w.waitFor('piped.txt', 'stdout')
    await os.putBlob({name: 'late.txt'}, new TextEncoder().encode('late'))
    await os.delete('late.txt')
    const r = await w.done
    assert.equal(r.code, 0, r.stderr)
    const lines = r.stdout.trim().split('\n')
    assert.match(lines[4], /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] PUT FILES > late\.txt: 4 B in 1 chunks$/)
    assert.match(lines[5], /\] DEL FILES > late\.txt$/)
    const j = await tb.cli(['object', 'watch', 'FILES', '--json', '--count', '1'])
    assert.equal(JSON.parse(j.stdout).bucket, 'FILES')
  })

  it('del removes an object or the bucket (asks first); seal makes the bucket read-only', async () => {
    const refused = await cli('object', 'del', 'FILES', 'piped.txt')
    assert.equal(refused.code, 2)
    const r = await cli('object', 'rm', 'FILES', 'piped.txt', '--force')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'Removed FILES > piped.txt\n')
    assert.equal((await os.info('piped.txt'))?.deleted, true)
    assert.equal((await cli('object', 'seal', 'FILES')).code, 2)
    const sealed = await cli('object', 'seal', 'FILES', '--force')
    assert.equal(sealed.code, 0, sealed.stderr)
    assert.match(sealed.stdout, /^FILES has been sealed\n/)
    assert.equal((await tb.jsm.streams.info('OBJ_FILES')).config.sealed, true)
    const put = await cli('object', 'put', 'FILES', 'data.bin', '--name', 'after-seal')
    assert.equal(put.code, 1)
    const bucket = await cli('object', 'del', 'LIMITED', '--force', '--json')
    assert.deepEqual(JSON.parse(bucket.stdout), {bucket: 'LIMITED', deleted: true})
    await assert.rejects(tb.jsm.streams.info('OBJ_LIMITED'))
  })
})

function metaSubject(name: string): string {
  // The client's meta subject: base64url with padding.
  const b64 = Buffer.from(name).toString('base64').replace(/\+/g, '-').replace(/\//g, '_')
  return `$O.FILES.M.${b64}`
}
