// `broker start NAME --cluster 3`: three clustered brokers on loopback; a stream with 3 replicas survives
// one node's stop.

import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {after, describe, it} from 'node:test'

import {isAlive, stopProcess} from '../../src/lib/broker/process.js'
import {makeHome, runCli} from '../helpers/cli.js'

const home = makeHome()
const env = home.env
const cli = (...args: string[]) => runCli(args, {env})

describe('broker start --cluster', () => {
  after(async () => {
    await cli('broker', 'stop', '--all')
    home.cleanup()
  })

  it('runs three clustered nodes; an R3 stream survives the stop of one node', async () => {
    const start = await cli('broker', 'start', 'trio', '--cluster', '3')
    assert.equal(start.code, 0, start.stderr)
    const context = JSON.parse(readFileSync(join(home.configDir, 'nats', 'context', 'trio.json'), 'utf8')) as {url: string}
    const urls = context.url.split(',')
    assert.equal(urls.length, 3)
    assert.equal(new Set(urls).size, 3)

    const add = await cli('--context', 'trio', 'stream', 'add', 'TRIPLE', '--subjects', 'triple.>', '--replicas', '3', '--defaults')
    assert.equal(add.code, 0, add.stderr)
    const first = await cli('--context', 'trio', 'pub', 'triple.a', 'before', '--count', '10', '--jetstream')
    assert.equal(first.code, 0, first.stderr)

    const status = JSON.parse((await cli('broker', 'status', 'trio', '--json')).stdout) as {pids: number[]}
    assert.equal(status.pids.length, 3)
    const victim = status.pids[2]
    await stopProcess(victim)
    assert.equal(isAlive(victim), false)

    // The remaining two keep a quorum: writes and reads still work (retry while a new leader is elected).
    let after = await cli('--context', 'trio', 'pub', 'triple.a', 'after', '--count', '10', '--jetstream')
    for (let i = 0; i < 20 && after.code !== 0; i++) {
      await sleep(500)
      after = await cli('--context', 'trio', 'pub', 'triple.a', 'after', '--count', '10', '--jetstream')
    }
    assert.equal(after.code, 0, after.stderr)
    const info = await cli('--context', 'trio', 'stream', 'info', 'TRIPLE', '--json')
    assert.equal(info.code, 0, info.stderr)
    const parsed = JSON.parse(info.stdout) as {config: {num_replicas: number}; state: {messages: number}}
    assert.equal(parsed.config.num_replicas, 3)
    assert.ok(parsed.state.messages >= 20, `messages: ${parsed.state.messages}`)

    const stillRunning = JSON.parse((await cli('broker', 'status', 'trio', '--json')).stdout) as {running: boolean; pids: number[]}
    assert.equal(stillRunning.running, true)
    assert.equal(stillRunning.pids.length, 2)
    const stop = await cli('broker', 'stop', 'trio')
    assert.equal(stop.code, 0, stop.stderr)
    for (const pid of status.pids) assert.equal(isAlive(pid), false)
  })
})
