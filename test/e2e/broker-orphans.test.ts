// No nats-server left behind, whatever moment natsctl is killed at (issue 15, items 11, 12, 22):
// - SIGKILL while the embedded default starts its broker: afterwards exactly one nats-server runs for the
//   broker's store, and `broker stop --all` leaves none;
// - SIGKILL of `bench --ephemeral`: its throwaway nats-server dies with it;
// - SIGKILL of `broker run NAME`: `broker status` and `broker start` take the leftover over and say so once.

import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import {setTimeout as sleep} from 'node:timers/promises'
import {after, describe, it} from 'node:test'

import {makeHome, runCli, startCli, type TestHome} from '../helpers/cli.js'

const homes: TestHome[] = []
function home(): TestHome {
  const h = makeHome()
  homes.push(h)
  return h
}

/** Pids of the live nats-server processes whose command line mentions `fragment`. */
function serversWith(fragment: string): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      if (/^\d+ \(.*\) Z/.test(stat)) continue
      if (cmdline.split('\0')[0].endsWith('nats-server') && cmdline.includes(fragment)) pids.push(Number(entry))
    } catch {}
  }
  return pids
}

async function settled(fragment: string, want: number, timeoutMs = 8000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs
  let pids = serversWith(fragment)
  while (pids.length !== want && Date.now() < deadline) {
    await sleep(100)
    pids = serversWith(fragment)
  }
  return pids
}

describe('no orphaned nats-server', () => {
  after(async () => {
    for (const h of homes) {
      await runCli(['broker', 'stop', '--all'], {env: h.env})
      h.cleanup()
    }
  })

  it('SIGKILL at any moment of the embedded default start: the next command leaves exactly one broker; stop --all none', async (t) => {
    let strays = 0
    // A moment after the nats-server appears (the window between its spawn and its record), and plain delays
    // from the command's start.
    const moments: Array<{after: 'spawn' | 'start'; delay: number}> = [
      ...[0, 0, 20, 60, 120].map((delay) => ({after: 'spawn' as const, delay})),
      ...[200, 400, 700, 1000].map((delay) => ({after: 'start' as const, delay})),
    ]
    for (const {after: from, delay: wait} of moments) {
      const delay = `${wait} ms after ${from}`
      const h = home()
      const first = startCli(['pub', 'orphan.x', 'one'], {env: h.env})
      if (from === 'spawn') {
        const deadline = Date.now() + 10_000
        while (serversWith(h.stateDir).length === 0 && Date.now() < deadline) await sleep(3)
      }
      await sleep(wait)
      first.kill('SIGKILL')
      await first.done
      const second = await runCli(['pub', 'orphan.x', 'two'], {env: h.env})
      assert.equal(second.code, 0, `delay ${delay}: ${second.stderr}`)
      if (/had not recorded/.test(second.stderr)) strays++
      const running = await settled(h.stateDir, 1)
      assert.equal(running.length, 1, `delay ${delay}: ${running.length} nats-servers for this home (${second.stderr})`)
      const stop = await runCli(['broker', 'stop', '--all'], {env: h.env})
      assert.equal(stop.code, 0, stop.stderr)
      assert.deepEqual(await settled(h.stateDir, 0), [], `delay ${delay}: a nats-server outlived broker stop --all`)
    }
    t.diagnostic(`${strays} of the kills left a nats-server no state recorded (stopped by the next command)`)
  })

  it('SIGKILL right after the spawn, then broker stop --all: no nats-server is left', async () => {
    const h = home()
    const first = startCli(['pub', 'orphan.y', 'one'], {env: h.env})
    const deadline = Date.now() + 10_000
    while (serversWith(h.stateDir).length === 0 && Date.now() < deadline) await sleep(3)
    first.kill('SIGKILL')
    await first.done
    assert.equal(serversWith(h.stateDir).length, 1, 'the killed command left its nats-server')
    const stop = await runCli(['broker', 'stop', '--all'], {env: h.env})
    assert.equal(stop.code, 0, stop.stderr)
    assert.deepEqual(await settled(h.stateDir, 0), [], `a nats-server outlived broker stop --all: ${stop.stderr}`)
  })

  it('SIGKILL of bench --ephemeral takes its throwaway nats-server with it', async () => {
    const h = home()
    const bench = startCli(['bench', 'pub', 'orph.bench', '--ephemeral', '--msgs', '100000000', '--no-progress'], {env: h.env, timeoutMs: 60_000})
    const deadline = Date.now() + 15_000
    let pids: number[] = []
    while (pids.length === 0 && Date.now() < deadline) {
      await sleep(100)
      pids = serversWith('natsctl-ephemeral-').filter((pid) => isChildOf(pid, bench.child.pid!))
    }
    assert.equal(pids.length, 1, `the ephemeral server did not start: ${bench.stderr()}`)
    bench.kill('SIGKILL')
    await bench.done
    const deadline2 = Date.now() + 8000
    while (alive(pids[0]) && Date.now() < deadline2) await sleep(100)
    assert.equal(alive(pids[0]), false, `the throwaway nats-server ${pids[0]} outlived bench`)
  })

  it('after SIGKILL of broker run, status and start take the leftover over and say so in one line', async () => {
    const h = home()
    const run = startCli(['broker', 'run', 'fg'], {env: h.env})
    await run.waitFor('Press Ctrl-C')
    run.kill('SIGKILL')
    await run.done
    const [pid] = serversWith(`${h.stateDir}/natsctl/fg/`)
    assert.ok(pid, 'the nats-server of broker run survives its SIGKILL')

    const status = await runCli(['broker', 'status', 'fg', '--json'], {env: h.env})
    assert.equal(status.code, 0, status.stderr)
    assert.equal((JSON.parse(status.stdout) as {running: boolean}).running, true)
    assert.equal(status.stderr.trim().split('\n').length, 1, status.stderr)
    assert.match(status.stderr, new RegExp(`Adopted broker "fg" \\(pid ${pid}\\)`))

    const start = await runCli(['broker', 'start', 'fg'], {env: h.env})
    assert.equal(start.code, 0, start.stderr)
    assert.deepEqual(serversWith(`${h.stateDir}/natsctl/fg/`), [pid], 'start reuses the adopted server, no second one')

    const stop = await runCli(['broker', 'stop', 'fg'], {env: h.env})
    assert.equal(stop.code, 0, stop.stderr)
    assert.deepEqual(await settled(`${h.stateDir}/natsctl/fg/`, 0), [])
  })

  it('after SIGKILL of broker run, broker start alone adopts the leftover in one line', async () => {
    const h = home()
    const run = startCli(['broker', 'run', 'fg2'], {env: h.env})
    await run.waitFor('Press Ctrl-C')
    run.kill('SIGKILL')
    await run.done
    const [pid] = serversWith(`${h.stateDir}/natsctl/fg2/`)
    const start = await runCli(['broker', 'start', 'fg2', '--json'], {env: h.env})
    assert.equal(start.code, 0, start.stderr)
    assert.equal(start.stderr.trim().split('\n').length, 1, start.stderr)
    assert.match(start.stderr, new RegExp(`Adopted broker "fg2" \\(pid ${pid}\\)`))
    assert.deepEqual(serversWith(`${h.stateDir}/natsctl/fg2/`), [pid])
  })
})

function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

function isChildOf(pid: number, parent: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[1]) === parent
  } catch {
    return false
  }
}
