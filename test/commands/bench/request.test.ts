// bench request against bench reply on a real nats-server: latency percentiles, CSV columns, a replier
// that stops after --msgs or on Ctrl-C, and a request nobody answers.
import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {startCli, type TestHome} from '../../helpers/cli.js'
import {type CoreTestbed, startCoreTestbed} from '../../helpers/core.js'
import type {TestServer} from '../../helpers/nats-server.js'
import {CSV_HEADER, CSV_LATENCY, json, waitForSubscriptions} from '../../helpers/bench.js'

let testbed: CoreTestbed
let server: TestServer
let home: TestHome

const bench = (args: string[], timeoutMs = 60_000) => testbed.cli(['bench', ...args], {timeoutMs})
const waitForSubscribers = (subject: string, count = 1) => waitForSubscriptions(server.monitorPort!, subject, count)

before(async () => {
  testbed = await startCoreTestbed({monitor: true})
  ;({server, home} = testbed)
})
after(() => testbed?.close())

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
