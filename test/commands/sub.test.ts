// `sub` against a real nats-server, run as a subprocess. Messages are published from the test with the
// client library once the CLI has said "Subscribing on" (printed after the server registered the
// subscriptions).

import assert from 'node:assert/strict'
import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {connect, headers, type NatsConnection} from '@nats-io/transport-node'

import {ROOT, type RunningCli, startCli, type TestHome} from '../helpers/cli.js'
import {type CoreTestbed, startCoreTestbed} from '../helpers/core.js'
import {startServer, type TestServer} from '../helpers/nats-server.js'

let testbed: CoreTestbed
let server: TestServer
let home: TestHome
let nc: NatsConnection

function sub(args: string[]): RunningCli {
  return startCli(['sub', '-s', server.url, ...args], {env: home.env, timeoutMs: 30_000})
}

async function ready(cli: RunningCli): Promise<void> {
  await cli.waitFor('Subscribing on', 'stderr')
}

function ndjson(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}

describe('sub', () => {
  before(async () => {
    testbed = await startCoreTestbed()
    ;({server, home, nc} = testbed)
  })
  after(() => testbed?.close())

  it('prints natscli layout: subject line, reply, headers, body, nil body; --count ends it with exit 0', async () => {
    const cli = sub(['layout.*', '--count', '2'])
    await ready(cli)
    const h = headers()
    h.set('X-Trace', 'abc')
    h.append('X-Multi', '1')
    h.append('X-Multi', '2')
    nc.publish('layout.one', 'hello there', {headers: h, reply: 'answer.here'})
    nc.publish('layout.two', '')
    const result = await cli.done
    assert.equal(result.code, 0, result.stderr)
    assert.equal(
      result.stdout,
      '[#1] Received on "layout.one" with reply "answer.here"\nX-Trace: abc\nX-Multi: 1\nX-Multi: 2\n\nhello there\n\n' +
        '[#2] Received on "layout.two"\nnil body\n\n',
    )
    assert.match(result.stderr, /Subscribing on layout\.\*/)
  })

  it('--count N shows exactly N messages even when more arrive', async () => {
    const cli = sub(['count.x', '--count', '3'])
    await ready(cli)
    for (let i = 1; i <= 10; i++) nc.publish('count.x', `m${i}`)
    const result = await cli.done
    assert.equal(result.code, 0, result.stderr)
    assert.equal((result.stdout.match(/Received on/g) ?? []).length, 3)
    assert.match(result.stdout, /m3/)
    assert.doesNotMatch(result.stdout, /m4/)
  })

  it('takes several subjects', async () => {
    const cli = sub(['multi.a', 'multi.b', '--count', '2', '--raw'])
    await ready(cli)
    assert.match(cli.stderr(), /Subscribing on multi\.a, multi\.b/)
    nc.publish('multi.a', 'from a')
    nc.publish('multi.b', 'from b')
    const result = await cli.done
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, 'from a\nfrom b\n')
  })

  it('--wait ends an idle subscription with exit 0', async () => {
    const cli = sub(['idle.x', '--wait', '700ms'])
    await ready(cli)
    nc.publish('idle.x', 'only one')
    const result = await cli.done
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.signal, null)
    assert.match(result.stdout, /\[#1\] Received on "idle.x"\nonly one\n/)
  })

  it('--raw prints only the bodies', async () => {
    const cli = sub(['raw.x', '--raw', '--count', '2'])
    await ready(cli)
    const h = headers()
    h.set('X-Hidden', 'yes')
    nc.publish('raw.x', 'first', {headers: h})
    nc.publish('raw.x', 'second\n')
    const result = await cli.done
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, 'first\nsecond\n')
  })

  it('--headers-only shows headers without bodies; --subjects-only shows subject lines only', async () => {
    const h = headers()
    h.set('X-Only', 'header')
    const a = sub(['ho.x', '--headers-only', '--count', '1'])
    await ready(a)
    nc.publish('ho.x', 'secret body', {headers: h})
    const ra = await a.done
    assert.equal(ra.code, 0, ra.stderr)
    assert.match(ra.stdout, /X-Only: header/)
    assert.doesNotMatch(ra.stdout, /secret body/)

    const b = sub(['so.x', '--subjects-only', '--count', '1'])
    await ready(b)
    nc.publish('so.x', 'secret body', {headers: h})
    const rb = await b.done
    assert.equal(rb.code, 0, rb.stderr)
    assert.equal(rb.stdout, '[#1] Received on "so.x"\n')
  })

  it('-t adds the receive time, -d the time since start; together they are refused', async () => {
    const a = sub(['ts.x', '-t', '--count', '1'])
    await ready(a)
    nc.publish('ts.x', 'x')
    const ra = await a.done
    assert.equal(ra.code, 0, ra.stderr)
    assert.match(ra.stdout, /^\[#1\] @ [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d\.\d{6} Received on "ts.x"/)

    const b = sub(['dt.x', '-d', '--count', '1'])
    await ready(b)
    nc.publish('dt.x', 'x')
    const rb = await b.done
    assert.equal(rb.code, 0, rb.stderr)
    assert.match(rb.stdout, /^\[#1\] @ [\d.]+(µs|ms|s|m[\d.]+s) Received on "dt.x"/)

    const c = await startCli(['sub', '-s', server.url, 'x', '-t', '-d'], {env: home.env}).done
    assert.equal(c.code, 2)
    assert.match(c.stderr, /natsctl: error: .*(timestamp|delta-time)/)
  })

  it('--json prints one JSON object per line, binary data as base64, and nothing else on stdout', async () => {
    const cli = sub(['json.x', '--json', '--count', '2'])
    await ready(cli)
    const h = headers()
    h.set('X-Kind', 'text')
    nc.publish('json.x', 'héllo', {headers: h, reply: 'r.1'})
    nc.publish('json.x', new Uint8Array([0xff, 0xfe, 0x00, 0x01]))
    const result = await cli.done
    assert.equal(result.code, 0, result.stderr)
    const lines = ndjson(result.stdout)
    assert.equal(lines.length, 2)
    assert.equal(lines[0].subject, 'json.x')
    assert.equal(lines[0].reply, 'r.1')
    assert.deepEqual(lines[0].headers, {'X-Kind': ['text']})
    assert.equal(lines[0].data, 'héllo')
    assert.equal(lines[0].size, Buffer.byteLength('héllo'))
    assert.equal(lines[0].encoding, undefined)
    assert.ok(!Number.isNaN(Date.parse(lines[0].received_at as string)))
    assert.equal(lines[1].encoding, 'base64')
    assert.deepEqual([...Buffer.from(lines[1].data as string, 'base64')], [0xff, 0xfe, 0x00, 0x01])
    assert.equal(lines[1].size, 4)
    assert.equal(lines[1].reply, null)
  })

  it('--dump DIR writes one JSON file per message; --dump - writes NDJSON records to stdout', async () => {
    const dir = join(home.dir, 'dump')
    const a = sub(['dump.x', '--dump', dir, '--count', '3'])
    await ready(a)
    const h = headers()
    h.set('X-D', '1')
    for (let i = 1; i <= 3; i++) nc.publish('dump.x', `body ${i}`, {headers: h})
    const ra = await a.done
    assert.equal(ra.code, 0, ra.stderr)
    assert.deepEqual(readdirSync(dir).sort(), ['1.json', '2.json', '3.json'])
    const record = JSON.parse(readFileSync(join(dir, '2.json'), 'utf8')) as Record<string, unknown>
    assert.equal(record.Subject, 'dump.x')
    assert.deepEqual(record.Header, {'X-D': ['1']})
    assert.equal(Buffer.from(record.Data as string, 'base64').toString(), 'body 2')
    assert.equal(statSync(join(dir, '2.json')).mode & 0o777, 0o600)
    assert.equal(ra.stdout, '')
    assert.match(ra.stderr, /Wrote 3 messages to/)

    const b = sub(['dumps.x', '--dump', '-', '--count', '2'])
    await ready(b)
    nc.publish('dumps.x', 'one')
    nc.publish('dumps.x', 'two')
    const rb = await b.done
    assert.equal(rb.code, 0, rb.stderr)
    const lines = ndjson(rb.stdout)
    assert.equal(lines.length, 2)
    assert.equal(Buffer.from(lines[1].Data as string, 'base64').toString(), 'two')
    assert.ok(!existsSync(join(ROOT, '-')), 'no directory named - is created')
  })

  it('--translate pipes each body through a shell command', async () => {
    const cli = sub(['tr.x', '--translate', 'tr a-z A-Z', '--count', '2', '--raw'])
    await ready(cli)
    nc.publish('tr.x', 'hello world')
    nc.publish('tr.x', 'second')
    const result = await cli.done
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, 'HELLO WORLD\nSECOND\n')
  })

  it('-i subscribes to a new inbox and prints it', async () => {
    const cli = startCli(['sub', '-s', server.url, '-i', '--count', '1'], {env: home.env})
    await cli.waitFor(/Subscribing on (_INBOX\.\S+)/, 'stderr')
    const inbox = /Subscribing on (_INBOX\.\S+)/.exec(cli.stderr())![1]
    nc.publish(inbox, 'to the inbox')
    const result = await cli.done
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, new RegExp(`\\[#1\\] Received on "${inbox.replaceAll('.', '\\.')}"\\nto the inbox\\n`))
  })

  it('--match-replies shows each request with the reply matched to it', async () => {
    const service = nc.subscribe('match.svc', {
      callback: (_err, m) => {
        m.respond(`pong for ${m.string()}`)
      },
    })
    await nc.flush()
    const cli = sub(['match.svc', '--match-replies', '--count', '1'])
    await ready(cli)
    assert.match(cli.stderr(), /Matching replies with inbox prefix _INBOX\.>/)
    const reply = await nc.request('match.svc', 'ping', {timeout: 5000})
    assert.equal(reply.string(), 'pong for ping')
    const result = await cli.done
    service.unsubscribe()
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, /\[#1\] Received on "match\.svc" with reply "(_INBOX\.[^"]+)"\nping\n/)
    const replySubject = /with reply "([^"]+)"/.exec(result.stdout)![1]
    assert.ok(result.stdout.includes(`[#1] Matched reply on "${replySubject}"\npong for ping\n`), result.stdout)
  })

  it('SIGINT and SIGTERM drain and exit 0', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const cli = sub(['sig.x'])
      await ready(cli)
      nc.publish('sig.x', 'before the signal')
      await cli.waitFor('before the signal', 'stdout')
      cli.kill(signal)
      const result = await cli.done
      assert.equal(result.code, 0, `${signal}: ${result.stderr}`)
      assert.equal(result.signal, null)
      assert.doesNotMatch(result.stderr, /error/)
    }
  })

  it('two --queue members share the messages: disjoint sets that add up to the total', async () => {
    const a = sub(['work.q', '--queue', 'g', '--json'])
    const b = sub(['work.q', '--queue', 'g', '--json'])
    await Promise.all([ready(a), ready(b)])
    assert.match(a.stderr(), /in queue group "g"/)
    const total = 200
    for (let i = 0; i < total; i++) nc.publish('work.q', `job-${i}`)
    await nc.flush()
    const count = () => ndjson(a.stdout()).length + ndjson(b.stdout()).length
    const deadline = Date.now() + 15_000
    while (count() < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    a.kill('SIGINT')
    b.kill('SIGINT')
    const [ra, rb] = await Promise.all([a.done, b.done])
    assert.equal(ra.code, 0, ra.stderr)
    assert.equal(rb.code, 0, rb.stderr)
    const setA = new Set(ndjson(ra.stdout).map((m) => m.data))
    const setB = new Set(ndjson(rb.stdout).map((m) => m.data))
    assert.ok(setA.size > 0 && setB.size > 0, `both members got work: ${setA.size} / ${setB.size}`)
    for (const job of setA) assert.ok(!setB.has(job), `${String(job)} was delivered to both`)
    assert.equal(setA.size + setB.size, total)
  })

  it('keeps up with a fast publisher', async () => {
    const total = 50_000
    const cli = sub(['fast.x', '--raw', '--count', String(total)])
    await ready(cli)
    const body = 'x'.repeat(100)
    for (let i = 0; i < total; i++) {
      nc.publish('fast.x', body)
      if (i % 1000 === 0) await nc.flush()
    }
    const result = await cli.done
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout.length, total * (body.length + 1))
  })

  it('survives a server restart: says so on stderr and keeps receiving', async () => {
    const own = await startServer({jetstream: false})
    try {
      const cli = startCli(['sub', '-s', own.url, 'again.x', '--count', '2', '--raw'], {env: home.env, timeoutMs: 40_000})
      await ready(cli)
      const first = await connect({servers: own.url})
      first.publish('again.x', 'before')
      await first.drain()
      await cli.waitFor('before', 'stdout')
      await own.stop({keepDir: true})
      await cli.waitFor('Disconnected', 'stderr')
      await own.restart()
      await cli.waitFor('Reconnected', 'stderr', 20_000)
      const second = await connect({servers: own.url})
      second.publish('again.x', 'after')
      await second.drain()
      const result = await cli.done
      assert.equal(result.code, 0, result.stderr)
      assert.equal(result.stdout, 'before\nafter\n')
    } finally {
      await own.stop()
    }
  })

  it('refuses to run without a subject', async () => {
    const result = await startCli(['sub', '-s', server.url], {env: home.env}).done
    assert.equal(result.code, 2)
    assert.match(result.stderr, /^natsctl: error: give at least one subject/)
  })
})
