// object put writes objects itself (chunk publishes pipelined, not one round trip each): what it stores must
// be what @nats-io/obj writes and reads, byte for byte, both ways; a put that fails part way leaves no
// object behind.
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {createHash, randomBytes} from 'node:crypto'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {type ObjectStore, Objm} from '@nats-io/obj'
import {connect} from '@nats-io/transport-node'
import {jetstreamManager} from '@nats-io/jetstream'

import {BIN, makeHome} from '../../helpers/cli.js'
import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'
import {startServer} from '../../helpers/nats-server.js'

const CHUNK = 128 * 1024

/** The client's metadata subject for an object name: base64url with padding. */
function metaSubject(bucket: string, name: string): string {
  return `$O.${bucket}.M.${Buffer.from(name).toString('base64').replace(/\+/g, '-').replace(/\//g, '_')}`
}

const digestOf = (bytes: Uint8Array) => `SHA-256=${createHash('sha256').update(bytes).digest('base64').replace(/\+/g, '-').replace(/\//g, '_')}`

describe('object put: the object store format, with pipelined chunks', () => {
  let tb: JetStreamTestbed
  let dir: string
  let os: ObjectStore
  // 40 full chunks and a partial one: more than the chunks natsctl keeps in flight.
  const big = randomBytes(40 * CHUNK + 12_345)
  const cli = (...args: string[]) => tb.cli(args, {cwd: dir})

  before(async () => {
    tb = await startJetStreamTestbed()
    dir = mkdtempSync(join(tmpdir(), 'natsctl-obj-format-'))
    writeFileSync(join(dir, 'big.bin'), big)
    os = await new Objm(tb.js).create('WIRE')
  })
  after(async () => {
    await tb?.close()
    rmSync(dir, {force: true, recursive: true})
  })

  it('stores chunks and metadata exactly as @nats-io/obj does, and the plain client reads the object back', async () => {
    const r = await cli('object', 'put', 'WIRE', 'big.bin', '--name', 'big', '--description', 'forty chunks', '--json')
    assert.equal(r.code, 0, r.stderr)
    const info = (await os.info('big'))!
    assert.equal(info.size, big.length)
    assert.equal(info.chunks, 41)
    assert.equal(info.digest, digestOf(big))
    assert.equal(info.description, 'forty chunks')
    assert.deepEqual(info.options, {max_chunk_size: CHUNK})
    assert.equal(JSON.parse(r.stdout).digest, info.digest)
    // The plain client's reader checks the digest itself.
    const blob = await os.getBlob('big')
    assert.ok(blob)
    assert.ok(Buffer.from(blob).equals(big), 'the plain client reads the same bytes')
    // The wire: the metadata message is a subject rollup with the client's fields; the chunks are in order.
    const stored = (await tb.jsm.streams.getMessage('OBJ_WIRE', {last_by_subj: metaSubject('WIRE', 'big')}))!
    assert.equal(stored.header?.get('Nats-Rollup'), 'sub')
    const record = stored.json<Record<string, unknown> & {nuid: string}>()
    assert.deepEqual(Object.keys(record), ['bucket', 'nuid', 'size', 'chunks', 'name', 'description', 'options', 'mtime', 'digest', 'deleted'])
    assert.equal(record.bucket, 'WIRE')
    assert.equal(record.deleted, false)
    assert.match(String(record.nuid), /^[0-9A-Za-z]{22}$/)
    const chunks = (await tb.jsm.streams.info('OBJ_WIRE', {subjects_filter: `$O.WIRE.C.${record.nuid}`})).state.subjects
    assert.deepEqual(chunks, {[`$O.WIRE.C.${record.nuid}`]: 41})
    const first = await tb.jsm.streams.getMessage('OBJ_WIRE', {seq: stored.seq - 41})
    assert.equal(first?.subject, `$O.WIRE.C.${record.nuid}`)
    assert.ok(Buffer.from(first!.data).equals(big.subarray(0, CHUNK)), 'the first chunk is the first 128 KiB')
    // And natsctl's own get agrees.
    const out = join(dir, 'big.out')
    const got = await cli('object', 'get', 'WIRE', 'big', '--output', out)
    assert.equal(got.code, 0, got.stderr)
    assert.ok(readFileSync(out).equals(big))
  })

  it('gets an object the plain client put, byte for byte', async () => {
    await os.put({name: 'plain'}, new Blob([big]).stream())
    const out = join(dir, 'plain.out')
    const r = await cli('object', 'get', 'WIRE', 'plain', '--output', out)
    assert.equal(r.code, 0, r.stderr)
    assert.ok(readFileSync(out).equals(big))
  })

  it('replacing an object with --force leaves only the new chunks; the plain client reads the new bytes', async () => {
    await os.put({name: 'replaced'}, new Blob([big]).stream())
    const oldNuid = (await os.info('replaced'))!.nuid
    const smaller = big.subarray(0, 3 * CHUNK)
    writeFileSync(join(dir, 'smaller.bin'), smaller)
    const r = await cli('object', 'put', 'WIRE', 'smaller.bin', '--name', 'replaced', '--force')
    assert.equal(r.code, 0, r.stderr)
    const info = (await os.info('replaced'))!
    assert.notEqual(info.nuid, oldNuid)
    assert.equal(info.chunks, 3)
    assert.equal(info.digest, digestOf(smaller))
    const old = (await tb.jsm.streams.info('OBJ_WIRE', {subjects_filter: `$O.WIRE.C.${oldNuid}`})).state.subjects
    assert.deepEqual(old ?? {}, {}, 'the old chunks are purged')
    assert.ok(Buffer.from((await os.getBlob('replaced'))!).equals(smaller))
  })

  it('stdin in pieces of any size becomes the same chunks; an empty input is an object of no chunks', async () => {
    const r = await tb.cli(['object', 'put', 'WIRE', '--name', 'piped'], {cwd: dir, input: big})
    assert.equal(r.code, 0, r.stderr)
    const info = (await os.info('piped'))!
    assert.equal(info.chunks, 41)
    assert.equal(info.digest, digestOf(big))
    assert.ok(Buffer.from((await os.getBlob('piped'))!).equals(big))
    const empty = await tb.cli(['object', 'put', 'WIRE', '--name', 'empty'], {cwd: dir, input: ''})
    assert.equal(empty.code, 0, empty.stderr)
    const e = (await os.info('empty'))!
    assert.equal(e.size, 0)
    assert.equal(e.chunks, 0)
    assert.equal(e.digest, digestOf(new Uint8Array(0)))
    assert.equal((await os.getBlob('empty'))?.length, 0)
  })
})

describe('object put: a failure part way', () => {
  it('leaves no object visible when the server goes away mid-put, and none after it comes back', async () => {
    const server = await startServer({jetstream: true})
    const home = makeHome()
    const nc = await connect({reconnect: false, servers: server.url})
    const cleanups: (() => Promise<void>)[] = []
    try {
      const jsm = await jetstreamManager(nc)
      await new Objm(nc).create('HALF')
      // stdin stays open: the test decides when the server stops, with chunks already stored.
      const child = spawn(process.execPath, [BIN, 'object', 'put', 'HALF', '--name', 'half', '--server', server.url, '--timeout', '2s'], {
        env: home.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      child.stdout.resume()
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
      child.stdin.on('error', () => {})
      child.stdin.write(randomBytes(8 * CHUNK))
      for (let i = 0; i < 200; i++) {
        if ((await jsm.streams.info('OBJ_HALF')).state.messages >= 4) break
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      assert.ok((await jsm.streams.info('OBJ_HALF')).state.messages >= 4, 'chunks were being stored')
      await server.stop({keepDir: true})
      child.stdin.end(randomBytes(8 * CHUNK))
      const code = await exited
      assert.equal(code, 1, stderr)
      assert.match(stderr, /^natsctl: error: object "half" was not stored in bucket "HALF": /)
      await server.restart()
      const after = await connect({servers: server.url})
      cleanups.push(() => after.close())
      // JetStream answers a moment after the server accepts connections.
      let os: ObjectStore | undefined
      for (let i = 0; i < 100 && !os; i++) {
        os = await new Objm(after).open('HALF').catch(async () => {
          await new Promise((resolve) => setTimeout(resolve, 100))
          return undefined
        })
      }
      assert.ok(os, 'the bucket is there after the restart')
      assert.equal(await os.info('half'), null, 'no object named half')
      const listed = await new Promise<string>((resolve) => {
        const ls = spawn(process.execPath, [BIN, 'object', 'ls', 'HALF', '--json', '--server', server.url], {env: home.env})
        let out = ''
        ls.stdout.on('data', (d: Buffer) => (out += d.toString()))
        ls.on('close', () => resolve(out))
      })
      assert.deepEqual(JSON.parse(listed), [])
    } finally {
      await nc.close()
      for (const c of cleanups) await c()
      await server.stop()
      home.cleanup()
    }
  })
})
