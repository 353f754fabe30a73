// stream ls against a real nats-server: the table, filters, --names, --json, -a, and 500 streams.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import type {NatsConnection} from '@nats-io/transport-node'
import {type JetStreamManager, jetstream} from '@nats-io/jetstream'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

describe('stream ls', () => {
  let testbed: JetStreamTestbed
  let nc: NatsConnection
  let jsm: JetStreamManager
  const cli = (...args: string[]) => testbed.cli(args)

  before(async () => {
    testbed = await startJetStreamTestbed()
    ;({nc, jsm} = testbed)
  })
  after(() => testbed?.close())

  it('says so when there are no streams', async () => {
    const r = await cli('stream', 'ls')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'No Streams defined\n')
    const json = await cli('stream', 'ls', '--json')
    assert.deepEqual(JSON.parse(json.stdout), [])
  })

  it('draws a table sorted by name with counts and IEC sizes; hides KV_/OBJ_ unless -a', async () => {
    await jsm.streams.add({description: 'second', name: 'ZETA', subjects: ['zeta.>']})
    await jsm.streams.add({description: 'first', name: 'ALPHA', subjects: ['alpha.>']})
    await jsm.streams.add({name: 'KV_bucket', subjects: ['$KV.bucket.>']})
    await jsm.streams.add({name: 'OBJ_store', subjects: ['$O.store.>']})
    const js = jetstream(nc)
    const body = 'x'.repeat(1000)
    await Promise.all(Array.from({length: 1500}, () => js.publish('alpha.1', body)))

    const r = await cli('stream', 'ls')
    assert.equal(r.code, 0, r.stderr)
    const lines = r.stdout.split('\n')
    assert.equal(lines[0].trim(), 'Streams')
    assert.match(lines[2], /│ Name\s+│ Description\s+│ Created\s+│\s*Messages │\s*Size │ Last Message\s+│/)
    const alpha = lines.findIndex((l) => l.includes('ALPHA'))
    const zeta = lines.findIndex((l) => l.includes('ZETA'))
    assert.ok(alpha > 0 && zeta > alpha, 'sorted by name')
    assert.match(lines[alpha], /│ ALPHA\s+│ first\s+│ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d │\s+1,500 │\s+1\.\d MiB │ \S+\s+│/)
    assert.match(lines[zeta], /│\s+0 │\s+0 B │ never\s+│/)
    assert.ok(!r.stdout.includes('KV_bucket') && !r.stdout.includes('OBJ_store'))

    const all = await cli('stream', 'ls', '-a', '--names')
    assert.deepEqual(all.stdout.trim().split('\n'), ['ALPHA', 'KV_bucket', 'OBJ_store', 'ZETA'])
    const names = await cli('stream', 'ls', '--names')
    assert.deepEqual(names.stdout.trim().split('\n'), ['ALPHA', 'ZETA'])
  })

  it("--json gives the names, as natscli's does; --subject filters on the server", async () => {
    const r = await cli('stream', 'ls', '--json')
    assert.deepEqual(JSON.parse(r.stdout), ['ALPHA', 'ZETA'])
    const j = await cli('stream', 'ls', '-j', '--subject', 'zeta.x')
    assert.deepEqual(JSON.parse(j.stdout), ['ZETA'])

    const onlyKv = await cli('stream', 'ls', '--subject', '$KV.bucket.x')
    assert.equal(onlyKv.stdout, 'No Streams defined matching $KV.bucket.x, pass -a to include system streams\n')

    const filtered = await cli('stream', 'ls', '--subject', 'zeta.x')
    assert.equal(filtered.code, 0, filtered.stderr)
    assert.match(filtered.stdout, /Streams matching zeta\.x/)
    assert.ok(filtered.stdout.includes('ZETA') && !filtered.stdout.includes('ALPHA'))
    const none = await cli('stream', 'ls', '--subject', 'nothing.here')
    assert.equal(none.stdout, 'No Streams defined matching nothing.here\n')
    const list = await cli('stream', 'list', '--names')
    assert.deepEqual(list.stdout.trim().split('\n'), ['ALPHA', 'ZETA'], 'the list alias')
  })

  it('lists 500 streams in one paged listing', async () => {
    for (let batch = 0; batch < 500; batch += 50) {
      await Promise.all(
        Array.from({length: 50}, (_, i) => {
          const n = String(batch + i).padStart(3, '0')
          return jsm.streams.add({name: `MANY_${n}`, storage: 'memory' as never, subjects: [`many.${n}`]})
        }),
      )
    }
    // Watch the JetStream API: the listing must be paged LIST requests, never one INFO per stream.
    const api: string[] = []
    const watch = nc.subscribe('$JS.API.STREAM.>', {callback: (_, m) => void api.push(m.subject)})
    await nc.flush()
    const r = await cli('stream', 'ls', '--json')
    await nc.flush()
    watch.unsubscribe()
    assert.equal(r.code, 0, r.stderr)
    assert.ok(api.length > 0 && api.every((s) => s === '$JS.API.STREAM.LIST'), `API calls: ${[...new Set(api)].join(', ')}`)
    assert.ok(api.length <= 3, `${api.length} LIST pages for 502 streams`)
    const names = JSON.parse(r.stdout) as string[]
    assert.equal(names.length, 502)
    assert.equal(names[1], 'MANY_000')
    assert.equal(names[500], 'MANY_499')
    const table = await cli('stream', 'ls')
    assert.equal(table.stdout.split('\n').filter((l) => l.includes('│ MANY_')).length, 500)
  })
})
