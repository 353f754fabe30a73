// `pub` as users run it: the CLI as a subprocess against a real nats-server, with a client in this process
// subscribing to check what actually arrived (bodies, headers, reply subjects, counts) and a JetStream
// manager checking what streams stored.
import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {after, before, describe, it} from 'node:test'

import {jetstreamManager, type JetStreamManager} from '@nats-io/jetstream'
import {connect, type Msg, type NatsConnection} from '@nats-io/transport-node'

import {BIN, runCli, type RunOptions, startCli, type TestHome} from '../helpers/cli.js'
import {type JetStreamTestbed, startJetStreamTestbed} from '../helpers/jetstream.js'
import {startServer, type TestServer} from '../helpers/nats-server.js'

let testbed: JetStreamTestbed
let server: TestServer
let nc: NatsConnection
let jsm: JetStreamManager
let home: TestHome

before(async () => {
  testbed = await startJetStreamTestbed()
  ;({server, home, nc, jsm} = testbed)
})

after(() => testbed?.close())

const pub = (args: string[], options: RunOptions = {}) => testbed.cli(['pub', ...args], options)

/** Subscribes before the CLI runs; `received()` returns everything that arrived once the CLI has exited. */
async function capture(subject: string): Promise<{received(): Promise<Msg[]>; times: number[]}> {
  const msgs: Msg[] = []
  const times: number[] = []
  const sub = nc.subscribe(subject, {
    callback: (_err, msg) => {
      msgs.push(msg)
      times.push(Date.now())
    },
  })
  await nc.flush()
  return {
    times,
    async received() {
      // The CLI drained before exiting, so the server has routed every message; one round trip on our
      // connection delivers whatever was still queued for us.
      await nc.flush()
      sub.unsubscribe()
      return msgs
    },
  }
}

describe('pub', () => {
  it('publishes the body argument and says so on stderr', async () => {
    const cap = await capture('pub.body')
    const result = await pub(['pub.body', 'hello joe'])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, '')
    assert.match(result.stderr, /^Published 9 bytes to "pub\.body"$/m)
    const msgs = await cap.received()
    assert.deepEqual(
      msgs.map((m) => m.string()),
      ['hello joe'],
    )
  })

  it('works through the publish alias', async () => {
    const cap = await capture('pub.alias')
    const result = await pub(['pub.alias', 'x'])
    assert.equal(result.code, 0)
    const alias = await runCli(['publish', 'pub.alias', 'y', '--server', server.url], {env: home.env})
    assert.equal(alias.code, 0, alias.stderr)
    assert.deepEqual(
      (await cap.received()).map((m) => m.string()),
      ['x', 'y'],
    )
  })

  it('sends every -H header (repeatable, values templated)', async () => {
    const cap = await capture('pub.headers')
    const result = await pub(['pub.headers', 'h', '-H', 'X-Trace:abc', '--header', 'X-Multi: one', '-H', 'X-Multi:two', '-H', 'X-N:{{Count}}'])
    assert.equal(result.code, 0, result.stderr)
    const [msg] = await cap.received()
    assert.equal(msg.headers?.get('X-Trace'), 'abc')
    assert.deepEqual(msg.headers?.values('X-Multi'), ['one', 'two'])
    assert.equal(msg.headers?.get('X-N'), '1')
    assert.equal(msg.string(), 'h')
  })

  it('--count N sends N messages and {{Count}} counts from 1 in body, subject and headers', async () => {
    const cap = await capture('pub.count.>')
    const result = await pub(['pub.count.{{Count}}', 'n{{Count}}', '--count', '5', '-H', 'Seq:{{Count}}'])
    assert.equal(result.code, 0, result.stderr)
    const msgs = await cap.received()
    assert.deepEqual(
      msgs.map((m) => m.string()),
      ['n1', 'n2', 'n3', 'n4', 'n5'],
    )
    assert.deepEqual(
      msgs.map((m) => m.subject),
      ['pub.count.1', 'pub.count.2', 'pub.count.3', 'pub.count.4', 'pub.count.5'],
    )
    assert.deepEqual(
      msgs.map((m) => m.headers?.get('Seq')),
      ['1', '2', '3', '4', '5'],
    )
    assert.equal(result.stderr.match(/^Published 2 bytes to "pub\.count\.\d"$/gm)?.length, 5)
  })

  it('--no-templates sends the text as it is', async () => {
    const cap = await capture('pub.notpl')
    const result = await pub(['pub.notpl', 'n{{Count}}', '--count', '2', '--no-templates', '-H', 'X:{{Count}}'])
    assert.equal(result.code, 0, result.stderr)
    const msgs = await cap.received()
    assert.deepEqual(
      msgs.map((m) => m.string()),
      ['n{{Count}}', 'n{{Count}}'],
    )
    assert.equal(msgs[0].headers?.get('X'), '{{Count}}')
  })

  it('rejects a bad template before connecting (exit 2)', async () => {
    const result = await pub(['pub.badtpl', '{{Nope}}'])
    assert.equal(result.code, 2)
    assert.match(result.stderr, /^natsctl: error: bad template in body: unknown function "Nope"/m)
  })

  it('--reply sets the reply subject', async () => {
    const cap = await capture('pub.reply')
    const result = await pub(['pub.reply', 'r', '--reply', 'answers.here'])
    assert.equal(result.code, 0, result.stderr)
    const [msg] = await cap.received()
    assert.equal(msg.reply, 'answers.here')
  })

  it('reads the body from stdin when no BODY is given', async () => {
    const cap = await capture('pub.stdin')
    const result = await pub(['pub.stdin'], {input: 'line one\nline two\n'})
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stderr, /^Reading payload from STDIN$/m)
    assert.match(result.stderr, /^Published 18 bytes to "pub\.stdin"$/m)
    assert.deepEqual(
      (await cap.received()).map((m) => m.string()),
      ['line one\nline two\n'],
    )
  })

  it('keeps binary stdin byte for byte', async () => {
    const cap = await capture('pub.binary')
    const bytes = Buffer.from([0, 255, 1, 128, 10, 0])
    const result = await pub(['pub.binary'], {input: bytes})
    assert.equal(result.code, 0, result.stderr)
    const [msg] = await cap.received()
    assert.deepEqual(Buffer.from(msg.data), bytes)
  })

  it('on a terminal, reads stdin only with --force-stdin', async () => {
    // script(1) runs the CLI with a pseudo-terminal as stdin; what we write is "typed", then Ctrl-D.
    assert.ok(existsSync('/usr/bin/script'), 'this test needs script(1) from util-linux/bsdutils')
    const onTerminal = (flags: string) =>
      new Promise<number | null>((resolve) => {
        const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} pub pub.tty --server ${server.url} ${flags}`
        const child = spawn('/usr/bin/script', ['-qec', cmd, '/dev/null'], {env: home.env, stdio: ['pipe', 'ignore', 'ignore']})
        child.stdin.end('typed body\n\u0004')
        child.on('close', (code) => resolve(code))
      })
    const cap = await capture('pub.tty')
    assert.equal(await onTerminal('--force-stdin'), 0)
    assert.equal(await onTerminal(''), 0)
    assert.deepEqual(
      (await cap.received()).map((m) => m.string()),
      ['typed body\n', ''],
    )
  })

  it('ignores stdin when a BODY argument is given', async () => {
    const cap = await capture('pub.argwins')
    const result = await pub(['pub.argwins', 'from-arg'], {input: 'from-stdin'})
    assert.equal(result.code, 0, result.stderr)
    assert.doesNotMatch(result.stderr, /STDIN/)
    assert.deepEqual(
      (await cap.received()).map((m) => m.string()),
      ['from-arg'],
    )
  })

  it('--send-on newline sends one message per line', async () => {
    const cap = await capture('pub.lines')
    const result = await pub(['pub.lines', '--send-on', 'newline'], {input: 'alpha\nbeta\r\ngamma {{Count}}\n'})
    assert.equal(result.code, 0, result.stderr)
    assert.deepEqual(
      (await cap.received()).map((m) => m.string()),
      ['alpha', 'beta', 'gamma 3'],
    )
  })

  it('--sleep pauses between messages', async () => {
    const cap = await capture('pub.sleep')
    const result = await pub(['pub.sleep', 's', '--count', '3', '--sleep', '300ms'])
    assert.equal(result.code, 0, result.stderr)
    await cap.received()
    assert.equal(cap.times.length, 3)
    // A lower bound only: the sleeps can only make it slower, never faster.
    assert.ok(cap.times[2] - cap.times[0] >= 500, `3 messages 300ms apart arrived within ${cap.times[2] - cap.times[0]}ms`)
  })

  it('-q prints nothing', async () => {
    const result = await pub(['pub.quiet', 'q', '--count', '3', '-q'])
    assert.equal(result.code, 0)
    assert.equal(result.stderr, '')
    assert.equal(result.stdout, '')
  })

  it('--count 5000 delivers every message before exit and prints one summary line (stderr not a terminal)', async () => {
    const cap = await capture('pub.many')
    const result = await pub(['pub.many', 'payload {{Count}}', '--count', '5000'])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr)
    assert.match(result.stderr, /^Published 5,000 messages \(\d[\d.]* KiB\) to "pub\.many"$/m)
    const msgs = await cap.received()
    assert.equal(msgs.length, 5000)
    assert.equal(msgs[4999].string(), 'payload 5000')
  })

  it('--json returns a summary', async () => {
    const result = await pub(['pub.json', 'abc', '--count', '3', '--json'])
    assert.equal(result.code, 0, result.stderr)
    assert.deepEqual(JSON.parse(result.stdout), {bytes: 9, count: 3, subject: 'pub.json'})
  })

  for (const [subject, why] of [
    ['', /empty/],
    ['has space', /spaces/],
    ['a..b', /empty token/],
    ['.a', /empty token/],
    ['a.*', /wildcard/],
    ['a.>', /wildcard/],
  ] as const) {
    it(`rejects the subject ${JSON.stringify(subject)} with exit 2`, async () => {
      const result = await pub([subject, 'x'])
      assert.equal(result.code, 2, result.stderr)
      assert.ok(result.stderr.includes(`invalid subject ${JSON.stringify(subject)}`), result.stderr)
      assert.match(result.stderr, why)
    })
  }

  it('rejects a wildcard --reply subject with exit 2', async () => {
    const result = await pub(['pub.x', 'x', '--reply', 'a.*'])
    assert.equal(result.code, 2)
    assert.match(result.stderr, /invalid reply subject "a\.\*"/)
  })

  it("names both sizes when the body is over the server's max_payload", async () => {
    const small = await startServer({jetstream: false, extraConfig: 'max_payload: 1024'})
    const body = 'x'.repeat(2000)
    const result = await runCli(['pub', 'big', body, '--server', small.url], {env: home.env})
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^natsctl: error: message of 2,000 bytes is larger than the server's max_payload of 1,024 bytes$/m)
    const ok = await runCli(['pub', 'big', 'x'.repeat(1000), '--server', small.url], {env: home.env})
    assert.equal(ok.code, 0, ok.stderr)
    await small.stop()
  })
  it('Ctrl-C stops publishing, delivers what it announced and exits 0', async () => {
    const cap = await capture('pub.interrupt')
    const cli = startCli(['pub', 'pub.interrupt', 'i{{Count}}', '--count', '20', '--sleep', '200ms', '--server', server.url], {env: home.env})
    await cli.waitFor(/Published 2 bytes.*\n.*Published 2 bytes/, 'stderr')
    cli.kill('SIGINT')
    const result = await cli.done
    assert.equal(result.code, 0, result.stderr)
    const announced = result.stderr.match(/^Published \d+ bytes/gm)?.length ?? 0
    const msgs = await cap.received()
    assert.ok(announced < 20, 'interrupted before the end')
    assert.equal(msgs.length, announced)
  })

  it('fails with a message (not a silent exit) when the server goes away mid-run', async () => {
    const doomed = await startServer({jetstream: false})
    const watcher = await connect({reconnect: false, servers: doomed.url})
    const first = new Promise<void>((resolve) => {
      watcher.subscribe('pub.doomed', {callback: () => resolve(), max: 1})
    })
    await watcher.flush()
    const cli = startCli(['pub', 'pub.doomed', 'x', '--count', '1000000000', '--server', doomed.url], {env: home.env})
    await first
    await doomed.stop()
    const result = await cli.done
    assert.equal(result.code, 1, result.stderr)
    assert.match(result.stderr, /^natsctl: error: (connection lost after publishing [\d,]+ messages|connection closed)/m)
  })

  it('refuses headers when the server does not support them', async () => {
    const old = await startServer({jetstream: false, extraConfig: 'no_header_support: true'})
    const result = await runCli(['pub', 'h', 'x', '-H', 'A:1', '--server', old.url], {env: home.env})
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^natsctl: error: the server .*does not support headers/m)
    await old.stop()
  })
})

describe('pub --jetstream', () => {
  before(async () => {
    await jsm.streams.add({name: 'PUBJS', subjects: ['pubjs.>']})
    await jsm.streams.add({name: 'PUBDEDUP', subjects: ['pubdedup.>']})
    await jsm.streams.add({name: 'PUBMANY', subjects: ['pubmany.>']})
  })

  it('waits for the ack and prints the stream and sequence', async () => {
    const result = await pub(['pubjs.a', 'stored', '-J'])
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stderr, /^Stored in Stream: PUBJS Sequence: 1$/m)
    const stored = await jsm.streams.getMessage('PUBJS', {seq: 1})
    assert.equal(stored?.string(), 'stored')
  })

  it('--count with -J stores N messages, acks pipelined, summary line', async () => {
    const result = await pub(['pubmany.x', 'm{{Count}}', '--jetstream', '--count', '2000'])
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stderr, /^Stored 2,000 messages in Stream: PUBMANY Sequence: 1\.\.2,000$/m)
    const info = await jsm.streams.info('PUBMANY')
    assert.equal(info.state.messages, 2000)
    assert.equal((await jsm.streams.getMessage('PUBMANY', {seq: 2000}))?.string(), 'm2000')
  })

  it('prints an ack line per message for small counts', async () => {
    const before = (await jsm.streams.info('PUBJS')).state.last_seq
    const result = await pub(['pubjs.b', 'x', '-J', '--count', '3'])
    assert.equal(result.code, 0, result.stderr)
    const seqs = [...result.stderr.matchAll(/^Stored in Stream: PUBJS Sequence: (\d+)$/gm)].map((m) => Number(m[1]))
    assert.deepEqual(seqs, [before + 1, before + 2, before + 3])
  })

  it('deduplicates with -H Nats-Msg-Id and prints Duplicate: true', async () => {
    const first = await pub(['pubdedup.a', 'once', '-J', '-H', 'Nats-Msg-Id:dedup-1'])
    assert.equal(first.code, 0, first.stderr)
    assert.match(first.stderr, /^Stored in Stream: PUBDEDUP Sequence: 1$/m)
    const second = await pub(['pubdedup.a', 'once', '-J', '-H', 'Nats-Msg-Id:dedup-1'])
    assert.equal(second.code, 0, second.stderr)
    assert.match(second.stderr, /^Stored in Stream: PUBDEDUP Sequence: 1 Duplicate: true$/m)
    assert.equal((await jsm.streams.info('PUBDEDUP')).state.messages, 1)
  })

  it('--json includes what was acknowledged', async () => {
    const result = await pub(['pubjs.json', 'j', '-J', '--count', '2', '--json'])
    assert.equal(result.code, 0, result.stderr)
    const out = JSON.parse(result.stdout) as {acks: {stored: number; streams: string[]; duplicates: number}; count: number}
    assert.equal(out.count, 2)
    assert.equal(out.acks.stored, 2)
    assert.deepEqual(out.acks.streams, ['PUBJS'])
    assert.equal(out.acks.duplicates, 0)
  })

  it('fails (exit 1) when no stream captures the subject, and says so', async () => {
    const result = await pub(['nostream.here', 'x', '-J'])
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^natsctl: error: no stream captures subject "nostream\.here"/m)
  })

  it('fails (exit 1) when a message is not stored (stream limit, discard new)', async () => {
    await jsm.streams.add({name: 'PUBFULL', subjects: ['pubfull.>'], max_msgs: 2, discard: 'new' as never})
    const result = await pub(['pubfull.x', 'x', '-J', '--count', '5'])
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^natsctl: error: message 3 on "pubfull\.x" was not stored: maximum messages exceeded \(10077\)$/m)
    assert.equal((await jsm.streams.info('PUBFULL')).state.messages, 2)
  })

  it('prints the domain when the ack has one (--js-domain)', async () => {
    const hub = await startServer({domain: 'hub', jetstream: true})
    const client = await connect({servers: hub.url})
    await (await jetstreamManager(client, {domain: 'hub'})).streams.add({name: 'DOM', subjects: ['dom.>']})
    const result = await runCli(['pub', 'dom.a', 'x', '-J', '--js-domain', 'hub', '--server', hub.url], {env: home.env})
    await client.drain()
    await hub.stop()
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stderr, /^Stored in Stream: DOM Sequence: 1 Domain: "hub"$/m)
  })

  it('refuses --reply with --jetstream (exit 2)', async () => {
    const result = await pub(['pubjs.x', 'x', '-J', '--reply', 'r'])
    assert.equal(result.code, 2)
  })
})
