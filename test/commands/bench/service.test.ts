// bench service request|serve (natscli's words) and their older names bench request|reply, against a real
// nats-server; the other side of each is the test's own connection, so the counts are the server's traffic.

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {connect, type NatsConnection} from '@nats-io/transport-node'

import {makeHome, runCli, startCli, type TestHome} from '../../helpers/cli.js'
import {startServer, type TestServer} from '../../helpers/nats-server.js'

let server: TestServer
let home: TestHome
let nc: NatsConnection

const bench = (args: string[]) => runCli(['bench', ...args, '--server', server.url, '--no-progress'], {env: home.env, timeoutMs: 60_000})
const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>

before(async () => {
  server = await startServer({jetstream: false})
  home = makeHome()
  nc = await connect({servers: server.url})
})

after(async () => {
  await nc?.drain()
  await server?.stop()
  home?.cleanup()
})

describe('bench service request, and its older name bench request', () => {
  it('both send exactly --msgs requests to the responder', async () => {
    let answered = 0
    nc.subscribe('ws.svc', {
      callback(_, msg) {
        answered++
        msg.respond('ok')
      },
    })
    await nc.flush()
    const r = await bench(['service', 'request', 'ws.svc', '--msgs', '120', '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(json(r.stdout).benchmark, 'Core NATS service requester')
    assert.equal(json(r.stdout).publishers.msgs, 120)
    assert.equal(answered, 120)
    const alias = await bench(['request', 'ws.svc', '--msgs', '80', '--json'])
    assert.equal(alias.code, 0, alias.stderr)
    assert.equal(json(alias.stdout).benchmark, 'Core NATS service requester')
    assert.equal(answered, 200)
  })
})

describe('bench service serve, and its older name bench reply', () => {
  for (const form of [['service', 'serve'], ['reply']]) {
    it(`${form.join(' ')} answers every request with a --size reply and ends after --msgs`, async () => {
      const subject = `ws.serve.${form.length}`
      const serve = startCli(['bench', ...form, subject, '--msgs', '30', '--size', '16', '--no-progress', '--server', server.url], {env: home.env})
      // Said once the servers are subscribed: from then on no request finds nobody.
      await serve.waitFor('All 1 client is ready: waiting for messages', 'stderr')
      let replies = 0
      for (let i = 0; i < 30; i++) {
        const m = await nc.request(subject, 'hi', {timeout: 1000})
        assert.equal(m.data.length, 16)
        replies++
      }
      const done = await serve.done
      assert.equal(done.code, 0, done.stderr)
      assert.equal(replies, 30)
      assert.match(done.stdout, /^NATS Core NATS service server stats: /m)
    })
  }
})
