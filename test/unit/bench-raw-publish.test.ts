// The bench fast path's one reach into the client (src/lib/bench/raw-publish.ts), against a real server: the
// installed client still has the internal (a client upgrade that drops it fails here, not silently in a
// slower bench), frames written through it arrive and are counted, and without it the publisher falls back
// to the public API and still sends every message.

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {connect, type Msg, type NatsConnection} from '@nats-io/transport-node'

import {publishMessages} from '../../src/lib/bench/publisher.js'
import {rawWriter} from '../../src/lib/bench/raw-publish.js'
import {startServer, type TestServer} from '../helpers/nats-server.js'

let server: TestServer
let nc: NatsConnection
let listener: NatsConnection

/** Collects what arrives on `subject` (through a second connection) until `count` messages came. */
async function receive(subject: string, count: number): Promise<{done: Promise<Msg[]>}> {
  const msgs: Msg[] = []
  const sub = listener.subscribe(subject, {max: count})
  const done = (async () => {
    for await (const m of sub) msgs.push(m)
    return msgs
  })()
  await listener.flush()
  return {done}
}

/** The connection as a client without the internal would look: no `protocol`, everything else as it is. */
function withoutProtocol(conn: NatsConnection): NatsConnection {
  return new Proxy(conn, {
    get(target, key) {
      if (key === 'protocol') return undefined
      const value: unknown = Reflect.get(target, key, target)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
}

before(async () => {
  server = await startServer({jetstream: false})
  nc = await connect({servers: server.url})
  listener = await connect({servers: server.url})
})

after(async () => {
  await nc?.close()
  await listener?.close()
  await server?.stop()
})

describe('rawWriter', () => {
  it('writes whole frames through the client, which delivers them and counts them', async () => {
    const writer = rawWriter(nc, {})
    assert.ok(writer, 'the installed client exposes its protocol handler: the bench fast path is available')
    const {done} = await receive('raw.frames', 3)
    const before = nc.stats()
    const frames = Buffer.from('PUB raw.frames 3\r\none\r\nPUB raw.frames 3\r\ntwo\r\nPUB raw.frames raw.reply 5\r\nthree\r\n', 'latin1')
    writer.write(frames, 3, 11)
    await nc.flush()
    const msgs = await done
    assert.deepEqual(
      msgs.map((m) => m.string()),
      ['one', 'two', 'three'],
    )
    assert.equal(msgs[2].reply, 'raw.reply')
    const stats = nc.stats()
    assert.equal(stats.outMsgs - before.outMsgs, 3)
    assert.equal(stats.outBytes - before.outBytes, 11)
  })

  it('is undefined when the client has no protocol handler, or NATSCTL_BENCH_PLAIN_PUBLISH=1 asks for the public API', () => {
    assert.equal(rawWriter(withoutProtocol(nc), {}), undefined)
    assert.equal(rawWriter({protocol: {outBytes: 0, outMsgs: 0}} as unknown as NatsConnection, {}), undefined)
    assert.equal(rawWriter({protocol: {outMsgs: 0, sendCommand() {}}} as unknown as NatsConnection, {}), undefined)
    assert.equal(rawWriter(nc, {NATSCTL_BENCH_PLAIN_PUBLISH: '1'}), undefined)
  })
})

describe('publishMessages without the internal', () => {
  it('falls back to nc.publish() and still sends every message', async () => {
    const total = 2500
    const {done} = await receive('raw.fallback', total)
    const before = nc.stats()
    let progress = 0
    const sent = await publishMessages(withoutProtocol(nc), {
      subject: 'raw.fallback',
      msgs: total,
      payload: new TextEncoder().encode('x'.repeat(16)),
      rate: 0,
      onProgress: (n) => (progress = n),
      stopped: () => false,
    })
    assert.equal(sent, total)
    assert.equal(progress, total)
    assert.equal((await done).length, total)
    // Every message went through the client's public publish, which counts them itself.
    assert.equal(nc.stats().outMsgs - before.outMsgs, total)
  })
})
