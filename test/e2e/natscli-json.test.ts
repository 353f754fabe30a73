// The --json that natscli's scripts parse: where natscli has a shape, natsctl prints the same one. Each shape
// is pinned against a fixture written from natscli's documented output (test/fixtures/natscli).
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {ROOT} from '../helpers/cli.js'
import {startJetStreamTestbed, type JetStreamTestbed} from '../helpers/jetstream.js'

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'natscli', name), 'utf8')) as Record<string, Record<string, unknown>>
const OPTIONAL_TOP = new Set(['cluster', 'mirror', 'sources', 'alternates', 'ts'])

/** natsctl's object has natscli's required keys, and no key natscli's shape does not have. */
function assertShape(actual: Record<string, unknown>, expected: Record<string, unknown>, optional: Set<string>, where: string): void {
  const keys = Object.keys(actual)
  for (const key of Object.keys(expected)) {
    if (!optional.has(key)) assert.ok(keys.includes(key), `${where}: missing "${key}"`)
  }
  for (const key of keys) assert.ok(key in expected || optional.has(key), `${where}: natscli has no "${key}"`)
}

let tb: JetStreamTestbed
before(async () => {
  tb = await startJetStreamTestbed()
  await tb.jsm.streams.add({name: 'ORDERS', subjects: ['orders.>']})
  await tb.js.publish('orders.1', 'one')
  await tb.js.publish('orders.1', 'two')
})
after(() => tb.close())

describe("natscli's JSON shapes", () => {
  it('stream info --json is the bare StreamInfo', async () => {
    const r = await tb.cli(['stream', 'info', 'ORDERS', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const info = JSON.parse(r.stdout)
    const expected = fixture('stream-info.json')
    assertShape(info, expected, OPTIONAL_TOP, 'stream info')
    assertShape(info.state, expected.state, new Set(['num_deleted', 'deleted', 'lost', 'subjects', 'num_subjects']), 'stream info .state')
    for (const key of ['name', 'subjects', 'retention', 'max_consumers', 'max_msgs', 'max_bytes', 'max_age', 'storage', 'num_replicas', 'discard']) {
      assert.ok(key in info.config, `stream info .config: missing "${key}"`)
    }
    assert.equal(info.state.messages, 2)
  })

  it('stream purge --json prints the stream info after the purge', async () => {
    const r = await tb.cli(['stream', 'purge', 'ORDERS', '--force', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const info = JSON.parse(r.stdout)
    assertShape(info, fixture('stream-info.json'), OPTIONAL_TOP, 'stream purge')
    assert.equal(info.state.messages, 0)
    assert.equal((await tb.jsm.streams.info('ORDERS')).state.messages, 0)
  })

  it('stream ls --json is an array of names', async () => {
    const r = await tb.cli(['stream', 'ls', '--json'])
    assert.deepEqual(JSON.parse(r.stdout), ['ORDERS'])
  })
})
