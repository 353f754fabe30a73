// server check against a real server with a system account: each check's verdict follows the thresholds
// given (the data is set up through the client, so a flag that were ignored would change the verdict), the
// exit code is the Nagios status (3 for a bad flag), and prometheus, junit (also collected in one file over
// several checks) and json are what their readers accept.

import assert from 'node:assert/strict'
import {existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {after, before, describe, it} from 'node:test'

import {AckPolicy, jetstreamManager, jetstream, type JetStreamManager} from '@nats-io/jetstream'
import {Kvm} from '@nats-io/kv'
import {connect, headers, type NatsConnection} from '@nats-io/transport-node'

import {makeHome, runCli} from '../../helpers/cli.js'
import {parsePrometheusText, parseXml} from '../../helpers/formats.js'
import {startServer, stopAllServers, type TestServer} from '../../helpers/nats-server.js'

const APP = {user: 'app', password: 'app-password'}
const SYS = {user: 'sys', password: 'sys-password'}
// APP's JetStream has limits, so usage in percent of them means something.
const CONFIG = `
accounts {
  APP { jetstream: {max_mem: 1MB, max_file: 100MB, max_streams: 10, max_consumers: 100}, users: [ {user: "${APP.user}", password: "${APP.password}"} ] }
  SYS { users: [ {user: "${SYS.user}", password: "${SYS.password}"} ] }
}
system_account: SYS
`

interface CheckJson {
  status: string
  check_suite: string
  check_name: string
  critical?: string[]
  warning?: string[]
  ok?: string[]
  perf_data: Array<{name: string; value: number}>
}

describe('server check', () => {
  const home = makeHome()
  const dir = mkdtempSync(join(tmpdir(), 'natsctl-check-'))
  let server: TestServer
  let nc: NatsConnection
  let jsm: JetStreamManager
  const app = (...args: string[]) =>
    runCli(['server', 'check', ...args, '--server', server.url, '--user', APP.user], {env: {...home.env, NATS_PASSWORD: APP.password}})
  const sys = (...args: string[]) =>
    runCli(['server', 'check', ...args, '--server', server.url, '--user', SYS.user], {env: {...home.env, NATS_PASSWORD: SYS.password}})
  const json = (stdout: string) => JSON.parse(stdout) as CheckJson

  before(async () => {
    server = await startServer({jetstream: true, serverName: 'checked', extraConfig: CONFIG})
    nc = await connect({servers: server.url, user: APP.user, pass: APP.password})
    jsm = await jetstreamManager(nc)
    // A service answering "pong" with a header.
    nc.subscribe('svc.ping', {
      callback: (_e, m) => {
        const h = headers()
        h.set('X-Service', 'pinger')
        m.respond(m.string() === 'ping' ? 'pong' : 'what?', {headers: h})
      },
    })
    await nc.flush()
  })
  after(async () => {
    await nc.close()
    await stopAllServers()
    home.cleanup()
    rmSync(dir, {force: true, recursive: true})
  })

  it('request: OK when the reply matches; CRITICAL (2) when it does not or nobody answers', async () => {
    const ok = await app('request', '--subject', 'svc.ping', '--payload', 'ping', '--match-payload', '^pong$', '--match-headers', 'X-Service:pinger')
    assert.equal(ok.code, 0, ok.stdout + ok.stderr)
    assert.match(ok.stdout, /^OK svc\.ping OK:Valid response \| time=\d+\.\d{4}s\n$/)
    const wrongPayload = await app('request', '--subject', 'svc.ping', '--payload', 'hello', '--match-payload', '^pong$')
    assert.equal(wrongPayload.code, 2)
    assert.match(wrongPayload.stdout, /^CRITICAL svc\.ping Crit:response does not match regexp/)
    const wrongHeader = await app('request', '--subject', 'svc.ping', '--payload', 'ping', '--match-headers', 'X-Service:other')
    assert.equal(wrongHeader.code, 2)
    assert.match(wrongHeader.stdout, /Crit:invalid header "X-Service" = "pinger"/)
    const nobody = await app('request', '--subject', 'svc.nobody', '--json')
    assert.equal(nobody.code, 2)
    assert.match(json(nobody.stdout).critical![0], /could not send request: no responders/)
    // A response-warn below any real time: WARNING (1).
    const slow = await app('request', '--subject', 'svc.ping', '--payload', 'ping', '--response-warn', '1ns')
    assert.equal(slow.code, 1, slow.stdout)
    assert.match(slow.stdout, /^WARNING svc\.ping Warn:response took/)
  })

  it('a bad flag or a missing required flag exits 3 (UNKNOWN), never 2 (CRITICAL)', async () => {
    const bad = await app('request', '--subject', 'svc.ping', '--response-warn', 'soon')
    assert.equal(bad.code, 3)
    assert.match(bad.stderr, /natsctl: error: invalid --response-warn "soon"/)
    assert.equal(bad.stdout, '')
    const missing = await app('stream')
    assert.equal(missing.code, 3)
    assert.match(missing.stderr, /Missing required flag stream/)
    const regexp = await app('request', '--subject', 'svc.ping', '--match-payload', '(')
    assert.equal(regexp.code, 3)
    assert.match(regexp.stderr, /invalid --match-payload/)
  })

  it('prometheus: a valid exposition, exit 0 whatever the status (natscli), atomically to --outfile', async () => {
    const r = await app('request', '--subject', 'svc.nobody', '--format', 'prometheus', '--namespace', 'ci')
    assert.equal(r.code, 0)
    const families = parsePrometheusText(r.stdout)
    const status = families.get('ci_request_status_code')!
    assert.deepEqual(status.samples[0].labels, {item: 'svc.nobody', status: 'CRITICAL'})
    assert.equal(status.samples[0].value, 2)
    assert.ok(families.has('ci_request_time'))
    const file = join(dir, 'nats.prom')
    const toFile = await app('jetstream', '--format', 'prometheus', '--outfile', file)
    assert.equal(toFile.code, 0, toFile.stderr)
    assert.equal(toFile.stdout, '')
    assert.match(toFile.stderr, /^OK JetStream/)
    assert.equal(statSync(file).mode & 0o777, 0o644)
    assert.ok(parsePrometheusText(readFileSync(file, 'utf8')).has('nats_server_check_jetstream_streams_pct'))
  })

  it('junit: one report collecting every check written to --outfile; failures for CRITICAL', async () => {
    const file = join(dir, 'checks.xml')
    const first = await app('request', '--subject', 'svc.ping', '--payload', 'ping', '--format', 'junit', '--outfile', file)
    assert.equal(first.code, 0, first.stderr)
    const second = await app('request', '--subject', 'svc.nobody', '--format', 'junit', '--outfile', file)
    assert.equal(second.code, 2)
    assert.match(second.stderr, /^CRITICAL svc\.nobody/)
    const third = await app('stream', '--stream', 'NOPE', '--format', 'junit', '--outfile', file)
    assert.equal(third.code, 2)
    const root = parseXml(readFileSync(file, 'utf8'))
    assert.equal(root.name, 'testsuites')
    assert.equal(root.children.length, 1)
    const suite = root.children[0]
    assert.equal(suite.attributes.tests, '3')
    assert.equal(suite.attributes.failures, '2')
    assert.deepEqual(
      suite.children.map((t) => t.attributes.name),
      ['request svc.ping', 'request svc.nobody', 'stream NOPE'],
    )
    assert.equal(
      suite.children[0].children.some((c) => c.name === 'failure'),
      false,
    )
    const failure = suite.children[2].children.find((c) => c.name === 'failure')!
    assert.equal(failure.attributes.type, 'CRITICAL')
    assert.match(failure.attributes.message, /stream "NOPE" not found/)
    // Another tool's report is left alone: UNKNOWN (3).
    const foreign = join(dir, 'foreign.xml')
    writeFileSync(foreign, '<testsuites><testsuite name="pytest" tests="0"/></testsuites>')
    const refused = await app('request', '--subject', 'svc.ping', '--format', 'junit', '--outfile', foreign)
    assert.equal(refused.code, 3)
    assert.match(refused.stderr, /is not a JUnit report natsctl wrote/)
    assert.equal(readFileSync(foreign, 'utf8'), '<testsuites><testsuite name="pytest" tests="0"/></testsuites>')
    assert.equal(existsSync(join(dir, `.foreign.xml.${process.pid}.tmp`)), false)
  })

  it('connection: OK; a connect-critical below any real connect time is CRITICAL', async () => {
    const ok = await app('connection', '--json')
    assert.equal(ok.code, 0, ok.stdout)
    const result = json(ok.stdout)
    assert.deepEqual(
      result.perf_data.map((p) => p.name),
      ['connect_time', 'rtt', 'request_time'],
    )
    assert.match(result.ok![0], /^connected to 127\.0\.0\.1:\d+ in /)
    const slow = await app('connection', '--connect-critical', '1ns')
    assert.equal(slow.code, 2)
    assert.match(slow.stdout, /Crit:connected to .*, connect time exceeded/)
    const down = await runCli(['server', 'check', 'conn', '--server', 'nats://127.0.0.1:1'], {env: home.env})
    assert.equal(down.code, 2)
    assert.match(down.stdout, /^CRITICAL Connection Crit:connection failed: could not connect/)
  })

  it('jetstream: usage in percent of the account limits', async () => {
    await jsm.streams.add({name: 'JSCHECK', subjects: ['jscheck.>'], storage: 'memory' as never, max_bytes: 100_000})
    const ok = await app('jetstream', '--json')
    assert.equal(ok.code, 0, ok.stdout)
    const streamsPct = json(ok.stdout).perf_data.find((p) => p.name === 'streams_pct')!
    const streams = (await jsm.getAccountInfo()).streams
    assert.equal(streamsPct.value, Math.trunc((streams / 10) * 100))
    const warn = await app('jetstream', '--streams-warn', '5', '--streams-critical', '95')
    assert.equal(warn.code, 1, warn.stdout)
    assert.match(warn.stdout, new RegExp(`^WARNING JetStream Warn:${Math.trunc((streams / 10) * 100)}% streams`))
    const inverted = await app('jetstream', '--mem-warn', '90', '--mem-critical', '75')
    assert.equal(inverted.code, 2)
    assert.match(inverted.stdout, /Crit:memory: invalid thresholds/)
  })

  it('stream and message: counts, content and age from the stream', async () => {
    await jsm.streams.add({name: 'ORDERS', subjects: ['orders.>']})
    const js = jetstream(nc)
    for (let i = 0; i < 3; i++) await js.publish('orders.new', `{"n":${i}}`)
    await js.publish('orders.heartbeat', String(Math.floor(Date.now() / 1000) - 3600))
    const warn = await app('stream', '--stream', 'ORDERS', '--msgs-warn', '5', '--msgs-critical', '1')
    assert.equal(warn.code, 1, warn.stdout)
    assert.match(warn.stdout, /^WARNING ORDERS Warn:4 messages/)
    const ok = await app('stream', '--stream', 'ORDERS', '--msgs-warn', '2', '--msgs-critical', '1')
    assert.equal(ok.code, 0, ok.stdout)
    const missing = await app('stream', '--stream', 'NOPE')
    assert.equal(missing.code, 2)
    assert.match(missing.stdout, /^CRITICAL NOPE Crit:could not load info: stream "NOPE" not found/)

    const matches = await app('message', '--stream', 'ORDERS', '--subject', 'orders.new', '--content', '"n":2')
    assert.equal(matches.code, 0, matches.stdout)
    assert.match(matches.stdout, /OK:Valid message on ORDERS > orders\.new/)
    const differs = await app('message', '--stream', 'ORDERS', '--subject', 'orders.new', '--content', '"n":1')
    assert.equal(differs.code, 2)
    await sleep(20)
    const old = await app('message', '--stream', 'ORDERS', '--subject', 'orders.new', '--age-warn', '10ms', '--age-critical', '1h')
    assert.equal(old.code, 1, old.stdout)
    const stamped = await app('message', '--stream', 'ORDERS', '--subject', 'orders.heartbeat', '--body-timestamp', '--age-critical', '30m')
    assert.equal(stamped.code, 2, stamped.stdout)
    assert.match(stamped.stdout, /Crit:1h\d*s? old|Crit:1h old/)
    const none = await app('message', '--stream', 'ORDERS', '--subject', 'orders.none')
    assert.equal(none.code, 2)
    assert.match(none.stdout, /Crit:no message found/)
  })

  it('consumer: pending and redelivered against the thresholds', async () => {
    await jsm.streams.add({name: 'WORK', subjects: ['work.>']})
    const js = jetstream(nc)
    for (let i = 0; i < 10; i++) await js.publish('work.item', String(i))
    await jsm.consumers.add('WORK', {durable_name: 'worker', ack_policy: AckPolicy.Explicit})
    const crit = await app('consumer', '--stream', 'WORK', '--consumer', 'worker', '--unprocessed-critical', '5')
    assert.equal(crit.code, 2, crit.stdout)
    assert.match(crit.stdout, /^CRITICAL WORK_worker Crit:Unprocessed Messages: 10/)
    const ok = await app('consumer', '--stream', 'WORK', '--consumer', 'worker', '--unprocessed-critical', '20', '--json')
    assert.equal(ok.code, 0, ok.stdout)
    assert.equal(json(ok.stdout).perf_data.find((p) => p.name === 'pending')!.value, 10)
    const missing = await app('consumer', '--stream', 'WORK', '--consumer', 'nobody')
    assert.equal(missing.code, 2)
    assert.match(missing.stdout, /consumer "nobody" on stream "WORK" not found/)
  })

  it('kv: the bucket, a key that must be set, the number of values', async () => {
    const kv = await new Kvm(nc).create('CHECKS')
    await kv.put('present', 'yes')
    await kv.put('gone', 'soon')
    await kv.delete('gone')
    const ok = await app('kv', '--bucket', 'CHECKS', '--key', 'present')
    assert.equal(ok.code, 0, ok.stdout)
    assert.match(ok.stdout, /OK:bucket CHECKS OK:key present found/)
    const deleted = await app('kv', '--bucket', 'CHECKS', '--key', 'gone')
    assert.equal(deleted.code, 2)
    assert.match(deleted.stdout, /Crit:key gone is deleted/)
    const few = await app('kv', '--bucket', 'CHECKS', '--values-warn', '10', '--values-critical', '1')
    assert.equal(few.code, 1, few.stdout)
    const missing = await app('kv', '--bucket', 'NOPE')
    assert.equal(missing.code, 2)
    assert.match(missing.stdout, /Crit:bucket "NOPE" not found/)
  })

  it('server and meta: over the system account', async () => {
    const ok = await sys('server', '--name', 'checked', '--js-required', '--json')
    assert.equal(ok.code, 0, ok.stdout + ok.stderr)
    assert.deepEqual(json(ok.stdout).ok, ['JetStream enabled'])
    // Fewer connections than the (inverted) thresholds ask for.
    const few = await sys('server', '--name', 'checked', '--conn-warn', '1000', '--conn-critical', '500', '--auth-required')
    assert.equal(few.code, 2, few.stdout)
    assert.match(few.stdout, /Crit:Connections \d+/)
    assert.match(few.stdout, /OK:Authentication required/)
    const unknown = await sys('server', '--name', 'other')
    assert.equal(unknown.code, 2)
    assert.match(unknown.stdout, /Crit:varz failed: server "other" did not answer/)
    // One server: JetStream is not clustered.
    const meta = await sys('meta', '--expect', '3')
    assert.equal(meta.code, 2)
    assert.match(meta.stdout, /Crit:no cluster information/)
    // Without the system account the check says so.
    const noSys = await app('meta')
    assert.equal(noSys.code, 2)
    assert.match(noSys.stdout, /no system account access/)
  })

  it('text: the status and tables for a person', async () => {
    const r = await app('request', '--subject', 'svc.ping', '--payload', 'ping', '--format', 'text')
    assert.equal(r.code, 0)
    assert.match(r.stdout, /^svc\.ping: OK\n/)
    assert.match(r.stdout, /Status Detail/)
    assert.match(r.stdout, /│ OK +│ Valid response +│/)
    assert.match(r.stdout, /Check Metrics/)
  })
})
