// A three-node JetStream cluster: --replicas reaches the server and `stream info` shows the cluster.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'

import {makeHome, runCli, type TestHome} from '../helpers/cli.js'
import {startCluster, stopAllServers, type TestServer} from '../helpers/nats-server.js'

describe('stream info on a cluster', () => {
  let nodes: TestServer[] = []
  let home: TestHome
  const cli = (...args: string[]) => runCli([...args, '--server', nodes[0].url], {env: home.env})

  before(async () => {
    home = makeHome()
    nodes = await startCluster(3, {name: 'c1'})
  })
  after(async () => {
    await stopAllServers()
    home?.cleanup()
  })

  it('creates an R3 stream and shows its leader and replicas', async () => {
    // The JetStream meta group elects a leader a few seconds after the routes connect.
    let r = await cli('stream', 'add', 'R3', '--subjects', 'r3.>', '--replicas', '3', '--defaults')
    for (let i = 0; r.code !== 0 && i < 60; i++) {
      await sleep(500)
      r = await cli('stream', 'add', 'R3', '--subjects', 'r3.>', '--replicas', '3', '--defaults')
    }
    assert.equal(r.code, 0, r.stderr)
    let info = JSON.parse((await cli('stream', 'info', 'R3', '--json')).stdout)
    for (let i = 0; (info.cluster?.replicas?.length ?? 0) < 2 && i < 40; i++) {
      await sleep(250)
      info = JSON.parse((await cli('stream', 'info', 'R3', '--json')).stdout)
    }
    assert.equal(info.config.num_replicas, 3)
    assert.equal(info.cluster.name, 'c1')
    const human = await cli('stream', 'info', 'R3')
    assert.match(human.stdout, /\n +Replicas: 3\n/)
    assert.match(human.stdout, /\nCluster Information:\n\n +Name: c1\n +Leader: n[123]\n +Replica: n[123], (current|outdated)[^\n]*\n +Replica: n[123], /)
  })
})
