// The embedded default: with nothing configured a command starts (once) and uses the broker "local";
// --embedded=NAME picks another; concurrent commands start one broker; a JetStream store survives stop/start.

import assert from 'node:assert/strict'
import {after, describe, it} from 'node:test'

import {connect} from '@nats-io/transport-node'
import {jetstream, jetstreamManager} from '@nats-io/jetstream'

import {makeHome, runCli, type TestHome} from '../helpers/cli.js'
import {freePort} from '../helpers/nats-server.js'

const homes: TestHome[] = []
function home(): TestHome {
  const h = makeHome()
  homes.push(h)
  return h
}

interface Info {
  name: string
  url: string
  pids: number[]
}

async function brokers(h: TestHome): Promise<Info[]> {
  const ls = await runCli(['broker', 'ls', '--json'], {env: h.env})
  assert.equal(ls.code, 0, ls.stderr)
  return JSON.parse(ls.stdout) as Info[]
}

describe('embedded default broker', () => {
  after(async () => {
    for (const h of homes) {
      await runCli(['broker', 'stop', '--all'], {env: h.env})
      h.cleanup()
    }
  })

  it('starts "local" on first use, says so once on stderr, and reuses it', async () => {
    const h = home()
    const first = await runCli(['pub', 'greet', 'hello'], {env: h.env})
    assert.equal(first.code, 0, first.stderr)
    assert.match(first.stderr, /Started the embedded broker "local" at nats:\/\/127\.0\.0\.1:\d+ \(stop it with: natsctl broker stop local\)/)
    const [local] = await brokers(h)
    assert.equal(local.name, 'local')

    // The second command finds it running: no message, same broker, and it really talks to it.
    const nc = await connect({servers: local.url})
    const sub = nc.subscribe('greet', {max: 1})
    await nc.flush()
    const second = await runCli(['pub', 'greet', 'again'], {env: h.env})
    assert.equal(second.code, 0, second.stderr)
    assert.doesNotMatch(second.stderr, /Started/)
    for await (const m of sub) assert.equal(m.string(), 'again')
    await nc.close()
    assert.deepEqual(
      (await brokers(h)).map((b) => b.pids),
      [local.pids],
    )

    const stop = await runCli(['broker', 'stop', 'local'], {env: h.env})
    assert.equal(stop.code, 0, stop.stderr)
    assert.deepEqual(await brokers(h), [])
  })

  it('--embedded=NAME uses (and starts) that broker; a bare --embedded means local', async () => {
    const h = home()
    const named = await runCli(['--embedded=side', 'pub', 'x', 'y'], {env: h.env})
    assert.equal(named.code, 0, named.stderr)
    assert.match(named.stderr, /Started the embedded broker "side"/)
    const bare = await runCli(['pub', 'x', 'y', '--embedded'], {env: h.env})
    assert.equal(bare.code, 0, bare.stderr)
    assert.match(bare.stderr, /Started the embedded broker "local"/)
    assert.deepEqual(
      (await brokers(h)).map((b) => b.name),
      ['local', 'side'],
    )
  })

  it('a configured server wins over the embedded default', async () => {
    const h = home()
    const result = await runCli(['--server', `nats://127.0.0.1:${await freePort()}`, 'pub', 'x', 'y'], {env: h.env})
    assert.equal(result.code, 1)
    assert.match(result.stderr, /could not connect/)
    assert.deepEqual(await brokers(h), [])
  })

  it('two commands started at once start one broker', async () => {
    const h = home()
    const results = await Promise.all([1, 2, 3].map((i) => runCli(['pub', 'race', `m${i}`], {env: h.env})))
    for (const r of results) assert.equal(r.code, 0, r.stderr)
    const started = results.filter((r) => /Started the embedded broker/.test(r.stderr))
    assert.equal(started.length, 1, results.map((r) => r.stderr).join('\n'))
    assert.equal((await brokers(h)).length, 1)
  })

  it('keeps every acknowledged JetStream message across broker stop and broker start', async () => {
    const h = home()
    const port = await freePort()
    const start = await runCli(['broker', 'start', 'durable', '--port', String(port)], {env: h.env})
    assert.equal(start.code, 0, start.stderr)
    const url = `nats://127.0.0.1:${port}`
    const total = 3000
    let nc = await connect({servers: url})
    const jsm = await jetstreamManager(nc)
    await jsm.streams.add({name: 'KEEP', subjects: ['keep.>']})
    const js = jetstream(nc)
    for (let i = 0; i < total; i += 500) {
      const acks = await Promise.all(Array.from({length: 500}, (_, j) => js.publish(`keep.${(i + j) % 7}`, `message ${i + j + 1}`)))
      assert.equal(acks.at(-1)!.seq, i + 500)
    }
    await nc.close()

    assert.equal((await runCli(['broker', 'stop', 'durable'], {env: h.env})).code, 0)
    const again = await runCli(['broker', 'start', 'durable', '--port', String(port)], {env: h.env})
    assert.equal(again.code, 0, again.stderr)

    nc = await connect({servers: url})
    const info = await (await jetstreamManager(nc)).streams.info('KEEP')
    assert.equal(info.state.messages, total)
    assert.equal(info.state.last_seq, total)
    const last = await (await jetstreamManager(nc)).streams.getMessage('KEEP', {seq: total})
    assert.equal(last?.string(), `message ${total}`)
    await nc.close()
  })
})
