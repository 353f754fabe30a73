// bench pub/sub/pubsub/request/reply against a real nats-server: counts and output format, never speed.

import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {connect, type NatsConnection} from '@nats-io/transport-node'

import {makeHome, runCli, startCli, type TestHome} from '../helpers/cli.js'
import {freePort, startServer, type TestServer} from '../helpers/nats-server.js'

let server: TestServer
let home: TestHome
let monitorPort: number
let nc: NatsConnection

const CSV_HEADER = '#RunID,ClientID,MsgCount,MsgBytes,MsgsPerSec,BytesPerSec,DurationSecs'
const CSV_LATENCY =
  'MinLatencyMicroSecs,AvgLatencyMicroSecs,MaxLatencyMicroSecs,P50LatencyMicroSecs,P90LatencyMicroSecs,P99LatencyMicroSecs,P99.9LatencyMicroSecs,StdDevLatencyMicroSecs'

const bench = (args: string[], timeoutMs = 60_000) => runCli(['bench', ...args, '--server', server.url], {env: home.env, timeoutMs})
const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>

/** Subscriptions the server holds on `subject` (from the monitoring endpoint), to know a bench client is ready. */
async function waitForSubscribers(subject: string, count = 1): Promise<void> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    const res = await fetch(`http://127.0.0.1:${monitorPort}/subsz?subs=1`)
    const body = (await res.json()) as {subscriptions_list?: Array<{subject: string}>}
    if ((body.subscriptions_list ?? []).filter((s) => s.subject === subject).length >= count) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`no subscriber on ${subject}`)
}

before(async () => {
  monitorPort = await freePort()
  server = await startServer({jetstream: false, extraConfig: `http: 127.0.0.1:${monitorPort}`})
  home = makeHome()
  nc = await connect({servers: server.url})
})

after(async () => {
  await nc?.drain()
  await server?.stop()
  home?.cleanup()
})

describe('bench pub', () => {
  it('publishes exactly --msgs messages and reports them', async () => {
    const sub = nc.subscribe('b.count', {})
    let received = 0
    const counting = (async () => {
      for await (const _ of sub) received++
    })()
    await nc.flush()
    const r = await bench(['pub', 'b.count', '--msgs', '10000', '--no-progress'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^NATS Core NATS publisher stats: [\d,]+ msgs\/sec ~ [\d.]+ MiB\/sec$/m)
    assert.match(r.stderr, /Starting Core NATS publisher benchmark \[clients=1, msg-size=128 B, msgs=10,000, multisubject=false, subject=b\.count\]/)
    await nc.flush()
    await sub.drain()
    await counting
    assert.equal(received, 10_000)
  })

  it('--json gives one result object with the documented fields', async () => {
    const r = await bench(['pub', 'b.json', '--msgs', '10000', '--size', '1KiB', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const report = json(r.stdout)
    assert.equal(report.benchmark, 'Core NATS publisher')
    assert.equal(report.msgs, 10_000)
    assert.equal(report.size, 1024)
    assert.equal(report.publishers.msgs, 10_000)
    assert.equal(report.publishers.bytes, 10_000 * 1024)
    assert.ok(report.publishers.msgs_per_sec > 0)
    for (const key of ['duration_secs', 'bytes_per_sec', 'mib_per_sec', 'rates', 'clients']) assert.ok(key in report.publishers, key)
    assert.deepEqual(Object.keys(report.publishers.rates).sort(), ['avg', 'max', 'min', 'stddev'])
    assert.equal(report.subscribers, undefined)
    assert.deepEqual(report.errors, [])
  })

  it('--clients 2 splits --msgs between two connections', async () => {
    const r = await bench(['pub', 'b.split', '--msgs', '10001', '--clients', '2', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const report = json(r.stdout)
    assert.deepEqual(
      report.publishers.clients.map((c: any) => [c.id, c.msgs]),
      [
        ['P0', 5001],
        ['P1', 5000],
      ],
    )
    assert.equal(report.publishers.msgs, 10_001)
  })

  it('--clients 2 prints per-client lines and the aggregate', async () => {
    const r = await bench(['pub', 'b.split', '--msgs', '4000', '--clients', '2'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^ \[1\] [\d,]+ msgs\/sec ~ [\d.]+ MiB\/sec \(2,000 msgs\)$/m)
    assert.match(r.stdout, /^ \[2\] [\d,]+ msgs\/sec ~ [\d.]+ MiB\/sec \(2,000 msgs\)$/m)
    assert.match(r.stdout, /^ NATS Core NATS publisher aggregated stats: [\d,]+ msgs\/sec/m)
    assert.match(r.stdout, /^ message rates min [\d,]+ \| avg [\d,]+ \| max [\d,]+ \| stddev [\d,]+ msgs$/m)
  })

  it('--multisubject, --size and -H shape every message', async () => {
    const sub = nc.subscribe('b.multi.*', {})
    const seen: Array<{subject: string; size: number; header?: string}> = []
    const collecting = (async () => {
      for await (const m of sub) seen.push({subject: m.subject, size: m.data.length, header: m.headers?.get('X-Bench')})
    })()
    await nc.flush()
    const r = await bench(['pub', 'b.multi', '--msgs', '300', '--multisubject', '--multisubjectmax', '100', '--size', '16', '-H', 'X-Bench:yes'])
    assert.equal(r.code, 0, r.stderr)
    await nc.flush()
    await sub.drain()
    await collecting
    assert.equal(seen.length, 300)
    assert.ok(seen.every((m) => m.size === 16 && m.header === 'yes'))
    assert.equal(new Set(seen.map((m) => m.subject)).size, 100)
    assert.equal(seen[0].subject, 'b.multi.00')
    assert.equal(seen[99].subject, 'b.multi.99')
  })

  it('the plain nc.publish() loop (NATSCTL_BENCH_PLAIN_PUBLISH=1) sends the same messages', async () => {
    const sub = nc.subscribe('b.plain.*', {})
    const seen: string[] = []
    const collecting = (async () => {
      for await (const m of sub) if (m.data.length === 16 && m.headers?.get('X-Bench') === 'p') seen.push(m.subject)
    })()
    await nc.flush()
    const r = await runCli(['bench', 'pub', 'b.plain', '--msgs', '2000', '--multisubject', '--multisubjectmax', '10', '--size', '16', '-H', 'X-Bench:p', '--server', server.url], {
      env: {...home.env, NATSCTL_BENCH_PLAIN_PUBLISH: '1'},
    })
    assert.equal(r.code, 0, r.stderr)
    await nc.flush()
    await sub.drain()
    await collecting
    assert.equal(seen.length, 2000)
    assert.equal(new Set(seen).size, 10)
  })

  it('--throughput with --duration sets the message count', async () => {
    const r = await bench(['pub', 'b.rate', '--throughput', '500', '--duration', '1s', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const report = json(r.stdout)
    assert.equal(report.publishers.msgs, 500)
    // 500 msgs at 500/s cannot finish in much under a second.
    assert.ok(report.publishers.duration_secs > 0.5, String(report.publishers.duration_secs))
  })

  it('--csv writes natscli columns, one row per client', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'natsctl-bench-csv-'))
    try {
      const file = join(dir, 'pub.csv')
      const r = await bench(['pub', 'b.csv', '--msgs', '2000', '--clients', '2', '--csv', file])
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stderr, /Saved metric data in csv file/)
      const lines = readFileSync(file, 'utf8').trim().split('\n')
      assert.equal(lines[0], CSV_HEADER)
      assert.equal(lines.length, 3)
      const row = lines[1].split(',')
      assert.equal(row[1], 'P0')
      assert.equal(row[2], '1000')
      assert.equal(row[3], String(1000 * 128))
    } finally {
      rmSync(dir, {force: true, recursive: true})
    }
  })
})

describe('bench sub and pubsub', () => {
  it('bench sub receives what a publisher sends', async () => {
    const sub = startCli(['bench', 'sub', 'b.sub', '--msgs', '5000', '--json', '--server', server.url], {env: home.env})
    await waitForSubscribers('b.sub')
    const pub = await bench(['pub', 'b.sub', '--msgs', '5000'])
    assert.equal(pub.code, 0, pub.stderr)
    const r = await sub.done
    assert.equal(r.code, 0, r.stderr)
    const report = json(r.stdout)
    assert.equal(report.subscribers.msgs, 5000)
    assert.equal(report.subscribers.bytes, 5000 * 128)
    assert.equal(report.publishers, undefined)
  })

  it('Ctrl-C ends bench sub with what it received, exit 0 and a warning', async () => {
    const sub = startCli(['bench', 'sub', 'b.int', '--msgs', '1000', '--json', '--server', server.url], {env: home.env})
    await waitForSubscribers('b.int')
    for (let i = 0; i < 10; i++) nc.publish('b.int', 'x')
    await nc.flush()
    // Delivery to the subscriber is not observable from here: give it a moment before the signal.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    sub.kill('SIGINT')
    const r = await sub.done
    assert.equal(r.code, 0, r.stderr)
    const report = json(r.stdout)
    assert.equal(report.subscribers.msgs, 10)
    assert.deepEqual(report.warnings, ['the run was interrupted: results cover what happened until then'])
  })

  it('bench pubsub reports both sides', async () => {
    const r = await bench(['pubsub', 'b.ps', '--msgs', '20000'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^NATS Core NATS publisher stats: [\d,]+ msgs\/sec/m)
    assert.match(r.stdout, /^NATS Core NATS subscriber stats: [\d,]+ msgs\/sec/m)
    const j = await bench(['pubsub', 'b.ps', '--msgs', '20000', '--subscribers', '2', '--json'])
    assert.equal(j.code, 0, j.stderr)
    const report = json(j.stdout)
    assert.equal(report.publishers.msgs, 20_000)
    assert.equal(report.subscribers.clients.length, 2)
    for (const c of report.subscribers.clients) assert.equal(c.msgs, 20_000)
    assert.deepEqual(report.warnings, [])
  })
})

describe('bench request and reply', () => {
  it('request reports latency percentiles and a plot; reply stops after --msgs', async () => {
    const reply = startCli(['bench', 'reply', 'b.svc', '--msgs', '300', '--server', server.url], {env: home.env})
    await waitForSubscribers('b.svc')
    const r = await bench(['request', 'b.svc', '--msgs', '200'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(
      r.stdout,
      /^NATS Core NATS service requester stats: [\d,]+ msgs\/sec ~ [\d.]+ MiB\/sec ~ min: [\d.,]+(us|ms) ~ avg: .* ~ P50: .* ~ P90: .* ~ P99: .* ~ P99\.9: [\d.,]+(us|ms)$/m,
    )
    assert.match(r.stdout, /^Latency distribution:$/m)
    const j = await bench(['request', 'b.svc', '--msgs', '100', '--json'])
    assert.equal(j.code, 0, j.stderr)
    const report = json(j.stdout)
    assert.equal(report.publishers.msgs, 100)
    assert.deepEqual(Object.keys(report.publishers.latency_us).sort(), ['avg', 'max', 'min', 'p50', 'p90', 'p99', 'p99_9', 'stddev'])
    assert.ok(report.publishers.latency_us.p50 > 0)
    assert.ok(report.publishers.latency_us.p50 <= report.publishers.latency_us.p99)
    // 200 + 100 requests answered: the replier ends by itself.
    const served = await reply.done
    assert.equal(served.code, 0, served.stderr)
    assert.match(served.stdout, /^NATS Core NATS service server stats: [\d,]+ msgs\/sec/m)
  })

  it('--csv adds natscli latency columns for requests', async () => {
    const reply = startCli(['bench', 'reply', 'b.svc2', '--server', server.url], {env: home.env})
    await waitForSubscribers('b.svc2')
    const dir = mkdtempSync(join(tmpdir(), 'natsctl-bench-csv-'))
    try {
      const file = join(dir, 'req.csv')
      const r = await bench(['request', 'b.svc2', '--msgs', '50', '--csv', file])
      assert.equal(r.code, 0, r.stderr)
      const lines = readFileSync(file, 'utf8').trim().split('\n')
      assert.equal(lines[0], `${CSV_HEADER},${CSV_LATENCY}`)
      assert.equal(lines[1].split(',').length, 15)
    } finally {
      rmSync(dir, {force: true, recursive: true})
      reply.kill('SIGINT')
      const served = await reply.done
      // Ctrl-C ends the replier normally with what it served: no warning, it is how a replier stops.
      assert.equal(served.code, 0, served.stderr)
      assert.match(served.stdout, /service server stats/)
      assert.doesNotMatch(served.stderr, /WARNING/)
    }
  })

  it('a client that fails makes the run say so and exit 1', async () => {
    const r = await bench(['request', 'b.nobody', '--msgs', '10', '--no-progress'])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /at least one of the clients disconnected or experienced an error/)
    assert.match(r.stderr, /natsctl: error: 1 of 1 clients failed: client P0: .*no responders/i)
  })
})

describe('bench failures', () => {
  it('a client that cannot connect stops the run before it starts, exit 1', async () => {
    const r = await runCli(['bench', 'pub', 'b.x', '--clients', '2', '--msgs', '10', '--server', 'nats://127.0.0.1:1'], {env: home.env})
    assert.equal(r.code, 1)
    assert.match(r.stderr, /natsctl: error: 2 of 2 clients could not start: client P0: .*127\.0\.0\.1:1/)
    assert.doesNotMatch(r.stdout, /msgs\/sec/)
  })

  it('a subscriber whose server goes away makes the run say so and exit 1', async () => {
    const port = await freePort()
    const lonely = await startServer({jetstream: false, extraConfig: `http: 127.0.0.1:${port}`})
    try {
      const sub = startCli(['bench', 'sub', 'b.gone', '--msgs', '1000', '--server', lonely.url], {env: home.env})
      const deadline = Date.now() + 15_000
      for (;;) {
        const body = (await (await fetch(`http://127.0.0.1:${port}/subsz?subs=1`)).json()) as {subscriptions_list?: Array<{subject: string}>}
        if ((body.subscriptions_list ?? []).some((s) => s.subject === 'b.gone')) break
        if (Date.now() > deadline) throw new Error('no subscriber')
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      await lonely.stop()
      const r = await sub.done
      assert.equal(r.code, 1)
      assert.match(r.stderr, /at least one of the clients disconnected or experienced an error/)
      assert.match(r.stderr, /client S0: connection closed/)
    } finally {
      await lonely.stop()
    }
  })
})

describe('bench --ephemeral', () => {
  it('runs against a throwaway broker with nothing configured and leaves no nats-server behind', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'natsctl-bench-embedded-'))
    try {
      const r = await runCli(['bench', 'pubsub', 'b.emb', '--msgs', '2000', '--ephemeral', '--json'], {
        env: {...home.env, TMPDIR: tmp},
        timeoutMs: 60_000,
      })
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stderr, /throwaway nats-server/)
      const report = json(r.stdout)
      assert.equal(report.subscribers.msgs, 2000)
      // The broker's temp dir is gone, and no nats-server runs with a config from it.
      assert.deepEqual(readdirSync(tmp), [])
      const procs = readdirSync('/proc').filter((p) => /^\d+$/.test(p))
      for (const pid of procs) {
        let cmdline = ''
        try {
          cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        } catch {
          continue
        }
        assert.ok(!cmdline.includes(tmp), `nats-server left running: ${cmdline}`)
      }
    } finally {
      rmSync(tmp, {force: true, recursive: true})
    }
  })
})
