// stream get against a real nats-server: by sequence, --last-for, headers, --json, --raw bytes, and the
// questions on a terminal.
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {after, afterEach, before, describe, it} from 'node:test'

import type {JetStreamClient, JetStreamManager} from '@nats-io/jetstream'
import {headers} from '@nats-io/transport-node'

import {BIN, type TestHome} from '../../helpers/cli.js'
import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'
import type {TestServer} from '../../helpers/nats-server.js'
import {TmuxCli} from '../../helpers/tmux.js'

describe('stream get', () => {
  let testbed: JetStreamTestbed
  let server: TestServer
  let home: TestHome
  let jsm: JetStreamManager
  let js: JetStreamClient
  let term: TmuxCli | undefined
  const cli = (...args: string[]) => testbed.cli(args)
  /** Runs natsctl on a real terminal (tmux), for the questions. */
  const onTerminal = (...args: string[]) => {
    term = new TmuxCli([...args, '--server', testbed.server.url], testbed.home.env)
    return term
  }

  before(async () => {
    testbed = await startJetStreamTestbed()
    ;({server, home, jsm, js} = testbed)
  })
  afterEach(() => term?.kill())
  after(() => testbed?.close())

  it('gets by sequence and last-for subject, with headers; --json; --raw bytes', async () => {
    await jsm.streams.add({name: 'GET', subjects: ['get.>']})
    const h = headers()
    h.set('X-Trace', 'abc')
    await js.publish('get.one', 'first body', {headers: h})
    await js.publish('get.two', new Uint8Array([0, 255, 10, 1]))
    await js.publish('get.one', 'latest one')

    const r = await cli('stream', 'get', 'GET', '1')
    assert.equal(r.code, 0, r.stderr)
    assert.match(
      r.stdout,
      /^Item: GET#1 received \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(.+ ago\) on Subject get\.one\n\nHeaders:\n {2}X-Trace: abc\n\nfirst body\n$/,
    )

    const last = await cli('stream', 'get', 'GET', '--last-for', 'get.one')
    assert.match(last.stdout, /^Item: GET#3 .* on Subject get\.one\n\nlatest one\n$/)
    const short = await cli('stream', 'get', 'GET', '-S', 'get.one', '--json')
    const msg = JSON.parse(short.stdout)
    assert.equal(msg.seq, 3)
    assert.equal(Buffer.from(msg.data, 'base64').toString(), 'latest one')

    // natscli's shape: the API's stored message, headers as their raw block, both base64.
    const json = JSON.parse((await cli('stream', 'get', 'GET', '1', '--json')).stdout)
    assert.deepEqual(Object.keys(json), ['subject', 'seq', 'hdrs', 'data', 'time'])
    assert.equal(Buffer.from(json.hdrs, 'base64').toString(), 'NATS/1.0\r\nX-Trace: abc\r\n\r\n')
    assert.equal(Buffer.from(json.data, 'base64').toString(), 'first body')
    assert.equal('hdrs' in msg, false)
  })

  it('--raw writes exactly the stored bytes', async () => {
    const out = spawnSync(process.execPath, [BIN, 'stream', 'get', 'GET', '2', '--raw', '--server', server.url], {env: home.env})
    assert.equal(out.status, 0, out.stderr.toString())
    assert.deepEqual([...out.stdout], [0, 255, 10, 1])
  })

  it('names what is missing', async () => {
    const none = await cli('stream', 'get', 'GET', '99')
    assert.equal(none.code, 1)
    assert.equal(none.stderr, 'natsctl: error: message 99 not found in stream "GET"\n')
    const noSubject = await cli('stream', 'get', 'GET', '-S', 'get.none')
    assert.equal(noSubject.stderr, 'natsctl: error: last message on subject "get.none" not found in stream "GET"\n')
    const noStream = await cli('stream', 'get', 'NOPE', '1')
    assert.equal(noStream.stderr, 'natsctl: error: stream "NOPE" not found\n')
    const noSeq = await cli('stream', 'get', 'GET')
    assert.equal(noSeq.code, 2)
    assert.match(noSeq.stderr, /without a terminal: pass a sequence after the stream name, or --last-for SUBJECT/)
  })

  it('on a terminal, asks for the sequence, then for a subject', async () => {
    await jsm.streams.add({name: 'TERMGET', subjects: ['termget.>']})
    await js.publish('termget.a', 'only a')
    const get = onTerminal('stream', 'get', 'TERMGET')
    await get.answer('Message Sequence to retrieve', 'Enter')
    await get.answer('Subject to retrieve last message for', {text: 'termget.b'}, 'Enter')
    const got = await get.exit()
    assert.equal(got.code, 1, got.screen)
    assert.match(got.screen, /last message on subject "termget\.b" not found in stream "TERMGET"/)
    term?.kill()

    const found = onTerminal('stream', 'get', 'TERMGET')
    await found.answer('Message Sequence to retrieve', 'Enter')
    await found.answer('Subject to retrieve last message for', {text: 'termget.a'}, 'Enter')
    const shown = await found.exit()
    assert.equal(shown.code, 0, shown.screen)
    assert.match(shown.screen, /Item: TERMGET#1 .* on Subject termget\.a\n\nonly a\n/)
  })
})
