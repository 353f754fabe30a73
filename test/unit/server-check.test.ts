// The check result, its formats (nagios, json, prometheus, junit, and merging junit reports) and natscli's
// check verdicts, on server-shaped data.

import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {CheckResult, mergeJunit, perfDataText, renderJunit, renderNagios, renderPrometheus} from '../../src/lib/server/check.js'
import {
  checkConsumer,
  checkCount,
  checkJsAccount,
  checkKvValues,
  checkMeta,
  checkMessage,
  checkRequest,
  checkServer,
  checkStream,
  checkStreamReplicas,
  optionsFromMetadata,
  STREAM_METADATA,
  type StreamHealthOptions,
} from '../../src/lib/server/checks.js'
import {parseDuration} from '../../src/lib/units.js'
import {parsePrometheusText, parseXml} from '../helpers/formats.js'

const result = (suite = 'request', name = 'svc.echo') => new CheckResult(suite, name)

describe('check result', () => {
  it('CRITICAL beats UNKNOWN beats WARNING beats OK, with Nagios codes', () => {
    const r = result()
    assert.equal(r.status, 'OK')
    assert.equal(r.code, 0)
    r.warn('w')
    assert.deepEqual([r.status, r.code], ['WARNING', 1])
    r.unknown('u')
    assert.deepEqual([r.status, r.code], ['UNKNOWN', 3])
    r.critical('c')
    assert.deepEqual([r.status, r.code], ['CRITICAL', 2])
    assert.equal(r.exitCode('nagios'), 2)
    assert.equal(r.exitCode('junit'), 2)
    assert.equal(r.exitCode('prometheus'), 0, 'natscli exits 0 with prometheus: the status is a metric')
  })

  it('nagios: natscli line with perf data', () => {
    const r = result()
    r.critical('response took 2s')
    r.warn('slow')
    r.ok('hidden when not OK? no: natscli lists OKs too')
    r.pd({name: 'time', value: 2.000_49, warn: 0.5, crit: 1, unit: 's'}, {name: 'values', value: 12})
    assert.equal(
      renderNagios(r),
      'CRITICAL svc.echo Crit:response took 2s Warn:slow OK:hidden when not OK? no: natscli lists OKs too | time=2.0005s;0.5000;1.0000 values=12',
    )
    assert.equal(perfDataText({name: 'a b', value: 1, crit: 3}), "'a b'=1;;3")
    const multi = result('request', 'x')
    multi.critical('two\nlines')
    assert.equal(renderNagios(multi), 'CRITICAL x Crit:two lines')
  })

  it('json: natscli shape', () => {
    const r = result()
    r.ok('Valid response')
    r.pd({name: 'time', value: 0.001, unit: 's'})
    r.durationMs = 12
    assert.deepEqual(r.toJSON(), {
      status: 'OK',
      check_suite: 'request',
      check_name: 'svc.echo',
      ok: ['Valid response'],
      perf_data: [{name: 'time', value: 0.001, warning: 0, critical: 0, unit: 's'}],
      duration: 0.012,
    })
  })

  it('prometheus: a valid exposition with the status code and escaped labels', () => {
    const r = result('stream', 'WEIRD "name"\\x')
    r.critical('bad')
    r.pd({name: 'messages', value: 5, help: 'Messages\nstored'}, {name: 'lag-ms', value: 0.25})
    const text = renderPrometheus(r, 'nats_server_check')
    const families = parsePrometheusText(text)
    assert.deepEqual(
      [...families.keys()],
      ['nats_server_check_stream_lag_ms', 'nats_server_check_stream_messages', 'nats_server_check_stream_status_code'],
    )
    const status = families.get('nats_server_check_stream_status_code')!
    assert.equal(status.type, 'gauge')
    assert.deepEqual(status.samples, [
      {name: 'nats_server_check_stream_status_code', labels: {item: 'WEIRD "name"\\x', status: 'CRITICAL'}, value: 2},
    ])
    assert.equal(families.get('nats_server_check_stream_messages')!.help, 'Messages\\nstored')
    assert.throws(() => parsePrometheusText('a{b="c"} 1'), /newline/)
    assert.throws(() => parsePrometheusText('a{b="c\\x"} 1\n'), /bad labels/)
    assert.throws(() => parsePrometheusText('a 1\nb 1\na 2\n'), /not contiguous/)
  })

  it('junit: well-formed, one suite, failures for WARNING/CRITICAL, an error for UNKNOWN', () => {
    const r = result('request', 'svc <&> "x"')
    r.critical('response does not match regexp')
    r.durationMs = 1500
    const xml = parseXml(renderJunit(r, new Date('2026-01-02T03:04:05Z')))
    assert.equal(xml.name, 'testsuites')
    assert.equal(xml.children.length, 1)
    const suite = xml.children[0]
    assert.deepEqual(suite.attributes, {
      name: 'natsctl server check',
      tests: '1',
      failures: '1',
      errors: '0',
      skipped: '0',
      time: '1.500',
      timestamp: '2026-01-02T03:04:05',
    })
    const tc = suite.children[0]
    assert.equal(tc.attributes.name, 'request svc <&> "x"')
    assert.equal(tc.children[0].name, 'failure')
    assert.equal(tc.children[0].attributes.type, 'CRITICAL')
    assert.equal(tc.children[0].attributes.message, 'response does not match regexp')

    const ok = result('kv', 'CONFIG')
    ok.ok('bucket CONFIG')
    const warn = result('stream', 'S')
    warn.warn('2 messages')
    const unknown = result('meta', 'M')
    unknown.unknown('no idea')
    let doc = mergeJunit(undefined, ok)!
    doc = mergeJunit(doc, warn)!
    doc = mergeJunit(doc, unknown)!
    const merged = parseXml(doc).children[0]
    assert.equal(merged.attributes.tests, '3')
    assert.equal(merged.attributes.failures, '1')
    assert.equal(merged.attributes.errors, '1')
    assert.deepEqual(
      merged.children.map((c) => [c.attributes.classname, c.children[0].name]),
      [
        ['server.check.kv', 'system-out'],
        ['server.check.stream', 'failure'],
        ['server.check.meta', 'error'],
      ],
    )
    assert.equal(mergeJunit('<testsuites><testsuite name="pytest"/></testsuites>', ok), undefined, "another tool's report is not touched")
    assert.throws(() => parseXml('<a><b></a></b>'), /closes/)
    assert.throws(() => parseXml('<a x="1" x="2"/>'), /duplicate/)
    assert.throws(() => parseXml('<a>&nbsp;</a>'), /entity/)
  })
})

describe('check verdicts', () => {
  it('counts: natscli inversion when critical is below warning', () => {
    const up = result()
    checkCount(up, 'Connections', 50, 40, 60)
    assert.deepEqual(up.warnings, ['Connections 50'])
    const down = result()
    checkCount(down, 'Connections', 1, 10, 2)
    assert.deepEqual(down.criticals, ['Connections 1'])
    const bad = result()
    checkCount(bad, 'CPU', 10, 90, 50, false)
    assert.deepEqual(bad.criticals, ['CPU invalid thresholds'])
  })

  it('request: regexp, headers, response time', () => {
    const r = result()
    checkRequest(
      r,
      {tookMs: 1200, data: 'pong', headers: (n) => (n === 'X' ? 'y' : undefined)},
      {matchPayload: /ping/, matchHeaders: {X: 'y', Z: '1'}, responseWarn: 500, responseCrit: 1000},
    )
    assert.deepEqual(r.criticals, ['response does not match regexp', 'invalid header "Z" = ""', 'response took 1.2s'])
    const ok = result()
    checkRequest(ok, {tookMs: 600, data: 'ping'}, {matchPayload: /ping/, responseWarn: 500, responseCrit: 1000})
    assert.equal(ok.status, 'WARNING')
    const none = result()
    checkRequest(none, {tookMs: 5, error: 'no responders'}, {})
    assert.deepEqual(none.criticals, ['could not send request: no responders'])
  })

  it('meta: offline and not current peers named; expected peers', () => {
    const r = result('meta', 'JetStream Meta Cluster')
    checkMeta(
      r,
      {
        leader: 'c-1',
        replicas: [
          {name: 'c-2', current: true, active: 1e8},
          {name: 'c-3', current: false, offline: true, active: 9e9},
        ],
      },
      {expect: 3, seenCritical: 5000},
    )
    assert.deepEqual(r.criticals, ['1 not current (c-3)', '1 inactive more than 5s (c-3)', '1 offline (c-3)'])
    const ok = result()
    checkMeta(ok, {leader: 'c-1', replicas: [{name: 'c-2', current: true, active: 1e8}]}, {expect: 3})
    assert.deepEqual(ok.criticals, ['2 peers of expected 3'])
    const fine = result()
    checkMeta(
      fine,
      {
        leader: 'c-1',
        replicas: [
          {name: 'c-2', current: true, active: 1e8},
          {name: 'c-3', current: true, active: 1e8},
        ],
      },
      {},
    )
    assert.deepEqual(fine.oks, ['3 peers led by c-1'])
    const noLeader = result()
    checkMeta(noLeader, {leader: ''}, {})
    assert.deepEqual(noLeader.criticals, ['No leader'])
  })

  it('jetstream account: percent of limits; unlimited is 0%', () => {
    const r = result('jetstream', 'JetStream')
    checkJsAccount(
      r,
      {memory: 80, storage: 95, streams: 3, consumers: 1, limits: {max_memory: 100, max_storage: 100, max_streams: -1, max_consumers: 10}},
      {memWarn: 75, memCrit: 90, storeWarn: 75, storeCrit: 90},
    )
    assert.deepEqual(r.warnings, ['80% memory'])
    assert.deepEqual(r.criticals, ['95% storage'])
    const bad = result()
    checkJsAccount(
      bad,
      {memory: 0, storage: 0, streams: 0, consumers: 0, limits: {max_memory: -1, max_storage: -1, max_streams: -1, max_consumers: -1}},
      {memWarn: 90, memCrit: 75},
    )
    assert.deepEqual(bad.criticals, ['memory: invalid thresholds'])
  })

  it('replicated streams: the unhealthy ones named', () => {
    const r = result('jetstream', 'JetStream')
    checkStreamReplicas(
      r,
      [
        {config: {name: 'ONE', num_replicas: 1}},
        {
          config: {name: 'OK3', num_replicas: 3},
          cluster: {
            leader: 'a',
            replicas: [
              {name: 'b', current: true, active: 1e6},
              {name: 'c', current: true, active: 1e6},
            ],
          },
        },
        {
          config: {name: 'DOWN', num_replicas: 3},
          cluster: {
            leader: 'a',
            replicas: [
              {name: 'b', current: true, active: 1e6},
              {name: 'c', current: false, offline: true, active: 1e10},
            ],
          },
        },
        {config: {name: 'LEADERLESS', num_replicas: 3}, cluster: {}},
      ],
      {seenCritical: 5000, lagCritical: 200},
    )
    assert.deepEqual(r.criticals, ['2 unhealthy streams (DOWN: replica c offline; LEADERLESS: no leader)'])
    assert.equal(r.perfData.find((p) => p.name === 'replicas_ok')!.value, 2)
  })

  it('stream: messages, subjects (inverted), sources, mirror lag, metadata', () => {
    const base = {config: {name: 'S', num_replicas: 1}, state: {messages: 3, num_subjects: 7}}
    const r = result('stream', 'S')
    checkStream(r, base, {msgsWarn: 5, msgsCritical: 1, subjectsWarn: 5, subjectsCritical: 10})
    assert.deepEqual(r.warnings, ['3 messages', '7 subjects'])
    const mirror = result('stream', 'M')
    checkStream(
      mirror,
      {...base, config: {name: 'M', num_replicas: 1, mirror: {name: 'S'}}, mirror: {name: 'S', lag: 500, active: 2e9}},
      {lagCritical: 100, seenCritical: 1000},
    )
    assert.deepEqual(mirror.criticals, ['Mirror Lag 500', 'Mirror Seen 2s'])
    const notMirror = result()
    checkStream(notMirror, base, {lagCritical: 100})
    assert.deepEqual(notMirror.criticals, ['not mirrored'])
    const clustered = result()
    checkStream(clustered, base, {peerExpect: 3})
    assert.deepEqual(clustered.criticals, ['Stream is not clustered'])
    const opts = optionsFromMetadata(
      {'io.nats.monitor.lag-critical': '200', 'io.nats.monitor.seen-critical': '1m', 'io.nats.monitor.msgs-warn': '9'},
      STREAM_METADATA,
      parseDuration,
      {msgsWarn: 3, lagCritical: undefined} as StreamHealthOptions,
    )
    assert.deepEqual(opts, {lagCritical: 200, seenCritical: 60_000, msgsWarn: 3})
    assert.throws(
      () => optionsFromMetadata({'io.nats.monitor.lag-critical': 'lots'}, STREAM_METADATA, parseDuration, {} as StreamHealthOptions),
      /not a number/,
    )
  })

  it('consumer, server, kv, message', () => {
    const now = Date.parse('2026-01-01T00:10:00Z')
    const c = result('consumer', 'S_C')
    checkConsumer(
      c,
      {num_ack_pending: 5, num_waiting: 0, num_pending: 100, num_redelivered: 2, delivered: {last_active: '2026-01-01T00:00:00Z'}, ack_floor: {}},
      {unprocessedCritical: 50, redeliveryCritical: 5, lastDeliveryCritical: 60_000, lastAckCritical: 60_000},
      now,
    )
    assert.deepEqual(c.criticals, ['Unprocessed Messages: 100', 'Last delivery 10m ago', 'No acks'])
    assert.deepEqual(c.oks, ['Redelivered: 2'])

    const s = result('server', 'n1')
    const vz = {
      server_name: 'n1',
      start: '2026-01-01T00:00:00Z',
      now: '2026-01-01T00:00:30Z',
      cpu: 95,
      mem: 10,
      connections: 1,
      subscriptions: 5,
      auth_required: false,
      jetstream: {},
    }
    checkServer(s, vz, 'n1', {
      cpuWarn: 50,
      cpuCrit: 90,
      connWarn: 5,
      connCrit: 2,
      uptimeWarn: 600_000,
      uptimeCrit: 60_000,
      authRequired: true,
      jsRequired: true,
    })
    assert.deepEqual(s.criticals, ['JetStream not enabled', 'Authentication not required', 'Up 30s', 'CPU 95', 'Connections 1'])
    const wrong = result()
    checkServer(wrong, vz, 'n2', {})
    assert.deepEqual(wrong.criticals, ['result from wrong server "n1"'])

    const kv = result('kv', 'B')
    checkKvValues(kv, 3, {valuesWarn: 10, valuesCrit: 1})
    assert.deepEqual(kv.warnings, ['3 values'])

    const m = result('message', 'Stream Message')
    checkMessage(m, {time: '2026-01-01T00:09:00Z', data: 'hello', size: 5}, 'S', 'a.b', {ageWarn: 30_000, ageCrit: 120_000, content: /^bye/}, now)
    assert.deepEqual(m.warnings, ['1m old'])
    assert.deepEqual(m.criticals, ['does not match regex: ^bye'])
    const ts = result()
    checkMessage(
      ts,
      {time: '2026-01-01T00:09:59Z', data: String(now / 1000 - 3600), size: 10},
      'S',
      'a.b',
      {ageCrit: 60_000, bodyTimestamp: true},
      now,
    )
    assert.deepEqual(ts.criticals, ['1h old'])
  })
})
