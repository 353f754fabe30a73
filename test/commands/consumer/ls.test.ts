// consumer ls against a real nats-server 2.9: natscli's table, --names, --json (names, as natscli), sorted,
// and one paged list call for 500 consumers (counted with the account's JetStream API statistics).
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import type {JetStreamManager} from '@nats-io/jetstream'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

describe('consumer ls', () => {
  let testbed: JetStreamTestbed
  let jsm: JetStreamManager
  const cli = (...args: string[]) => testbed.cli(args)

  before(async () => {
    testbed = await startJetStreamTestbed()
    jsm = testbed.jsm
    await jsm.streams.add({name: 'LS', subjects: ['ls.>']})
    for (let i = 0; i < 3; i++) await testbed.js.publish('ls.a', `m${i}`)
    await jsm.consumers.add('LS', {ack_policy: 'explicit' as never, description: 'the second', durable_name: 'BETA'})
    await jsm.consumers.add('LS', {ack_policy: 'explicit' as never, durable_name: 'ALPHA'})
    const alpha = await testbed.js.consumers.get('LS', 'ALPHA')
    const m = await alpha.next({expires: 2000})
    assert.ok(m, 'a message to leave unacknowledged')
    await jsm.streams.add({name: 'EMPTY', subjects: ['empty.>']})
    await jsm.streams.add({name: 'MANY', subjects: ['many.>']})
    // 500 consumers, created in parallel batches.
    for (let b = 0; b < 10; b++) {
      await Promise.all(
        Array.from({length: 50}, (_, i) =>
          jsm.consumers.add('MANY', {ack_policy: 'none' as never, durable_name: `C${String(b * 50 + i).padStart(3, '0')}`}),
        ),
      )
    }
  })
  after(() => testbed?.close())

  it("shows natscli's table, sorted by name, with ack pending and unprocessed counts", async () => {
    const r = await cli('consumer', 'ls', 'LS')
    assert.equal(r.code, 0, r.stderr)
    const lines = r.stdout.split('\n')
    assert.match(lines[0], /Consumers for Stream LS/)
    assert.match(lines[2], /│ Name +│ Description +│ Created +│ Ack Pending │ Unprocessed │ Last Delivery │/)
    const alpha = lines.findIndex((l) => l.startsWith('│ ALPHA'))
    const beta = lines.findIndex((l) => l.startsWith('│ BETA'))
    assert.ok(alpha > 0 && beta > alpha, r.stdout)
    assert.match(lines[alpha], /│ ALPHA +│ +│ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d │ +1 │ +2 │ [\d.]+m?s +│/)
    assert.match(lines[beta], /│ BETA +│ the second +│ .* │ +0 │ +3 │ never +│/)
  })

  it('--names prints one name a line; --json the names as a JSON array (natscli); an empty stream says so', async () => {
    const names = await cli('consumer', 'ls', 'LS', '--names')
    assert.equal(names.stdout, 'ALPHA\nBETA\n')
    const json = await cli('consumer', 'list', 'LS', '--json')
    assert.deepEqual(JSON.parse(json.stdout), ['ALPHA', 'BETA'])
    const empty = await cli('consumer', 'ls', 'EMPTY')
    assert.equal(empty.code, 0)
    assert.equal(empty.stdout, 'No Consumers defined\n')
    assert.deepEqual(JSON.parse((await cli('consumer', 'ls', 'EMPTY', '--json')).stdout), [])
  })

  it('lists 500 consumers with one paged list call, not a request per consumer', async () => {
    const before = (await jsm.getAccountInfo()).api.total
    const r = await cli('consumer', 'ls', 'MANY', '--json')
    const after = (await jsm.getAccountInfo()).api.total
    assert.equal(r.code, 0, r.stderr)
    const names = JSON.parse(r.stdout) as string[]
    assert.equal(names.length, 500)
    assert.deepEqual(names, [...names].sort())
    assert.equal(names[0], 'C000')
    // The CLI's own requests: the manager's account check and two pages of CONSUMER.LIST (+1 for ours).
    assert.ok(after - before <= 5, `${after - before} API requests`)
    const table = await cli('consumer', 'ls', 'MANY')
    assert.equal(table.stdout.split('\n').filter((l) => /^│ C\d{3} /.test(l)).length, 500)
  })

  it('a missing stream is named; no stream without a terminal is a usage error', async () => {
    const missing = await cli('consumer', 'ls', 'NOPE')
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, 'natsctl: error: stream "NOPE" not found\n')
    const none = await cli('consumer', 'ls')
    assert.equal(none.code, 2)
    assert.match(none.stderr, /a stream name is required/)
  })
})
