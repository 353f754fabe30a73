// `request` as CI scripts run it: the CLI as a subprocess against a real nats-server, responders in this
// process. stdout must carry only reply bodies; status lines go to stderr; no reply is exit 1.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {headers, type Msg, type NatsConnection} from '@nats-io/transport-node'

import {runCli, type RunOptions, type TestHome} from '../helpers/cli.js'
import {type CoreTestbed, startCoreTestbed} from '../helpers/core.js'
import type {TestServer} from '../helpers/nats-server.js'

let testbed: CoreTestbed
let server: TestServer
let nc: NatsConnection
let home: TestHome
const seen: Record<string, Msg[]> = {}

before(async () => {
  testbed = await startCoreTestbed()
  ;({server, nc, home} = testbed)
  const record = (msg: Msg) => (seen[msg.subject] ??= []).push(msg)
  // Echo: the body back with a prefix, a header, and the request's own headers.
  nc.subscribe('rq.echo', {
    callback: (_err, msg) => {
      record(msg)
      const h = headers()
      h.set('X-Reply', 'yes')
      for (const [key, values] of msg.headers ?? []) for (const v of values) h.append(`Echo-${key}`, v)
      msg.respond(`echo:${msg.string()}`, {headers: h})
    },
  })
  // Three responders on one subject (no queue group): three replies per request.
  for (const name of ['a', 'b', 'c'])
    nc.subscribe('rq.many', {
      callback: (_err, msg) => {
        msg.respond(`from ${name}`)
      },
    })
  // Listens but never answers.
  nc.subscribe('rq.silent', {callback: () => {}})
  // Answers at once, then again after 800 ms.
  nc.subscribe('rq.late', {
    callback: (_err, msg) => {
      msg.respond('early')
      setTimeout(() => msg.respond('late'), 800)
    },
  })
  nc.subscribe('rq.binary', {
    callback: (_err, msg) => {
      msg.respond(new Uint8Array([0xff, 0x00, 0x41]))
    },
  })
  await nc.flush()
})

after(() => testbed?.close())

const request = (args: string[], options: RunOptions = {}) => runCli(['request', ...args, '--server', server.url], {env: home.env, ...options})

describe('request', () => {
  it('prints only the reply body on stdout; status, rtt and headers on stderr', async () => {
    const result = await request(['rq.echo', 'hello'])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, 'echo:hello\n')
    assert.match(result.stderr, /^Sending request on "rq\.echo"$/m)
    assert.match(result.stderr, /^Received with rtt \d+(\.\d+)?(µs|ms|s)$/m)
    assert.match(result.stderr, /^X-Reply: yes$/m)
  })

  it('works through the req alias', async () => {
    const result = await runCli(['req', 'rq.echo', 'alias', '--server', server.url], {env: home.env})
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, 'echo:alias\n')
  })

  it('--raw prints the body and nothing else', async () => {
    const result = await request(['rq.echo', 'raw', '--raw'])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, 'echo:raw\n')
    assert.equal(result.stderr, '')
  })

  it('sends -H headers (repeatable)', async () => {
    const result = await request(['rq.echo', 'h', '-H', 'X-One:1', '-H', 'X-Two:{{Count}}'])
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stderr, /^Echo-X-One: 1$/m)
    assert.match(result.stderr, /^Echo-X-Two: 1$/m)
  })

  it('--count sends N requests, templates counting from 1 (and --no-templates keeps them literal)', async () => {
    const result = await request(['rq.echo', 'q{{Count}}', '--count', '3'])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, 'echo:q1\necho:q2\necho:q3\n')
    const literal = await request(['rq.echo', 'q{{Count}}', '--no-templates'])
    assert.equal(literal.stdout, 'echo:q{{Count}}\n')
  })

  it('reads the body from stdin, one request per line with --send-on newline', async () => {
    const eof = await request(['rq.echo'], {input: 'from stdin'})
    assert.equal(eof.code, 0, eof.stderr)
    assert.equal(eof.stdout, 'echo:from stdin\n')
    assert.match(eof.stderr, /^Reading payload from STDIN$/m)
    const lines = await request(['rq.echo', '--send-on', 'newline'], {input: 'one\ntwo\n'})
    assert.equal(lines.code, 0, lines.stderr)
    assert.equal(lines.stdout, 'echo:one\necho:two\n')
  })

  it('waits for one reply by default, N with --replies N, all of them with --replies 0', async () => {
    const one = await request(['rq.many', 'x'])
    assert.equal(one.code, 0, one.stderr)
    assert.equal(one.stdout.trim().split('\n').length, 1)

    const two = await request(['rq.many', 'x', '--replies', '2'])
    assert.equal(two.code, 0, two.stderr)
    assert.equal(two.stdout.trim().split('\n').length, 2)

    const all = await request(['rq.many', 'x', '--replies', '0', '--timeout', '2s'])
    assert.equal(all.code, 0, all.stderr)
    assert.deepEqual(all.stdout.trim().split('\n').sort(), ['from a', 'from b', 'from c'])
    assert.equal(all.stderr.match(/^Received with rtt/gm)?.length, 3)
  })

  it('--reply-timeout bounds the wait for further replies', async () => {
    const short = await request(['rq.late', 'x', '--replies', '5', '--reply-timeout', '100ms'])
    assert.equal(short.code, 0, short.stderr)
    assert.equal(short.stdout, 'early\n')
    const long = await request(['rq.late', 'x', '--replies', '5', '--reply-timeout', '3s'])
    assert.equal(long.code, 0, long.stderr)
    assert.equal(long.stdout, 'early\nlate\n')
  })

  it('exits 1 when nobody listens', async () => {
    const result = await request(['rq.nobody', 'x'])
    assert.equal(result.code, 1)
    assert.equal(result.stdout, '')
    assert.match(result.stderr, /^natsctl: error: no responders available for request on "rq\.nobody"$/m)
    const many = await request(['rq.nobody', 'x', '--replies', '0'])
    assert.equal(many.code, 1)
    assert.match(many.stderr, /^natsctl: error: no responders available for request on "rq\.nobody"$/m)
  })

  it('exits 1 on a timeout, naming the subject and --timeout', async () => {
    const result = await request(['rq.silent', 'x', '--timeout', '500ms'])
    assert.equal(result.code, 1)
    assert.equal(result.stdout, '')
    assert.match(result.stderr, /^natsctl: error: timeout waiting for a reply on "rq\.silent" after 500ms$/m)
    const raw = await request(['rq.silent', 'x', '--timeout', '500ms', '--raw', '--replies', '3'])
    assert.equal(raw.code, 1)
    assert.equal(raw.stderr, 'natsctl: error: timeout waiting for a reply on "rq.silent" after 500ms\n')
  })

  it('--json prints an array with one object per reply', async () => {
    const result = await request(['rq.echo', 'js', '--json'])
    assert.equal(result.code, 0, result.stderr)
    const replies = JSON.parse(result.stdout) as Array<Record<string, unknown>>
    assert.equal(replies.length, 1)
    assert.equal(replies[0].subject, 'rq.echo')
    assert.equal(replies[0].data, 'echo:js')
    assert.equal(replies[0].size, 7)
    assert.deepEqual(replies[0].headers, {'X-Reply': ['yes']})
    assert.equal(typeof replies[0].rtt_ms, 'number')

    const many = await request(['rq.many', 'x', '--replies', '0', '--timeout', '2s', '--json'])
    assert.equal((JSON.parse(many.stdout) as unknown[]).length, 3)
  })

  it('keeps binary replies intact (stdout bytes, base64 in --json)', async () => {
    const result = await runCli(['request', 'rq.binary', 'x', '--raw', '--server', server.url], {env: home.env})
    assert.equal(result.code, 0)
    const json = await request(['rq.binary', 'x', '--json'])
    const [reply] = JSON.parse(json.stdout) as Array<{data: string; encoding?: string}>
    assert.equal(reply.encoding, 'base64')
    assert.deepEqual(Buffer.from(reply.data, 'base64'), Buffer.from([0xff, 0x00, 0x41]))
  })

  it('rejects invalid subjects with exit 2 before connecting', async () => {
    const result = await runCli(['request', 'a..b', 'x', '--server', 'nats://127.0.0.1:1'], {env: home.env})
    assert.equal(result.code, 2)
    assert.match(result.stderr, /invalid subject "a\.\.b"/)
  })
})
