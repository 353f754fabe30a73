// kv put, create, update, get, del KEY, purge, history, revert and compact against a real nats-server; each
// effect is read back with the client.
import assert from 'node:assert/strict'
import {randomBytes} from 'node:crypto'
import {after, before, describe, it} from 'node:test'

import {type KV, Kvm} from '@nats-io/kv'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

describe('kv put, create, update, get, del, purge, history, revert, compact', () => {
  let tb: JetStreamTestbed
  let kv: KV
  const cli = (...args: string[]) => tb.cli(args)

  before(async () => {
    tb = await startJetStreamTestbed()
    kv = await new Kvm(tb.js).create('CFG', {history: 10})
  })
  after(() => tb?.close())

  it('put stores the argument, prints it, and --json gives the revision', async () => {
    const r = await cli('kv', 'put', 'CFG', 'log.level', 'debug')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'debug\n')
    assert.equal((await kv.get('log.level'))?.string(), 'debug')
    const j = await cli('kv', 'put', 'CFG', 'log.level', 'info', '--json')
    const out = JSON.parse(j.stdout)
    assert.deepEqual(out, {bucket: 'CFG', key: 'log.level', revision: (await kv.get('log.level'))!.revision})
  })

  it('put reads stdin when the value is absent, byte for byte (binary safe); get --raw gives the bytes back', async () => {
    const bytes = Buffer.concat([randomBytes(4096), Buffer.from([0, 0xff, 0x0a, 0x0d])])
    const piped = await tb.cli(['kv', 'put', 'CFG', 'blob'], {input: bytes})
    assert.equal(piped.code, 0, piped.stderr)
    assert.equal(piped.stdout, '')
    assert.deepEqual(Buffer.from((await kv.get('blob'))!.value), bytes)
    const raw = await new Promise<Buffer>((resolve, reject) => {
      import('node:child_process').then(({spawn}) => {
        const child = spawn(process.execPath, ['bin/run.js', 'kv', 'get', 'CFG', 'blob', '--raw', '--server', tb.server.url], {
          env: tb.home.env,
          stdio: ['ignore', 'pipe', 'inherit'],
        })
        const chunks: Buffer[] = []
        child.stdout.on('data', (d: Buffer) => chunks.push(d))
        child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`exit ${code}`))))
      }, reject)
    })
    assert.deepEqual(raw, bytes)
  })

  it("get shows natscli's view, base64 for binary values, --revision, and JSON", async () => {
    const r = await cli('kv', 'get', 'CFG', 'log.level')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^CFG > log\.level revision: \d+ created @ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n\ninfo\n/)
    const first = await kv.history({key: 'log.level'})
    const revisions: number[] = []
    for await (const e of first) revisions.push(e.revision)
    const old = await cli('kv', 'get', 'CFG', 'log.level', '--revision', String(revisions[0]), '--raw')
    assert.equal(old.stdout, 'debug')
    const j = JSON.parse((await cli('kv', 'get', 'CFG', 'log.level', '--json')).stdout)
    assert.equal(j.value, 'info')
    assert.equal(j.operation, 'PUT')
    assert.equal(j.revision, revisions[1])
    const bin = JSON.parse((await cli('kv', 'get', 'CFG', 'blob', '--json')).stdout)
    assert.equal(bin.value, undefined)
    assert.deepEqual(Buffer.from(bin.value_base64, 'base64'), Buffer.from((await kv.get('blob'))!.value))
    const text = await cli('kv', 'get', 'CFG', 'blob')
    assert.match(text.stdout, /Showing first 120 bytes of [\d,]+, use --raw for full data/)
    const wrongKey = await cli('kv', 'get', 'CFG', 'blob', '--revision', String(revisions[0]))
    assert.equal(wrongKey.code, 1)
    assert.equal(wrongKey.stderr, `natsctl: error: revision ${revisions[0]} of key "blob" not found in bucket "CFG"\n`)
  })

  it('a missing key or bucket is one line and exit 1', async () => {
    const key = await cli('kv', 'get', 'CFG', 'nope')
    assert.equal(key.code, 1)
    assert.equal(key.stdout, '')
    assert.equal(key.stderr, 'natsctl: error: key "nope" not found in bucket "CFG"\n')
    const bucket = await cli('kv', 'get', 'NOPE', 'x')
    assert.equal(bucket.code, 1)
    assert.equal(bucket.stderr, 'natsctl: error: bucket "NOPE" not found\n')
    const put = await cli('kv', 'put', 'NOPE', 'x', 'y')
    assert.equal(put.stderr, 'natsctl: error: bucket "NOPE" not found\n')
    const badKey = await cli('kv', 'put', 'CFG', 'bad key', 'y')
    assert.equal(badKey.code, 2)
  })

  it('create fails when the key exists, and works again after a delete', async () => {
    const r = await cli('kv', 'create', 'CFG', 'lock', 'me')
    assert.equal(r.code, 0, r.stderr)
    assert.equal((await kv.get('lock'))?.string(), 'me')
    const again = await cli('kv', 'create', 'CFG', 'lock', 'you')
    assert.equal(again.code, 1)
    assert.match(again.stderr, /^natsctl: error: key "lock" already exists in bucket "CFG" \(revision \d+\)\n$/)
    assert.equal((await kv.get('lock'))?.string(), 'me')
    await kv.delete('lock')
    const after = await tb.cli(['kv', 'create', 'CFG', 'lock', '--json'], {input: 'from stdin'})
    assert.equal(after.code, 0, after.stderr)
    assert.equal((await kv.get('lock'))?.string(), 'from stdin')
  })

  it('update is compare and swap: a stale revision writes nothing and names the current one', async () => {
    const rev = await kv.put('cas', 'one')
    const ok = await cli('kv', 'update', 'CFG', 'cas', 'two', String(rev), '--json')
    assert.equal(ok.code, 0, ok.stderr)
    const now = (await kv.get('cas'))!
    assert.equal(now.string(), 'two')
    assert.equal(JSON.parse(ok.stdout).revision, now.revision)
    const stale = await cli('kv', 'update', 'CFG', 'cas', 'three', String(rev))
    assert.equal(stale.code, 1)
    assert.equal(stale.stderr, `natsctl: error: key "cas" in bucket "CFG" is at revision ${now.revision}, not ${rev}: nothing was written\n`)
    assert.equal((await kv.get('cas'))?.string(), 'two')
    const bad = await cli('kv', 'update', 'CFG', 'cas', 'x', 'latest')
    assert.equal(bad.code, 2)
  })

  it('del KEY asks (refuses without a terminal), then writes a delete marker', async () => {
    await kv.put('gone', 'soon')
    const refused = await cli('kv', 'del', 'CFG', 'gone')
    assert.equal(refused.code, 2)
    assert.match(refused.stderr, /pass --force/)
    assert.equal((await kv.get('gone'))?.operation, 'PUT')
    const r = await cli('kv', 'rm', 'CFG', 'gone', '--force')
    assert.equal(r.code, 0, r.stderr)
    assert.equal((await kv.get('gone'))?.operation, 'DEL')
    const get = await cli('kv', 'get', 'CFG', 'gone')
    assert.equal(get.stderr, 'natsctl: error: key "gone" not found in bucket "CFG"\n')
    const twice = await cli('kv', 'del', 'CFG', 'gone', '--force')
    assert.equal(twice.code, 1)
  })

  it('purge removes the history, leaving one purge marker', async () => {
    for (const v of ['a', 'b', 'c']) await kv.put('purged', v)
    const refused = await cli('kv', 'purge', 'CFG', 'purged')
    assert.equal(refused.code, 2)
    const r = await cli('kv', 'purge', 'CFG', 'purged', '--force')
    assert.equal(r.code, 0, r.stderr)
    const ops: string[] = []
    for await (const e of await kv.history({key: 'purged'})) ops.push(e.operation)
    assert.deepEqual(ops, ['PURGE'])
  })

  it('history shows every kept value; revert makes an old one the latest again', async () => {
    const revs = [await kv.put('h', 'v1'), await kv.put('h', 'v2'), await kv.put('h', 'v3')]
    // (this test's own client reads leave consumers behind: count only what the commands add)
    const consumers = (await tb.jsm.streams.info('KV_CFG')).state.consumer_count
    const r = await cli('kv', 'history', 'CFG', 'h')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /History for CFG > h\n/)
    assert.match(r.stdout, /│ Key │ Revision │ Op +│ Created +│ Length │ Value │/)
    assert.equal((r.stdout.match(/│ h +│ +\d+ │ PUT │/g) ?? []).length, 3)
    const j = JSON.parse((await cli('kv', 'history', 'CFG', 'h', '--json')).stdout)
    assert.deepEqual(
      j.map((e: {value: string}) => e.value),
      ['v1', 'v2', 'v3'],
    )
    const refused = await cli('kv', 'revert', 'CFG', 'h', String(revs[0]))
    assert.equal(refused.code, 2)
    const rv = await cli('kv', 'revert', 'CFG', 'h', String(revs[0]), '--force', '--json')
    assert.equal(rv.code, 0, rv.stderr)
    const latest = (await kv.get('h'))!
    assert.equal(latest.string(), 'v1')
    assert.ok(latest.revision > revs[2])
    assert.deepEqual(
      JSON.parse(rv.stdout).map((e: {value: string}) => e.value),
      ['v1', 'v2', 'v3', 'v1'],
    )
    assert.equal((await tb.jsm.streams.info('KV_CFG')).state.consumer_count, consumers, 'history and revert delete their consumers')
    const missing = await cli('kv', 'history', 'CFG', 'never')
    assert.equal(missing.stderr, 'natsctl: error: key "never" not found in bucket "CFG"\n')
  })

  it('compact removes the history of deleted keys', async () => {
    for (const v of ['x', 'y']) await kv.put('old', v)
    await kv.delete('old')
    const before = (await tb.jsm.streams.info('KV_CFG')).state.messages
    const refused = await cli('kv', 'compact', 'CFG')
    assert.equal(refused.code, 2)
    const r = await cli('kv', 'compact', 'CFG', '--force', '--json')
    assert.equal(r.code, 0, r.stderr)
    const {purged} = JSON.parse(r.stdout)
    assert.ok(purged >= 2, r.stdout)
    const ops: string[] = []
    for await (const e of await kv.history({key: 'old'})) ops.push(e.operation)
    assert.deepEqual(ops, ['DEL'], 'recent delete markers stay (30 minutes), the values go')
    assert.equal((await tb.jsm.streams.info('KV_CFG')).state.messages, before - purged)
  })
})
