// server ping: a reply line per server per round, the summary, --count rounds, --graph, --json.

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {makeHome, runCli} from '../../helpers/cli.js'
import {stopAllServers, type TestServer} from '../../helpers/nats-server.js'
import {SYS, startSystemServer} from './system-server.js'

describe('server ping', () => {
  const home = makeHome()
  let server: TestServer
  const sys = (...args: string[]) =>
    runCli(['server', 'ping', ...args, '--server', server.url, '--user', SYS.user], {env: {...home.env, NATS_PASSWORD: SYS.password}})

  before(async () => {
    server = await startSystemServer({serverName: 'pinged'})
  })
  after(async () => {
    await stopAllServers()
    home.cleanup()
  })

  it('prints each server with its rtt and the summary', async () => {
    const r = await sys()
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^pinged +rtt=[\d.]+(ms|µs|s)$/m)
    assert.match(r.stdout, /---- ping statistics ----\n1 replies max: [\d.]+ min: [\d.]+ avg: [\d.]+/)
  })

  it('--count 3 pings three times: three samples per server, min <= avg <= max', async () => {
    const r = await sys('--count', '3', '--json')
    assert.equal(r.code, 0, r.stderr)
    const result = JSON.parse(r.stdout) as {
      rounds: number
      servers: Array<{name: string; rtts_ms: number[]; min: number; avg: number; max: number}>
      summary: {replies: number}
    }
    assert.equal(result.rounds, 3)
    assert.equal(result.servers.length, 1)
    assert.equal(result.servers[0].name, 'pinged')
    assert.equal(result.servers[0].rtts_ms.length, 3)
    assert.equal(result.summary.replies, 3)
    const s = result.servers[0]
    assert.ok(s.min <= s.avg && s.avg <= s.max)
  })

  it('--graph draws the reply times; --id shows the server ID', async () => {
    const r = await sys('--count', '2', '--graph', '--id')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /Replies per [\d.]+ ms/)
    assert.match(r.stdout, /ms │█+ \d/)
    assert.match(r.stdout, /^N[A-Z2-7]{55} pinged/m)
    assert.match(r.stdout, /Round Trip Times/)
  })
})
