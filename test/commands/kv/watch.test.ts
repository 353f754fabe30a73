// kv watch: the latest values, then changes as they happen (text and NDJSON), --count, the history and
// updates-only modes, --no-deletes, and Ctrl-C ending with exit 0.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {type KV, Kvm} from '@nats-io/kv'

import {startCli} from '../../helpers/cli.js'
import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

describe('kv watch', () => {
  let tb: JetStreamTestbed
  let kv: KV
  const watch = (...args: string[]) => startCli(['kv', 'watch', ...args, '--server', tb.server.url], {env: tb.home.env})

  before(async () => {
    tb = await startJetStreamTestbed()
    kv = await new Kvm(tb.js).create('W', {history: 5})
    await kv.put('a', 'one')
    await kv.put('a', 'two')
    await kv.put('b', 'bee')
  })
  after(() => tb?.close())

  it('shows the latest values, then each change as it happens, until --count', async () => {
    const w = watch('W', '--count', '4')
    await w.waitFor('PUT W > b: bee', 'stdout')
    await kv.put('c', 'sea')
    await kv.delete('a')
    const r = await w.done
    assert.equal(r.code, 0, r.stderr)
    const lines = r.stdout.trim().split('\n')
    assert.equal(lines.length, 4)
    assert.match(lines[0], /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] PUT W > a: two$/)
    assert.match(lines[1], /\] PUT W > b: bee$/)
    assert.match(lines[2], /\] PUT W > c: sea$/)
    assert.match(lines[3], /\] DELETE W > a$/)
  })

  it('--json writes NDJSON; a key filter; --history; --updates; --no-deletes', async () => {
    const j = await watch('W', 'c', '--json', '--count', '1').done
    assert.equal(j.code, 0, j.stderr)
    const entry = JSON.parse(j.stdout)
    assert.equal(entry.key, 'c')
    assert.equal(entry.value, 'sea')
    assert.equal(entry.operation, 'PUT')
    assert.equal(typeof entry.revision, 'number')

    const h = await watch('W', 'a', '--history', '--json', '--count', '3').done
    assert.deepEqual(
      h.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).operation),
      ['PUT', 'PUT', 'DEL'],
    )

    const consumers = (await tb.jsm.streams.info('KV_W')).state.consumer_count
    const u = watch('W', '--updates', '--json', '--count', '1')
    // Write only once the watcher's consumer is on the server (a busy machine may take a while to start it).
    for (let i = 0; i < 150 && (await tb.jsm.streams.info('KV_W')).state.consumer_count === consumers; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    await kv.put('d', 'new')
    const ur = await u.done
    assert.equal(JSON.parse(ur.stdout).key, 'd', 'only the change made after the start')

    const nd = watch('W', '--no-deletes', '--json')
    await nd.waitFor('"key":"d"', 'stdout')
    nd.kill('SIGINT')
    const ndr = await nd.done
    assert.equal(ndr.code, 0, ndr.stderr)
    assert.ok(!ndr.stdout.includes('"DEL"'), ndr.stdout)
  })

  it('runs until Ctrl-C and exits 0; a missing bucket is one line', async () => {
    const w = watch('W')
    await w.waitFor('PUT W > d: new', 'stdout')
    await kv.put('e', 'live')
    await w.waitFor('PUT W > e: live', 'stdout')
    w.kill('SIGINT')
    const r = await w.done
    assert.equal(r.code, 0, r.stderr)
    const missing = await watch('NOPE').done
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, 'natsctl: error: bucket "NOPE" not found\n')
    // The watcher's consumer is gone with it.
    assert.equal((await tb.jsm.streams.info('KV_W')).state.consumer_count, 0)
  })
})
