// bench js pub sync|async|batch (natscli's words) and natsctl's `bench js pub SUBJECT --batch N`, against a
// real JetStream server (nats-server 2.9.10): what lands in the stream, and the words that are errors.

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import type {JetStreamManager} from '@nats-io/jetstream'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../../helpers/jetstream.js'

let testbed: JetStreamTestbed
let jsm: JetStreamManager

const bench = (args: string[]) => testbed.cli(['bench', 'js', 'pub', ...args, '--no-progress'], {timeoutMs: 60_000})
const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>

async function streamExists(name: string): Promise<boolean> {
  try {
    await jsm.streams.info(name)
    return true
  } catch {
    return false
  }
}

before(async () => {
  testbed = await startJetStreamTestbed()
  ;({jsm} = testbed)
})

after(() => testbed?.close())

describe('bench js pub sync|async', () => {
  it('sync: one publish in flight, every message stored; the stream is created for direct gets', async () => {
    const r = await bench(['sync', 'wp.sync', '--stream', 'WPSYNC', '--create', '--msgs', '200', '--size', '40', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const report = json(r.stdout)
    assert.equal(report.benchmark, 'JetStream synchronous publisher')
    assert.equal(report.publishers.msgs, 200)
    assert.ok(report.publishers.latency_us.p50 > 0)
    assert.match(r.stderr, /batch=1,/)
    const info = await jsm.streams.info('WPSYNC')
    assert.equal(info.state.messages, 200)
    assert.equal(info.state.bytes > 200 * 40, true)
    assert.equal(info.config.allow_direct, true)
    assert.deepEqual(info.config.subjects, ['wp.sync'])
  })

  it('async: --batch windows across clients store exactly --msgs; -H and --dedup reach the stream', async () => {
    const r = await bench([
      'async',
      'wp.async',
      '--stream',
      'WPASYNC',
      '--create',
      '--msgs',
      '600',
      '--batch',
      '50',
      '--clients',
      '2',
      '--dedup',
      '-H',
      'X-W:1',
      '--json',
    ])
    assert.equal(r.code, 0, r.stderr)
    const report = json(r.stdout)
    assert.equal(report.benchmark, 'JetStream asynchronous publisher')
    assert.deepEqual(
      report.publishers.clients.map((c: any) => c.msgs),
      [300, 300],
    )
    assert.equal((await jsm.streams.info('WPASYNC')).state.messages, 600)
    const m = await jsm.streams.getMessage('WPASYNC', {seq: 1})
    assert.equal(m!.header?.get('X-W'), '1')
    assert.match(m!.header?.get('Nats-Msg-Id') ?? '', /-P[01]-\d+$/)
  })

  it("async defaults to natscli's window of 500; the legacy form keeps --batch 100", async () => {
    const a = await bench(['async', 'wp.async', '--stream', 'WPASYNC', '--msgs', '10'])
    assert.equal(a.code, 0, a.stderr)
    assert.match(a.stderr, /Starting JetStream asynchronous publisher benchmark \[batch=500,/)
    const l = await bench(['wp.async', '--stream', 'WPASYNC', '--msgs', '10'])
    assert.equal(l.code, 0, l.stderr)
    assert.match(l.stderr, /Starting JetStream asynchronous publisher benchmark \[batch=100,/)
  })

  it('the legacy forms give the same result as the words: SUBJECT --batch 1 is sync, --batch N async', async () => {
    const legacy = await bench(['wp.legacy', '--stream', 'WPLEG', '--create', '--msgs', '150', '--batch', '1', '--json'])
    assert.equal(legacy.code, 0, legacy.stderr)
    assert.equal(json(legacy.stdout).benchmark, 'JetStream synchronous publisher')
    assert.equal((await jsm.streams.info('WPLEG')).state.messages, 150)
    const word = await bench(['sync', 'wp.legacy', '--stream', 'WPLEG', '--purge', '--msgs', '150', '--json'])
    assert.equal(word.code, 0, word.stderr)
    assert.equal(json(word.stdout).benchmark, 'JetStream synchronous publisher')
    assert.equal((await jsm.streams.info('WPLEG')).state.messages, 150)
    const legacyAsync = await bench(['wp.legacy', '--stream', 'WPLEG', '--msgs', '100', '--batch', '20', '--json'])
    assert.equal(json(legacyAsync.stdout).benchmark, 'JetStream asynchronous publisher')
    assert.equal((await jsm.streams.info('WPLEG')).state.messages, 250)
  })
})

describe('words that are not subjects', () => {
  it('`async` without a subject is the async command missing its subject (exit 2), never a stream on subject "async"', async () => {
    const r = await bench(['async', '--create', '--msgs', '10', '--stream', 'WPTRAP'])
    assert.equal(r.code, 2)
    assert.match(r.stderr, /missing argument SUBJECT/)
    assert.equal(await streamExists('WPTRAP'), false)
  })

  for (const [word, meant] of [
    ['asynch', 'async'],
    ['synk', 'sync'],
    ['batchh', 'batch'],
    ['ordered', 'bench js ordered'],
  ]) {
    it(`"${word}" is a usage error suggesting ${meant}; nothing is created`, async () => {
      const r = await bench([word, '--create', '--msgs', '10', '--stream', 'WPTYPO'])
      assert.equal(r.code, 2)
      assert.match(r.stderr, new RegExp(`natsctl: error: unknown bench js pub mode "${word}": did you mean ${meant}\\?`))
      assert.equal(await streamExists('WPTYPO'), false)
    })
  }
})

describe('bench js pub batch (atomic)', () => {
  it('on nats-server 2.9.10 fails naming both versions, for batch and its alias atomic, before touching the stream', async () => {
    for (const word of ['batch', 'atomic']) {
      const r = await bench([word, 'wp.atomic', '--stream', 'WPATOMIC', '--create', '--msgs', '10'])
      assert.equal(r.code, 1, word)
      assert.match(
        r.stderr,
        /natsctl: error: bench js pub batch \(atomic batch publish\) needs nats-server 2\.12\.0 or later: the server is 2\.9\.10/,
      )
    }
    assert.equal(await streamExists('WPATOMIC'), false)
  })
})
