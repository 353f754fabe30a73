// bench pub against a real nats-server: counts and output format, never speed; progress bars on a terminal
// (tmux); the broker it runs against with --embedded=NAME.
import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {connect, type NatsConnection} from '@nats-io/transport-node'

import {freePort} from '../../helpers/nats-server.js'
import {makeHome, runCli, type TestHome} from '../../helpers/cli.js'
import {type CoreTestbed, startCoreTestbed} from '../../helpers/core.js'
import type {TestServer} from '../../helpers/nats-server.js'
import {TmuxCli} from '../../helpers/tmux.js'
import {CSV_HEADER, json} from '../../helpers/bench.js'

let testbed: CoreTestbed
let server: TestServer
let home: TestHome
let nc: NatsConnection

const bench = (args: string[], timeoutMs = 60_000) => testbed.cli(['bench', ...args], {timeoutMs})

before(async () => {
  testbed = await startCoreTestbed({monitor: true})
  ;({server, home, nc} = testbed)
})
after(() => testbed?.close())

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
    const r = await runCli(
      [
        'bench',
        'pub',
        'b.plain',
        '--msgs',
        '2000',
        '--multisubject',
        '--multisubjectmax',
        '10',
        '--size',
        '16',
        '-H',
        'X-Bench:p',
        '--server',
        server.url,
      ],
      {
        env: {...home.env, NATSCTL_BENCH_PLAIN_PUBLISH: '1'},
      },
    )
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

describe('bench failures', () => {
  it('a client that cannot connect stops the run before it starts, exit 1', async () => {
    const r = await runCli(['bench', 'pub', 'b.x', '--clients', '2', '--msgs', '10', '--server', 'nats://127.0.0.1:1'], {env: home.env})
    assert.equal(r.code, 1)
    assert.match(r.stderr, /natsctl: error: 2 of 2 clients could not start: client P0: .*127\.0\.0\.1:1/)
    assert.doesNotMatch(r.stdout, /msgs\/sec/)
  })
})

describe('bench progress bars', () => {
  it('draws one bar per client on a terminal', async () => {
    const cli = new TmuxCli(['bench', 'pub', 'b.tty', '--msgs', '200000', '--clients', '2', '--server', server.url], home.env)
    try {
      const {code, screen} = await cli.exit()
      assert.equal(code, 0, screen)
      assert.match(screen, /^\[1\] Finished +[\d.]+s \[=+>\] 100%$/m)
      assert.match(screen, /^\[2\] Finished +[\d.]+s \[=+>\] 100%$/m)
      assert.match(screen, /NATS Core NATS publisher aggregated stats/)
    } finally {
      cli.kill()
    }
  })

  it('--no-progress draws none', async () => {
    const cli = new TmuxCli(['bench', 'pub', 'b.tty', '--msgs', '200000', '--clients', '2', '--no-progress', '--server', server.url], home.env)
    try {
      const {code, screen} = await cli.exit()
      assert.equal(code, 0, screen)
      assert.doesNotMatch(screen, /Finished|Publishing/)
      assert.match(screen, /NATS Core NATS publisher aggregated stats/)
    } finally {
      cli.kill()
    }
  })
})

describe('bench --embedded=NAME', () => {
  it('runs against the broker NAME (started with broker start), and starts no other', async () => {
    const h = makeHome()
    try {
      const start = await runCli(['broker', 'start', 'benchside', '--no-jetstream', '--port', String(await freePort())], {env: h.env})
      assert.equal(start.code, 0, start.stderr)
      const status = await runCli(['broker', 'status', 'benchside', '--json'], {env: h.env})
      const {url} = JSON.parse(status.stdout) as {url: string}
      // Read the effect on that broker itself: every message the bench publishes arrives there.
      const own = await connect({servers: url})
      try {
        const sub = own.subscribe('b.side', {})
        let received = 0
        const counting = (async () => {
          for await (const _ of sub) received++
        })()
        await own.flush()
        const r = await runCli(['bench', 'pub', 'b.side', '--msgs', '500', '--no-progress', '--embedded=benchside'], {env: h.env, timeoutMs: 60_000})
        assert.equal(r.code, 0, r.stderr)
        assert.doesNotMatch(r.stderr, /throwaway|Started the embedded broker/)
        await own.flush()
        sub.unsubscribe()
        await counting
        assert.equal(received, 500)
      } finally {
        await own.close()
      }
      const ls = JSON.parse((await runCli(['broker', 'ls', '--json'], {env: h.env})).stdout) as Array<{name: string}>
      assert.deepEqual(
        ls.map((b) => b.name),
        ['benchside'],
        'neither "local" nor another broker was started',
      )
    } finally {
      await runCli(['broker', 'stop', '--all'], {env: h.env})
      h.cleanup()
    }
  })
})
