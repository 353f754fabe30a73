// rtt: one connection per server address, --iterations round trips each, exit 1 when one is unreachable.

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {makeHome, runCli} from '../helpers/cli.js'
import {freePort, startServer, stopAllServers, type TestServer} from '../helpers/nats-server.js'

describe('rtt', () => {
  const home = makeHome()
  let a: TestServer
  let b: TestServer
  const cli = (...args: string[]) => runCli(args, {env: home.env})

  before(async () => {
    ;[a, b] = await Promise.all([startServer({jetstream: false}), startServer({jetstream: false})])
  })
  after(async () => {
    await stopAllServers()
    home.cleanup()
  })

  it('measures each server of the target', async () => {
    const r = await cli('rtt', '--server', `${a.url},${b.url}`, '--iterations', '3', '--json')
    assert.equal(r.code, 0, r.stderr)
    const targets = JSON.parse(r.stdout) as Array<{url: string; results: Array<{address: string; rtt_ms: number}>}>
    assert.deepEqual(
      targets.map((t) => t.url),
      [a.url, b.url],
    )
    for (const t of targets) {
      assert.equal(t.results.length, 1)
      assert.ok(t.results[0].rtt_ms > 0)
    }
    const text = await cli('rtt', '--server', a.url, '2')
    assert.equal(text.code, 0, text.stderr)
    assert.match(text.stdout, new RegExp(`${a.url}:\\n\\n +${a.url.replace(/\./g, '\\.')}: [\\d.]+(µs|ms)`))
  })

  it('a host name is measured at each address it resolves to', async () => {
    const r = await cli('rtt', '--server', `nats://localhost:${a.port}`, '--json')
    assert.equal(r.code, 0, r.stderr)
    const [target] = JSON.parse(r.stdout) as Array<{url: string; results: Array<{address: string; rtt_ms: number | null}>}>
    assert.equal(target.url, `nats://localhost:${a.port}`)
    assert.ok(target.results.length >= 1)
    assert.ok(target.results.every((x) => /^nats:\/\/(127\.0\.0\.1|\[::1\]):\d+$/.test(x.address)))
  })

  it('an unreachable server fails the run (exit 1) after the others were measured', async () => {
    const dead = await freePort()
    const r = await cli('rtt', '--server', `${a.url},nats://127.0.0.1:${dead}`, '--timeout', '2s')
    assert.equal(r.code, 1)
    assert.match(r.stdout, new RegExp(`127\\.0\\.0\\.1:${dead}: failed`))
    assert.match(r.stdout, new RegExp(`${a.url.replace(/\./g, '\\.')}: [\\d.]+`))
    assert.match(r.stderr, /could not reach nats:\/\/127\.0\.0\.1:\d+/)
  })
})
