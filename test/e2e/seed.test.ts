// The seed scenario of issue 3, with natsctl commands only (the hub is a plain nats-server, like a central
// cluster): an edge broker with its own JetStream domain leafs into the hub; requests cross the leafnode; a
// stream on the edge is mirrored on the hub and catches up after the hub was down.

import assert from 'node:assert/strict'
import {setTimeout as sleep} from 'node:timers/promises'
import {after, before, describe, it} from 'node:test'

import {connect} from '@nats-io/transport-node'
import {jetstreamManager} from '@nats-io/jetstream'

import {makeHome, runCli, startCli, type RunningCli} from '../helpers/cli.js'
import {startServer, stopAllServers, type TestServer} from '../helpers/nats-server.js'

const home = makeHome()
const env = home.env
const cli = (...args: string[]) => runCli(args, {env})
let hub: TestServer
let replier: RunningCli | undefined

async function eventually<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const value = await attempt()
      if (value !== undefined) return value
    } catch (error) {
      last = error
    }
    await sleep(250)
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`)
}

async function hubMessages(stream: string): Promise<number> {
  const nc = await connect({servers: hub.url, reconnect: false})
  try {
    return (await (await jetstreamManager(nc)).streams.info(stream)).state.messages
  } finally {
    await nc.close()
  }
}

describe('seed scenario: edge broker with a JetStream domain, leafnode to a hub, mirror on the hub', () => {
  before(async () => {
    hub = await startServer({domain: 'hub', leafnodes: true, serverName: 'hub'})
  })
  after(async () => {
    replier?.kill('SIGKILL')
    await cli('broker', 'stop', '--all')
    await stopAllServers()
    home.cleanup()
  })

  it('runs end to end', async () => {
    // 2. The edge broker, leafed into the hub.
    const start = await cli('broker', 'start', 'edge', '--js-domain', 'embedded', '--leafnode-remote', `nats-leaf://127.0.0.1:${hub.leafPort}`)
    assert.equal(start.code, 0, start.stderr)
    assert.match(start.stdout, /domain "embedded"/)
    assert.match(start.stdout, new RegExp(`Leafnode remote: +nats-leaf://127\\.0\\.0\\.1:${hub.leafPort} \\(connected\\)`))

    // 3. A request from the hub crosses the leafnode to a replier on the edge.
    replier = startCli(['--context', 'edge', 'reply', 'hello.world', 'hello there'], {env, timeoutMs: 120_000})
    await sleep(200)
    const answer = await eventually('a reply across the leafnode', async () => {
      const r = await cli('--server', hub.url, 'request', 'hello.world', 'hi', '--timeout', '2s')
      return r.code === 0 ? r : undefined
    })
    assert.match(answer.stdout, /hello there/)

    // 4. A stream in the edge's domain, created and fed from the hub.
    const add = await cli('--server', hub.url, 'stream', 'add', 'EVENTS', '--subjects', 'events.>', '--js-domain', 'embedded', '--defaults')
    assert.equal(add.code, 0, add.stderr)
    // The stream's interest reaches the hub over the leafnode shortly after it is created.
    await sleep(500)
    const pub = await cli('--server', hub.url, 'pub', 'events.123', 'hello', '--count', '100')
    assert.equal(pub.code, 0, pub.stderr)
    await eventually('EVENTS to hold 100 messages', async () => {
      const r = await cli('--server', hub.url, 'stream', 'info', 'EVENTS', '--js-domain', 'embedded', '--json')
      const events = r.code === 0 ? (JSON.parse(r.stdout) as {state: {messages: number}}) : undefined
      return events?.state.messages === 100 ? events : undefined
    })
    const ls = await cli('--server', hub.url, 'stream', 'ls', '--js-domain', 'embedded', '--json')
    assert.deepEqual(JSON.parse(ls.stdout), ['EVENTS'])
    const table = await cli('--server', hub.url, 'stream', 'ls', '--js-domain', 'embedded')
    assert.match(table.stdout, /EVENTS/)
    assert.match(table.stdout, /100/)

    // 5. A mirror on the hub imports EVENTS from the edge's domain.
    const mirror = await cli('--server', hub.url, 'stream', 'add', 'EVENTS_MIRROR', '--mirror', 'EVENTS', '--mirror-domain', 'embedded', '--defaults')
    assert.equal(mirror.code, 0, mirror.stderr)
    await eventually('the mirror to reach 100', async () => ((await hubMessages('EVENTS_MIRROR')) === 100 ? true : undefined))

    // 6. Offline first: the hub goes away, the edge keeps taking messages, the mirror catches up later.
    await hub.stop({keepDir: true})
    const offline = await cli('--context', 'edge', 'pub', 'events.123', 'while the hub is down', '--count', '50')
    assert.equal(offline.code, 0, offline.stderr)
    const edgeInfo = await cli('--context', 'edge', 'stream', 'info', 'EVENTS', '--json')
    assert.equal((JSON.parse(edgeInfo.stdout) as {state: {messages: number}}).state.messages, 150)
    await hub.restart()
    await eventually('the mirror to catch up to 150', async () => ((await hubMessages('EVENTS_MIRROR')) === 150 ? true : undefined), 60_000)

    // The leafnode reconnected, and status says so.
    const status = await eventually('the leafnode to reconnect', async () => {
      const r = await cli('broker', 'status', 'edge', '--json')
      const info = JSON.parse(r.stdout) as {leafnodes: Array<{connected: boolean}>}
      return info.leafnodes.every((l) => l.connected) ? info : undefined
    })
    assert.equal(status.leafnodes.length, 1)
  })
})
