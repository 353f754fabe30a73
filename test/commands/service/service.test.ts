// service ls|info|stats|ping against services that answer the $SRV subjects themselves (the micro protocol:
// io.nats.micro.v1.* replies): two instances of "orders" and one "billing", plus a rogue responder whose
// replies are not micro replies and must be ignored.

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {connect, type Msg, type NatsConnection} from '@nats-io/transport-node'

import {makeHome, runCli} from '../../helpers/cli.js'
import {startServer, stopAllServers, type TestServer} from '../../helpers/nats-server.js'

interface Instance {
  name: string
  id: string
  version: string
  description: string
  endpoints: Array<{name: string; subject: string; queue_group: string; num_requests: number; num_errors: number; processing_time: number}>
}

const instances: Instance[] = [
  {
    name: 'orders',
    id: 'ORD1',
    version: '1.0.0',
    description: 'Order intake',
    endpoints: [
      {name: 'create', subject: 'orders.create', queue_group: 'q', num_requests: 10, num_errors: 1, processing_time: 11_000_000},
      {name: 'cancel', subject: 'orders.cancel', queue_group: 'q', num_requests: 2, num_errors: 0, processing_time: 2_000_000},
    ],
  },
  {
    name: 'orders',
    id: 'ORD2',
    version: '1.1.0',
    description: 'Order intake',
    endpoints: [{name: 'create', subject: 'orders.create', queue_group: 'q', num_requests: 5, num_errors: 0, processing_time: 5_000_000}],
  },
  {
    name: 'billing',
    id: 'BIL1',
    version: '0.3.0',
    description: 'Invoices',
    endpoints: [{name: 'invoice', subject: 'billing.invoice', queue_group: 'q', num_requests: 0, num_errors: 0, processing_time: 0}],
  },
]

/** Answers $SRV.VERB, $SRV.VERB.name and $SRV.VERB.name.id as a micro service instance does. */
function serve(nc: NatsConnection, s: Instance): void {
  const reply = (verb: string) => (m: Msg) => {
    const base = {name: s.name, id: s.id, version: s.version, metadata: {owner: 'team-a'}}
    if (verb === 'PING') m.respond(JSON.stringify({...base, type: 'io.nats.micro.v1.ping_response'}))
    if (verb === 'INFO') {
      m.respond(
        JSON.stringify({
          ...base,
          type: 'io.nats.micro.v1.info_response',
          description: s.description,
          endpoints: s.endpoints.map((e) => ({name: e.name, subject: e.subject, queue_group: e.queue_group, metadata: null})),
        }),
      )
    }
    if (verb === 'STATS') {
      m.respond(
        JSON.stringify({
          ...base,
          type: 'io.nats.micro.v1.stats_response',
          started: new Date(Date.now() - 60_000).toISOString(),
          endpoints: s.endpoints.map((e) => ({
            ...e,
            average_processing_time: e.num_requests + e.num_errors > 0 ? e.processing_time / (e.num_requests + e.num_errors) : 0,
            last_error: e.num_errors ? 'boom' : '',
          })),
        }),
      )
    }
  }
  for (const verb of ['PING', 'INFO', 'STATS']) {
    for (const subject of [`$SRV.${verb}`, `$SRV.${verb}.${s.name}`, `$SRV.${verb}.${s.name}.${s.id}`])
      nc.subscribe(subject, {callback: (_e, m) => reply(verb)(m)})
  }
}

describe('service', () => {
  const home = makeHome()
  let server: TestServer
  let nc: NatsConnection
  const cli = (...args: string[]) => runCli(['service', ...args, '--server', server.url], {env: home.env})

  before(async () => {
    server = await startServer()
    nc = await connect({servers: server.url})
    for (const s of instances) serve(nc, s)
    // Not a micro service: its replies must not show up.
    nc.subscribe('$SRV.>', {callback: (_e, m) => void m.respond('{"type":"something.else","name":"rogue","id":"X"}')})
    await nc.flush()
  })
  after(async () => {
    await nc.close()
    await stopAllServers()
    home.cleanup()
  })

  it('ls: one row per service with its versions and instances; --json is the info replies', async () => {
    const r = await cli('ls')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /All Services/)
    assert.match(r.stdout, /│ orders +│ 1\.0\.0, 1\.1\.0 +│ +2 │ Order intake +│/)
    assert.match(r.stdout, /│ billing +│ 0\.3\.0 +│ +1 │ Invoices +│/)
    assert.doesNotMatch(r.stdout, /rogue/)
    const j = await cli('ls', '--json')
    const infos = JSON.parse(j.stdout) as Array<{name: string; id: string; type: string}>
    assert.deepEqual(
      infos.map((i) => `${i.name}/${i.id}`),
      ['billing/BIL1', 'orders/ORD1', 'orders/ORD2'],
    )
    assert.ok(infos.every((i) => i.type === 'io.nats.micro.v1.info_response'))
    const one = await runCli(['micro', 'list', 'orders', '--server', server.url], {env: home.env})
    assert.equal(one.code, 0, one.stderr)
    assert.match(one.stdout, /orders Service Instances/)
    assert.match(one.stdout, /ORD1/)
    assert.match(one.stdout, /ORD2/)
    assert.doesNotMatch(one.stdout, /BIL1/)
  })

  it('info: endpoints with subjects and queue groups, metadata and statistics; --endpoint filters', async () => {
    const r = await cli('info', 'orders', 'ORD1')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /Service: orders \(ORD1\)/)
    assert.match(r.stdout, /Metadata: owner: team-a/)
    assert.match(r.stdout, /Endpoint create:\n\n\s+Subject: orders\.create\n\s+Queue Group: q/)
    assert.match(
      r.stdout,
      /create Endpoint Statistics:[\s\S]*Requests: 10 in group "q"[\s\S]*Processing Time: 11ms \(average 1ms\)[\s\S]*Last Error: boom/,
    )
    const j = await cli('info', 'orders', 'ORD1', '--endpoint', '^can', '--json')
    const parsed = JSON.parse(j.stdout) as {
      info: {id: string; endpoints: Array<{name: string}>}
      stats: {endpoints: Array<{name: string; num_requests: number}>}
    }
    assert.equal(parsed.info.id, 'ORD1')
    assert.deepEqual(
      parsed.info.endpoints.map((e) => e.name),
      ['cancel'],
    )
    assert.deepEqual(
      parsed.stats.endpoints.map((e) => [e.name, e.num_requests]),
      [['cancel', 2]],
    )
    const none = await cli('info', 'nosuch')
    assert.equal(none.code, 1)
    assert.match(none.stderr, /no instances of service "nosuch" found/)
  })

  it('stats: a row per endpoint and instance, with totals', async () => {
    const r = await cli('stats', 'orders')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /orders Service Statistics/)
    assert.match(r.stdout, /│ ORD1 +│ create +│ +10 │ q +│ +1 │/)
    assert.match(r.stdout, /│ +│ cancel +│ +2 │/)
    assert.match(r.stdout, /│ ORD2 +│ create +│ +5 │/)
    // Totals: 17 requests, 1 error, 18ms in all, 1ms on average.
    assert.match(r.stdout, /│ +│ +│ +17 │ +│ +1 │ +18ms │ +1ms │/)
    const j = JSON.parse((await cli('stats', 'orders', '--json')).stdout) as Array<{id: string}>
    assert.deepEqual(
      j.map((s) => s.id),
      ['ORD1', 'ORD2'],
    )
  })

  it('ping: every instance with its RTT; none answering exits 1', async () => {
    const r = await cli('ping', '--json')
    assert.equal(r.code, 0, r.stderr)
    const pongs = JSON.parse(r.stdout) as Array<{name: string; id: string; rtt_ms: number}>
    assert.deepEqual(pongs.map((p) => p.id).sort(), ['BIL1', 'ORD1', 'ORD2'])
    assert.ok(pongs.every((p) => p.rtt_ms >= 0))
    const text = await cli('ping', 'billing')
    assert.match(text.stdout, /^billing BIL1 +rtt=/)
    assert.equal(text.stdout.trim().split('\n').length, 1)
    const none = await cli('ping', 'nosuch')
    assert.equal(none.code, 1)
    assert.match(none.stderr, /no instances of service "nosuch" found/)
    const empty = await cli('ls', 'nosuch')
    assert.equal(empty.code, 0)
    assert.match(empty.stdout, /No results received/)
  })
})
