// The Scale scenario's checks: on `broker start c --cluster 3` with a replicated stream, `server check meta`
// and `server check jetstream` are OK; with one node killed both are CRITICAL and name it; after
// `broker start c` both are OK again.

import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {after, describe, it} from 'node:test'

import {jetstreamManager} from '@nats-io/jetstream'
import {connect} from '@nats-io/transport-node'

import {isAlive} from '../../../../src/lib/broker/process.js'
import {type CliResult, makeHome, runCli} from '../../../helpers/cli.js'

const home = makeHome()
const cli = (...args: string[]) => runCli(args, {env: home.env})

async function until(run: () => Promise<CliResult>, ok: (r: CliResult) => boolean, timeoutMs = 30_000): Promise<CliResult> {
  const deadline = Date.now() + timeoutMs
  let last = await run()
  while (!ok(last) && Date.now() < deadline) {
    await sleep(500)
    last = await run()
  }
  return last
}

describe('server check on a natsctl cluster (Scale)', () => {
  after(async () => {
    await cli('broker', 'stop', '--all')
    home.cleanup()
  })

  it('meta and jetstream report a stopped node, and are OK once it is back', async () => {
    const start = await cli('broker', 'start', 'c', '--cluster', '3')
    assert.equal(start.code, 0, start.stderr)
    const state = JSON.parse(readFileSync(join(home.stateDir, 'natsctl', 'c', 'state.json'), 'utf8')) as {urls: string[]}
    const nc = await connect({servers: state.urls})
    try {
      const jsm = await jetstreamManager(nc)
      // The meta group may not yet know all three peers ("no suitable peers for placement"): try again.
      for (let i = 0; ; i++) {
        const added = await jsm.streams.add({name: 'ORDERS', subjects: ['orders.>'], num_replicas: 3}).catch((error: Error) => error)
        if (!(added instanceof Error)) break
        if (i >= 60) throw added
        await sleep(500)
      }
    } finally {
      await nc.close()
    }
    const meta = () => cli('server', 'check', 'meta', '--context', 'c', '--expect', '3', '--seen-critical', '10s')
    const js = () => cli('server', 'check', 'jetstream', '--context', 'c')

    const metaOk = await until(meta, (r) => r.code === 0)
    assert.equal(metaOk.code, 0, metaOk.stdout + metaOk.stderr)
    assert.match(metaOk.stdout, /^OK JetStream Meta Cluster OK:3 peers led by c-\d/)
    const leader = /led by (c-\d)/.exec(metaOk.stdout)![1]
    const jsOk = await until(js, (r) => r.code === 0)
    assert.equal(jsOk.code, 0, jsOk.stdout + jsOk.stderr)
    assert.match(jsOk.stdout, /replicas_ok=1 /)

    const status = JSON.parse((await cli('broker', 'status', 'c', '--json')).stdout) as {nodes: Array<{name: string; pid: number}>}
    const victim = status.nodes.find((n) => n.name !== leader)!
    process.kill(victim.pid, 'SIGKILL')
    for (let i = 0; i < 50 && isAlive(victim.pid); i++) await sleep(100)

    // nats-server 2.9 reports a dead meta peer as not current (and, once --seen-critical passes, inactive).
    const metaDown = await until(meta, (r) => r.code === 2)
    assert.equal(metaDown.code, 2, metaDown.stdout + metaDown.stderr)
    assert.match(metaDown.stdout, new RegExp(`^CRITICAL JetStream Meta Cluster Crit:1 not current \\(${victim.name}\\)`))
    assert.match(metaDown.stdout, /peer_not_current=1 /)
    const jsDown = await until(js, (r) => r.code === 2)
    assert.equal(jsDown.code, 2, jsDown.stdout + jsDown.stderr)
    assert.match(jsDown.stdout, new RegExp(`Crit:1 unhealthy streams \\(ORDERS: replica ${victim.name} (offline|not seen for [^;)]+)\\)`))
    // The same verdict as JUnit: a failure naming the node.
    const junit = await cli('server', 'check', 'meta', '--context', 'c', '--format', 'junit')
    assert.equal(junit.code, 2)
    assert.match(junit.stdout, new RegExp(`<failure type="CRITICAL" message="[^"]*1 not current \\(${victim.name}\\)`))

    const again = await cli('broker', 'start', 'c')
    assert.equal(again.code, 0, again.stderr)
    const metaBack = await until(meta, (r) => r.code === 0, 60_000)
    assert.equal(metaBack.code, 0, metaBack.stdout + metaBack.stderr)
    const jsBack = await until(js, (r) => r.code === 0, 60_000)
    assert.equal(jsBack.code, 0, jsBack.stdout + jsBack.stderr)
  })
})
