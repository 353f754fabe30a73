// stream view against a real nats-server: everything to the end in a pipe, pages with "Next Page?" on a
// terminal, the start flags, the subject filter, raw and JSON output, and no consumer left behind.
import assert from 'node:assert/strict'
import {setTimeout as sleep} from 'node:timers/promises'
import {after, before, describe, it} from 'node:test'

import type {JetStreamClient, JetStreamManager} from '@nats-io/jetstream'
import {headers} from '@nats-io/transport-node'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'
import {TmuxCli} from '../../helpers/tmux.js'

describe('stream view', () => {
  let testbed: JetStreamTestbed
  let jsm: JetStreamManager
  let js: JetStreamClient
  const cli = (...args: string[]) => testbed.cli(args)
  const consumers = async (stream: string) => {
    const names: string[] = []
    for await (const c of jsm.consumers.list(stream)) names.push(c.name)
    return names
  }

  before(async () => {
    testbed = await startJetStreamTestbed()
    ;({jsm, js} = testbed)
    await jsm.streams.add({name: 'VIEW', subjects: ['view.>']})
    for (let i = 1; i <= 30; i++) {
      const h = headers()
      h.set('X-Index', String(i))
      await js.publish(`view.${i % 2 ? 'odd' : 'even'}`, `body ${i}`, {headers: h})
    }
  })
  after(() => testbed?.close())

  it("prints every message in sub's layout to the end in a pipe, whatever --page says", async () => {
    const r = await cli('stream', 'view', 'VIEW', '--page', '10')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stderr, 'Reached apparent end of data\n')
    const headings = r.stdout.match(/^\[#\d+\] Received JetStream message: .*$/gm) ?? []
    assert.equal(headings.length, 30)
    assert.match(
      r.stdout,
      /^\[#1\] Received JetStream message: stream: VIEW seq: 1 \/ pending: 29 \/ subject: view\.odd \/ time: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\nX-Index: 1\n\nbody 1\n\n/,
    )
    assert.match(
      r.stdout,
      /\[#30\] Received JetStream message: stream: VIEW seq: 30 \/ pending: 0 \/ subject: view\.even .*\nX-Index: 30\n\nbody 30\n\n$/,
    )
    assert.deepEqual(await consumers('VIEW'), [])
  })

  it('--id starts at a sequence, --subject filters, --raw prints bodies only', async () => {
    const r = await cli('stream', 'view', 'VIEW', '--id', '25', '--subject', 'view.even', '--raw')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'body 26\nbody 28\nbody 30\n')
  })

  it('--since starts with the messages stored within the duration', async () => {
    await jsm.streams.add({name: 'SINCE', subjects: ['since.>']})
    await js.publish('since.a', 'old')
    await sleep(5000)
    await js.publish('since.a', 'new 1')
    await js.publish('since.a', 'new 2')
    const r = await cli('stream', 'view', 'SINCE', '--since', '4s', '--raw')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'new 1\nnew 2\n')
    const all = await cli('stream', 'view', 'SINCE', '--since', '1h', '--raw')
    assert.equal(all.stdout, 'old\nnew 1\nnew 2\n')
  })

  it('--json prints one JSON object per message; --translate rewrites bodies', async () => {
    const r = await cli('stream', 'view', 'VIEW', '--id', '29', '--json')
    assert.equal(r.code, 0, r.stderr)
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    assert.equal(lines.length, 2)
    assert.deepEqual(
      lines.map((l) => [l.seq, l.subject, l.data, l.headers['X-Index'][0], l.stream]),
      [
        [29, 'view.odd', 'body 29', '29', 'VIEW'],
        [30, 'view.even', 'body 30', '30', 'VIEW'],
      ],
    )
    const t = await cli('stream', 'view', 'VIEW', '--id', '30', '--raw', '--translate', 'tr a-z A-Z')
    assert.equal(t.stdout, 'BODY 30\n')
  })

  it('an empty range ends at once; a missing stream is named', async () => {
    const r = await cli('stream', 'view', 'VIEW', '--subject', 'view.none')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, '')
    assert.equal(r.stderr, 'Reached apparent end of data\n')
    const missing = await cli('stream', 'view', 'NOPE')
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, 'natsctl: error: stream "NOPE" not found\n')
  })

  it('pages on a terminal: asks "Next Page?" after each --page messages and stops on no', async () => {
    const term = new TmuxCli(['stream', 'view', 'VIEW', '--page', '4', '--server', testbed.server.url], testbed.home.env)
    try {
      await term.waitFor('[#4] Received')
      await term.answer('Next Page?', 'Enter')
      await term.waitFor('[#8] Received')
      await term.answer('Next Page?', {text: 'n'}, 'Enter')
      const {code, screen} = await term.exit()
      assert.equal(code, 0, screen)
      assert.ok(!screen.includes('[#9]'), screen)
      assert.ok(!screen.includes('[#5] Received JetStream message: stream: VIEW seq: 4 '), 'pages continue after the last shown')
      assert.match(screen, /\[#5\] Received JetStream message: stream: VIEW seq: 5 /)
    } finally {
      term.kill()
    }
    assert.deepEqual(await consumers('VIEW'), [])
  })
})
