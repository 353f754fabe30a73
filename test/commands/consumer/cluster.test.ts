// An R3 consumer on a three-node JetStream cluster: `consumer info` and `consumer report` show the leader and
// replicas; with a replica's node stopped, `report` marks it and `consumer next` still works.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'

import {makeHome, runCli, type TestHome} from '../../helpers/cli.js'
import {freePort, startServer, stopAllServers, type TestServer} from '../../helpers/nats-server.js'

describe('consumers on a cluster', () => {
  let nodes: TestServer[] = []
  let home: TestHome
  const cli = (...args: string[]) => runCli([...args, '--server', nodes.map((n) => n.url).join(',')], {env: home.env})

  /** Retries a command until it exits 0 (the meta group and the stream's group elect leaders after start). */
  async function eventually(args: string[], ok: (stdout: string) => boolean = () => true) {
    let r = await cli(...args)
    for (let i = 0; (r.code !== 0 || !ok(r.stdout)) && i < 60; i++) {
      await sleep(500)
      r = await cli(...args)
    }
    assert.equal(r.code, 0, r.stderr)
    return r
  }

  before(async () => {
    home = makeHome()
    const routePorts = [await freePort(), await freePort(), await freePort()]
    const routes = routePorts.map((p) => `nats-route://127.0.0.1:${p}`).join(', ')
    nodes = await Promise.all(
      routePorts.map((port, i) =>
        startServer({extraConfig: `cluster { name: c1, listen: 127.0.0.1:${port}, routes: [ ${routes} ] }`, serverName: `n${i + 1}`}),
      ),
    )
  })
  after(async () => {
    await stopAllServers()
    // The node stopped with keepDir: its directory goes too.
    for (const node of nodes) await node.stop()
    home?.cleanup()
  })

  it('an R3 consumer shows its leader and replicas in info and report; survives a stopped replica', async () => {
    await eventually(['stream', 'add', 'C3', '--subjects', 'c3.>', '--replicas', '3', '--defaults'])
    for (let i = 1; i <= 3; i++) await eventually(['pub', 'c3.a', `m${i}`])
    await eventually(['consumer', 'add', 'C3', 'WORK', '--pull', '--replicas', '3', '--defaults'])
    const json = await eventually(['consumer', 'info', 'C3', 'WORK', '--json'], (out) => (JSON.parse(out).cluster?.replicas?.length ?? 0) === 2)
    const info = JSON.parse(json.stdout)
    assert.equal(info.cluster.name, 'c1')
    assert.match(info.cluster.leader, /^n[123]$/)
    const human = await cli('consumer', 'info', 'C3', 'WORK')
    assert.match(
      human.stdout,
      /\nCluster Information:\n\n +Name: c1\n +Leader: n[123]\n +Replica: n[123], (current|outdated)[^\n]*\n +Replica: n[123], /,
    )
    assert.match(human.stdout, /\n +Replicas: 3\n/)

    const report = await cli('consumer', 'report', 'C3')
    const row = report.stdout.split('\n').find((l) => l.startsWith('│ WORK'))!
    assert.match(row, new RegExp(`│ [n123*!, ]*${info.cluster.leader}\\*[n123*!, ]* +│$`))
    assert.equal((row.match(/n[123]/g) ?? []).length, 3)

    // Stop a node that is not the consumer's leader: the replica is marked, the consumer still serves.
    const leader = info.cluster.leader as string
    const down = nodes.find((n, i) => `n${i + 1}` !== leader)!
    await down.stop({keepDir: true})
    const marked = await eventually(['consumer', 'report', 'C3'], (out) => /n[123]!/.test(out.split('\n').find((l) => l.startsWith('│ WORK')) ?? ''))
    assert.match(marked.stdout, new RegExp(`n${nodes.indexOf(down) + 1}!`))
    const next = await eventually(['consumer', 'next', 'C3', 'WORK', '--count', '2', '--raw'])
    assert.equal(next.stdout, 'm1\nm2\n')
  })
})
