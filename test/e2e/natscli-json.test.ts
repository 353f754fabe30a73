// The --json that natscli's scripts parse: where natscli has a shape, natsctl prints the same one. Each shape
// is pinned against a fixture written from natscli's documented output (test/fixtures/natscli).
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {AckPolicy} from '@nats-io/jetstream'

import {asSystem, startSystemServer} from '../commands/server/system-server.js'
import {makeHome, ROOT, runCli} from '../helpers/cli.js'
import {writeNatscliContext} from '../helpers/contexts.js'
import {startJetStreamTestbed, type JetStreamTestbed} from '../helpers/jetstream.js'
import type {TestServer} from '../helpers/nats-server.js'

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'natscli', name), 'utf8')) as Record<string, Record<string, unknown>>
const opt = (...keys: string[]) => new Set(keys)
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

  it('stream get --json is the stored message: subject, seq, hdrs, data, time', async () => {
    const r = await tb.cli(['stream', 'get', 'ORDERS', '2', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const msg = JSON.parse(r.stdout)
    assertShape(msg, fixture('stream-get.json'), opt('hdrs', 'data'), 'stream get')
    assert.equal(Buffer.from(msg.data, 'base64').toString(), 'two')
    assert.equal(msg.seq, 2)
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

describe("natscli's JSON shapes: consumers, subjects, contexts", () => {
  before(async () => {
    await tb.jsm.streams.add({name: 'SHAPES', subjects: ['shapes.>']})
    for (const subject of ['shapes.a', 'shapes.a', 'shapes.b']) await tb.js.publish(subject, 'x')
    await tb.jsm.consumers.add('SHAPES', {durable_name: 'PROCESSOR', ack_policy: AckPolicy.Explicit})
    await tb.jsm.consumers.add('SHAPES', {durable_name: 'AUDIT', ack_policy: AckPolicy.None})
  })

  it('consumer ls --json is an array of names', async () => {
    const r = await tb.cli(['consumer', 'ls', 'SHAPES', '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual((JSON.parse(r.stdout) as string[]).sort(), ['AUDIT', 'PROCESSOR'])
  })

  it('consumer info --json is the bare ConsumerInfo', async () => {
    const r = await tb.cli(['consumer', 'info', 'SHAPES', 'PROCESSOR', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const info = JSON.parse(r.stdout)
    const expected = fixture('consumer-info.json')
    // ts: natscli prints the server's (a zero time when an older server sends none, as 2.9 does).
    assertShape(info, expected, opt('cluster', 'push_bound', 'paused', 'pause_remaining', 'priority_groups', 'ts'), 'consumer info')
    for (const part of ['delivered', 'ack_floor']) assertShape(info[part], expected[part], opt('last_active'), `consumer info .${part}`)
    for (const key of ['ack_policy', 'deliver_policy', 'replay_policy', 'durable_name', 'num_replicas']) {
      assert.ok(key in info.config, `consumer info .config: missing "${key}"`)
    }
    assert.equal(info.num_pending, (await tb.jsm.consumers.info('SHAPES', 'PROCESSOR')).num_pending)
    assert.equal(info.num_pending, 3)
  })

  it('stream subjects --json maps each subject to its message count', async () => {
    const r = await tb.cli(['stream', 'subjects', 'SHAPES', '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(JSON.parse(r.stdout), {'shapes.a': 2, 'shapes.b': 1})
  })

  it('context info --json and context ls --json are natscontext settings with the name', async () => {
    const home = makeHome()
    try {
      writeNatscliContext(home, 'prod', {future_field: undefined})
      const expected = fixture('context-info.json')
      const info = await runCli(['context', 'info', 'prod', '--json'], {env: home.env})
      assert.equal(info.code, 0, info.stderr)
      const parsed = JSON.parse(info.stdout)
      assertShape(parsed, expected, opt(), 'context info')
      assert.equal(parsed.name, 'prod')
      const ls = await runCli(['context', 'ls', '--json'], {env: home.env})
      assert.equal(ls.code, 0, ls.stderr)
      const list = JSON.parse(ls.stdout)
      assert.equal(list.length, 1)
      assertShape(list[0], expected, opt(), 'context ls')
      // A context natsctl wrote has the same shape.
      assert.equal((await runCli(['context', 'add', 'own', '--server', 'nats://h:4222'], {env: home.env})).code, 0)
      const own = await runCli(['context', 'info', 'own', '--json'], {env: home.env})
      assertShape(JSON.parse(own.stdout), expected, opt(), 'context info (written by natsctl)')
    } finally {
      home.cleanup()
    }
  })
})

describe("natscli's JSON shapes: servers", () => {
  let server: TestServer
  const home = makeHome()
  before(async () => {
    server = await startSystemServer({serverName: 'n1'})
  })
  after(async () => {
    await server.stop()
    home.cleanup()
  })

  it('server ls --json is [{server, statsz}], as natscli prints the ServerStatsMsg replies', async () => {
    const sys = asSystem(server.url)
    const r = await runCli(['server', 'ls', '--json', ...sys.args], {env: {...home.env, ...sys.env}})
    assert.equal(r.code, 0, r.stderr)
    const list = JSON.parse(r.stdout)
    const [expected] = fixture('server-ls.json') as unknown as Array<Record<string, Record<string, unknown>>>
    assert.equal(list.length, 1)
    assertShape(list[0], expected, opt(), 'server ls')
    // Keys natscli prints from its struct even when an older server (2.9) sends none, and omitempty ones.
    const serverOptional = opt('flags', 'cluster', 'domain', 'tags', 'metadata', 'feature_flags')
    assertShape(list[0].server, expected.server, serverOptional, 'server ls .server')
    const statszOptional = opt(
      'sent_to_clients',
      'received_from_clients',
      'slow_consumer_stats',
      'stale_connections',
      'stale_connection_stats',
      'stalled_clients',
      'routes',
      'gateways',
      'active_servers',
      'jetstream',
      'gomemlimit',
      'gomaxprocs',
    )
    assertShape(list[0].statsz, expected.statsz, statszOptional, 'server ls .statsz')
    assert.equal(list[0].server.name, 'n1')
  })
})
