// `sub --stream` (and sub with JetStream start flags) against a real nats-server 2.9 with JetStream: every
// start position, -T, the JetStream output line, and no consumer left on the server afterwards.

import assert from 'node:assert/strict'
import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import type {JetStreamClient, JetStreamManager} from '@nats-io/jetstream'
import {headers, type NatsConnection} from '@nats-io/transport-node'

import {runCli, startCli, type TestHome} from '../../helpers/cli.js'
import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'
import type {TestServer} from '../../helpers/nats-server.js'

let testbed: JetStreamTestbed
let server: TestServer
let home: TestHome
let nc: NatsConnection
let js: JetStreamClient
let jsm: JetStreamManager

// events.a, events.b, events.a, events.c, events.a as sequences 1..5
const SEEDED = [
  ['events.a', 'a1'],
  ['events.b', 'b1'],
  ['events.a', 'a2'],
  ['events.c', 'c1'],
  ['events.a', 'a3'],
]

function sub(args: string[]) {
  return runCli(['sub', '-s', server.url, ...args], {env: home.env, timeoutMs: 30_000})
}

function headings(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith('[#'))
}

async function consumersLeft(stream: string): Promise<string[]> {
  const names: string[] = []
  for await (const ci of jsm.consumers.list(stream)) names.push(ci.name)
  return names
}

describe('sub --stream', () => {
  before(async () => {
    testbed = await startJetStreamTestbed()
    ;({server, home, nc, jsm, js} = testbed)
    await jsm.streams.add({name: 'EVENTS', subjects: ['events.>']})
    const h = headers()
    h.set('X-Source', 'seed')
    for (const [subject, body] of SEEDED) await js.publish(subject, body, {headers: h})
  })
  after(() => testbed?.close())

  it('--stream NAME -T shows every message with stream, seq and pending, exits 0 and leaves no consumer', async () => {
    const result = await sub(['--stream', 'EVENTS', '-T'])
    assert.equal(result.code, 0, result.stderr)
    const lines = headings(result.stdout)
    assert.equal(lines.length, 5)
    assert.match(
      lines[0],
      /^\[#1\] Received JetStream message: stream: EVENTS seq: 1 \/ pending: 4 \/ subject: events\.a \/ time: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    )
    assert.match(lines[4], /^\[#5\] Received JetStream message: stream: EVENTS seq: 5 \/ pending: 0 \/ subject: events\.a/)
    assert.match(result.stdout, /X-Source: seed\n\na1\n/)
    assert.match(result.stderr, /Subscribing to subject events\.> from first received message/)
    assert.deepEqual(await consumersLeft('EVENTS'), [])
  })

  it('--all is the default start and can be given explicitly', async () => {
    const result = await sub(['--stream', 'EVENTS', '--all', '--terminate-at-end', '--raw'])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, 'a1\nb1\na2\nc1\na3\n')
  })

  it('a subject bound to a stream selects it and filters by the subject', async () => {
    const result = await sub(['events.a', '--all', '-T', '--raw'])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, 'a1\na2\na3\n')
    assert.deepEqual(await consumersLeft('EVENTS'), [])
  })

  it('--stream with a subject filters the stream', async () => {
    const result = await sub(['events.c', '--stream', 'EVENTS', '-T', '--raw'])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, 'c1\n')
  })

  it('--last starts with the last message', async () => {
    const result = await sub(['--stream', 'EVENTS', '--last', '-T', '--raw'])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, 'a3\n')
    assert.match(result.stderr, /from last received message/)
  })

  it('--start-sequence N starts there', async () => {
    const result = await sub(['--stream', 'EVENTS', '--start-sequence', '4', '-T'])
    assert.equal(result.code, 0, result.stderr)
    const lines = headings(result.stdout)
    assert.equal(lines.length, 2)
    assert.match(lines[0], /stream: EVENTS seq: 4 \/ pending: 1 \/ subject: events\.c/)
    assert.match(result.stderr, /starting at sequence 4/)
  })

  it('--last-per-subject shows the newest message of each subject', async () => {
    const result = await sub(['--stream', 'EVENTS', '--last-per-subject', '-T', '--raw'])
    assert.equal(result.code, 0, result.stderr)
    assert.deepEqual(result.stdout.trim().split('\n').sort(), ['a3', 'b1', 'c1'])
  })

  it('--new shows only messages stored after it started', async () => {
    const cli = startCli(['sub', '-s', server.url, '--stream', 'EVENTS', '--new', '--count', '1', '--raw'], {env: home.env})
    await cli.waitFor('for new messages', 'stderr')
    // The consumer exists once the start line is printed; publish until it has shown one message.
    await js.publish('events.new', 'fresh')
    const result = await cli.done
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, 'fresh\n')
    assert.deepEqual(await consumersLeft('EVENTS'), [])
  })

  it('--since DUR shows only messages stored in that window', async () => {
    await jsm.streams.add({name: 'SINCE', subjects: ['since.>']})
    await js.publish('since.old', 'old')
    await new Promise((resolve) => setTimeout(resolve, 5000))
    await js.publish('since.new', 'new')
    const result = await sub(['--stream', 'SINCE', '--since', '3s', '-T', '--raw'])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, 'new\n')
    assert.match(result.stderr, /since 3s/)
    assert.deepEqual(await consumersLeft('SINCE'), [])
  })

  it('-T on an empty stream exits at once', async () => {
    await jsm.streams.add({name: 'EMPTY', subjects: ['empty.>']})
    const result = await sub(['--stream', 'EMPTY', '-T'])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, '')
    assert.deepEqual(await consumersLeft('EMPTY'), [])
  })

  it('--json adds stream, seq and pending', async () => {
    const result = await sub(['events.c', '--stream', 'EVENTS', '--start-sequence', '2', '-T', '--json'])
    assert.equal(result.code, 0, result.stderr)
    const lines = result.stdout.trim().split('\n')
    assert.equal(lines.length, 1)
    const record = JSON.parse(lines[0]) as Record<string, unknown>
    assert.equal(record.stream, 'EVENTS')
    assert.equal(record.seq, 4)
    assert.equal(record.pending, 0)
    assert.equal(record.subject, 'events.c')
    assert.equal(record.data, 'c1')
    assert.deepEqual(record.headers, {'X-Source': ['seed']})
  })

  it('SIGINT ends a live stream subscription with exit 0 and deletes its consumer', async () => {
    const cli = startCli(['sub', '-s', server.url, '--stream', 'EVENTS'], {env: home.env})
    await cli.waitFor('[#5]', 'stdout')
    assert.equal((await consumersLeft('EVENTS')).length, 1)
    cli.kill('SIGINT')
    const result = await cli.done
    assert.equal(result.code, 0, result.stderr)
    assert.deepEqual(await consumersLeft('EVENTS'), [])
  })

  it('--count ends it after N messages and deletes the consumer', async () => {
    const result = await sub(['--stream', 'EVENTS', '--count', '2', '--raw'])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, 'a1\nb1\n')
    assert.deepEqual(await consumersLeft('EVENTS'), [])
  })

  it('a subject no stream captures is a clear error', async () => {
    const result = await sub(['nowhere.x', '--all'])
    assert.equal(result.code, 1)
    assert.equal(result.stderr.trim(), 'natsctl: error: no stream found with subject: nowhere.x')
  })

  it('a stream that does not exist is a clear error', async () => {
    const result = await sub(['--stream', 'NOPE', '-T'])
    assert.equal(result.code, 1)
    assert.equal(result.stderr, 'natsctl: error: stream "NOPE" not found\n')
  })

  it('--dump names JetStream files by stream sequence', async () => {
    const dir = join(home.dir, 'js-dump')
    const result = await sub(['events.c', '--stream', 'EVENTS', '-T', '--dump', dir])
    assert.equal(result.code, 0, result.stderr)
    assert.deepEqual(readdirSync(dir), ['4.json'])
    const record = JSON.parse(readFileSync(join(dir, '4.json'), 'utf8')) as {Subject: string; Data: string}
    assert.equal(record.Subject, 'events.c')
    assert.equal(Buffer.from(record.Data, 'base64').toString(), 'c1')
  })

  it('--translate gets {{Subject}} and {{Stream}}', async () => {
    const result = await sub(['events.b', '--all', '-T', '--raw', '--translate', 'printf "%s %s " {{Stream}} {{Subject}}; cat'])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout, 'EVENTS events.b b1\n')
  })

  it('several subjects on one stream need nats-server 2.10: a clear error on 2.9', async () => {
    const result = await sub(['events.a', 'events.b', '--stream', 'EVENTS', '-T'])
    const [major, minor] = nc.info!.version.split('.').map(Number)
    if (major === 2 && minor < 10) {
      assert.equal(result.code, 2)
      assert.match(result.stderr, /needs nats-server 2\.10/)
    } else {
      assert.equal(result.code, 0, result.stderr)
    }
  })

  it('JetStream mode refuses --queue', async () => {
    const result = await sub(['--stream', 'EVENTS', '--queue', 'g'])
    assert.equal(result.code, 2)
    assert.match(result.stderr, /queue group subscriptions are not supported with JetStream/)
  })
})
