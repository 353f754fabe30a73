// broker run in the foreground: signals stop its nats-server; a SIGKILLed run leaves state that the next
// run/start/status finds and resolves (stop or adopt) instead of failing on the port.

import assert from 'node:assert/strict'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {after, describe, it} from 'node:test'

import {connect} from '@nats-io/transport-node'

import {isAlive} from '../../../src/lib/broker/process.js'
import {makeHome, runCli, startCli, type RunningCli} from '../../helpers/cli.js'
import {freePort} from '../../helpers/nats-server.js'

const home = makeHome()
const env = home.env
const cli = (...args: string[]) => runCli(args, {env})
const leftovers = new Set<number>()

function serverPid(name: string): number {
  const state = JSON.parse(readFileSync(join(home.stateDir, 'natsctl', name, 'state.json'), 'utf8')) as {nodes: Array<{pid: number}>}
  const pid = state.nodes[0].pid
  leftovers.add(pid)
  return pid
}

async function runBroker(name: string, ...extra: string[]): Promise<{run: RunningCli; pid: number; port: number}> {
  const port = await freePort()
  const run = startCli(['broker', 'run', name, '--port', String(port), ...extra], {env, timeoutMs: 60_000})
  await run.waitFor('Press Ctrl-C', 'stdout')
  return {run, pid: serverPid(name), port}
}

async function waitGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && isAlive(pid); i++) await sleep(50)
  return !isAlive(pid)
}

describe('broker run', () => {
  after(async () => {
    await cli('broker', 'stop', '--all')
    for (const pid of leftovers) if (isAlive(pid)) process.kill(pid, 'SIGKILL')
    home.cleanup()
  })

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`stops its nats-server on ${signal} and exits 0`, async () => {
      const {run, pid, port} = await runBroker(`sig-${signal.toLowerCase()}`)
      assert.match(run.stdout(), new RegExp(`nats://127\\.0\\.0\\.1:${port}`))
      const nc = await connect({servers: `nats://127.0.0.1:${port}`})
      await nc.close()
      run.kill(signal)
      const done = await run.done
      assert.equal(done.code, 0, done.stderr)
      assert.match(done.stderr, new RegExp(`Got ${signal}`))
      assert.ok(await waitGone(pid), 'nats-server still running')
      assert.equal(existsSync(join(home.stateDir, 'natsctl', `sig-${signal.toLowerCase()}`, 'state.json')), false)
    })
  }

  it('after SIGKILL, `broker status` adopts the leftover nats-server and `broker stop` stops it', async () => {
    const {run, pid} = await runBroker('killed-status')
    run.kill('SIGKILL')
    await run.done
    assert.ok(isAlive(pid), 'the nats-server outlives a SIGKILLed run')
    const status = await cli('broker', 'status', 'killed-status', '--json')
    assert.equal(status.code, 0, status.stderr)
    assert.match(status.stderr, /Adopted broker "killed-status"/)
    assert.equal((JSON.parse(status.stdout) as {running: boolean}).running, true)
    const stop = await cli('broker', 'stop', 'killed-status')
    assert.match(stop.stdout, new RegExp(`Stopped broker "killed-status" \\(pid ${pid}\\)`))
    assert.ok(await waitGone(pid))
  })

  it('after SIGKILL, the next `broker run` stops the leftover and starts on the same port', async () => {
    const first = await runBroker('killed-run')
    first.run.kill('SIGKILL')
    await first.run.done
    assert.ok(isAlive(first.pid))
    const second = startCli(['broker', 'run', 'killed-run', '--port', String(first.port)], {env, timeoutMs: 60_000})
    await second.waitFor('Press Ctrl-C', 'stdout')
    assert.match(second.stderr(), /Stopping the nats-server \(pid \d+\) left running by a killed `broker run killed-run`/)
    assert.ok(await waitGone(first.pid))
    const secondPid = serverPid('killed-run')
    assert.notEqual(secondPid, first.pid)
    second.kill('SIGINT')
    assert.equal((await second.done).code, 0)
    assert.ok(await waitGone(secondPid))
  })

  it('after SIGKILL, `broker start` adopts the leftover instead of failing on the port', async () => {
    const {run, pid, port} = await runBroker('killed-start')
    run.kill('SIGKILL')
    await run.done
    const start = await cli('broker', 'start', 'killed-start', '--port', String(port))
    assert.equal(start.code, 0, start.stderr)
    assert.match(start.stderr, /Adopted broker "killed-start"/)
    assert.match(start.stdout, new RegExp(`PID: +${pid}`))
    await cli('broker', 'stop', 'killed-start')
    assert.ok(await waitGone(pid))
  })

  it('fails with the log tail when its nats-server dies underneath it', async () => {
    const {run, pid} = await runBroker('dies')
    process.kill(pid, 'SIGKILL')
    const done = await run.done
    assert.equal(done.code, 1)
    assert.match(done.stderr, /natsctl: error: nats-server exited unexpectedly\n--- last lines of .*server\.log ---\n[\s\S]*Server is ready/)
    assert.equal(existsSync(join(home.stateDir, 'natsctl', 'dies', 'state.json')), false)
  })

  it('--clean with a --store-dir removes only what nats-server made there', async () => {
    const storeDir = join(home.dir, 'my-store')
    mkdirSync(storeDir)
    writeFileSync(join(storeDir, 'keep.txt'), 'mine')
    const {run} = await runBroker('cleanmine', '--clean', '--store-dir', storeDir)
    assert.ok(existsSync(join(storeDir, 'jetstream')))
    run.kill('SIGINT')
    assert.equal((await run.done).code, 0)
    assert.equal(existsSync(join(storeDir, 'jetstream')), false)
    assert.equal(readFileSync(join(storeDir, 'keep.txt'), 'utf8'), 'mine')
  })

  it('refuses to run a broker that is already running', async () => {
    const {run, port} = await runBroker('twice')
    const again = await cli('broker', 'run', 'twice', '--port', String(port))
    assert.equal(again.code, 1)
    assert.match(again.stderr, /^natsctl: error: broker "twice" is already running/)
    run.kill('SIGINT')
    await run.done
  })

  it('--clean removes the store and the context on exit; --verbose copies the log to stderr', async () => {
    const {run, pid} = await runBroker('scratch', '--clean', '--verbose', '--select')
    await run.waitFor('Server is ready', 'stderr')
    const contextFile = join(home.configDir, 'nats', 'context', 'scratch.json')
    assert.ok(existsSync(contextFile))
    assert.equal(readFileSync(join(home.configDir, 'nats', 'context.txt'), 'utf8').trim(), 'scratch')
    const storeDir = join(home.dataDir, 'natsctl', 'scratch')
    assert.ok(existsSync(storeDir))
    run.kill('SIGTERM')
    const done = await run.done
    assert.equal(done.code, 0, done.stderr)
    assert.ok(await waitGone(pid))
    assert.equal(existsSync(storeDir), false)
    assert.equal(existsSync(contextFile), false)
    assert.equal(existsSync(join(home.stateDir, 'natsctl', 'scratch')), false)
  })
})
