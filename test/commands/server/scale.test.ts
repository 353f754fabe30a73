// The Scale scenario on natsctl's own brokers: `broker start c --cluster 3`, the server commands use the
// broker's system account without any configuration, a killed node is named by `server ls --expect 3` and
// `broker status`, and `broker start c` brings it back. Also: a hub broker reports the leafnodes it accepted,
// and the embedded default answers `server ls`.

import assert from 'node:assert/strict'
import {readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {after, describe, it} from 'node:test'

import {isAlive} from '../../../src/lib/broker/process.js'
import {type CliResult, makeHome, runCli} from '../../helpers/cli.js'
import {freePort, startServer, stopAllServers} from '../../helpers/nats-server.js'

const home = makeHome()
const cli = (...args: string[]) => runCli(args, {env: home.env})

async function until(run: () => Promise<CliResult>, ok: (r: CliResult) => boolean, timeoutMs = 20_000): Promise<CliResult> {
  const deadline = Date.now() + timeoutMs
  let last = await run()
  while (!ok(last) && Date.now() < deadline) {
    await sleep(300)
    last = await run()
  }
  return last
}

interface Status {
  nodes: Array<{name: string; pid: number; running: boolean}>
  nodesRunning: number
  missing: string[]
  leafnodesAccepted: number
  systemContext?: string
}

describe('server commands on a natsctl cluster (Scale)', () => {
  after(async () => {
    await cli('broker', 'stop', '--all')
    await stopAllServers()
    home.cleanup()
  })

  it('lists three nodes, names the meta leader, names a killed node, and gets it back', async () => {
    const start = await cli('broker', 'start', 'c', '--cluster', '3')
    assert.equal(start.code, 0, start.stderr)
    assert.match(start.stdout, /System account: +context c_system/)
    assert.match(start.stdout, /Nodes: +3 of 3 nodes running/)

    // The system user lives in the state file and the c_system context, both 0600, never on argv.
    const stateFile = join(home.stateDir, 'natsctl', 'c', 'state.json')
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as {systemUser: string; systemPassword: string; nodes: Array<{pid: number}>}
    assert.ok(state.systemPassword.length >= 22)
    assert.equal(statSync(stateFile).mode & 0o777, 0o600)
    const systemContextFile = join(home.configDir, 'nats', 'context', 'c_system.json')
    assert.equal(statSync(systemContextFile).mode & 0o777, 0o600)
    assert.equal((JSON.parse(readFileSync(systemContextFile, 'utf8')) as {password: string}).password, state.systemPassword)
    for (const node of state.nodes) assert.ok(!readFileSync(`/proc/${node.pid}/cmdline`, 'utf8').includes(state.systemPassword))

    // The broker's own context carries no system credentials: server ls uses the broker's system user.
    const ls = await until(
      () => cli('server', 'ls', '--context', 'c', '--json'),
      (r) => r.code === 0 && (JSON.parse(r.stdout) as unknown[]).length === 3,
    )
    assert.equal(ls.code, 0, ls.stderr)
    const names = (JSON.parse(ls.stdout) as Array<{server: {name: string; cluster: string}}>).map((s) => s.server.name).sort()
    assert.deepEqual(names, ['c-1', 'c-2', 'c-3'])
    // The c_system context works as any context with system credentials does.
    const viaContext = await cli('server', 'ls', '--context', 'c_system', '--expect', '3')
    assert.equal(viaContext.code, 0, viaContext.stderr)

    const report = await cli('server', 'report', 'jetstream', '--context', 'c', '--json')
    assert.equal(report.code, 0, report.stderr)
    const leader = (JSON.parse(report.stdout) as {meta_leader: string}).meta_leader
    assert.ok(names.includes(leader), leader)
    const reportText = await cli('server', 'report', 'jetstream', '--context', 'c')
    assert.match(reportText.stdout, new RegExp(`│ ${leader}\\* `))
    assert.match(reportText.stdout, new RegExp(`Meta leader: ${leader}`))
    assert.match(reportText.stdout, /RAFT Meta Group Information/)

    // Kill a node that does not lead the meta group.
    const status = JSON.parse((await cli('broker', 'status', 'c', '--json')).stdout) as Status
    const victim = status.nodes.find((n) => n.name !== leader)!
    process.kill(victim.pid, 'SIGKILL')
    for (let i = 0; i < 50 && isAlive(victim.pid); i++) await sleep(100)

    const short = await until(
      () => cli('server', 'ls', '--context', 'c', '--expect', '3'),
      (r) => r.code === 1,
    )
    assert.equal(short.code, 1, short.stdout)
    assert.match(short.stderr, new RegExp(`expected 3 servers, 2 answered \\(missing: ${victim.name}\\)`))
    assert.match(short.stdout, /Server Overview/)

    const down = await cli('broker', 'status', 'c')
    assert.equal(down.code, 0, down.stderr)
    assert.match(down.stdout, /2 of 3 nodes running/)
    assert.match(down.stdout, new RegExp(`${victim.name} is not running`))
    const downJson = JSON.parse((await cli('broker', 'status', 'c', '--json')).stdout) as Status
    assert.equal(downJson.nodesRunning, 2)
    assert.deepEqual(downJson.missing, [victim.name])
    const table = await cli('broker', 'ls')
    assert.match(table.stdout, new RegExp(`2/3 \\(${victim.name} down\\)`))

    const again = await cli('broker', 'start', 'c')
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stderr, new RegExp(`Starting ${victim.name} of broker "c" again`))
    assert.match(again.stdout, /3 of 3 nodes running/)
    const back = await until(
      () => cli('server', 'ls', '--context', 'c', '--expect', '3'),
      (r) => r.code === 0,
    )
    assert.equal(back.code, 0, back.stderr)
    assert.equal((JSON.parse((await cli('broker', 'status', 'c', '--json')).stdout) as Status).nodesRunning, 3)
  })

  it('a hub broker reports the leafnodes connected into it', async () => {
    const leafPort = await freePort()
    const start = await cli('broker', 'start', 'hub', '--leafnode-port', String(leafPort))
    assert.equal(start.code, 0, start.stderr)
    const before = JSON.parse((await cli('broker', 'status', 'hub', '--json')).stdout) as Status
    assert.equal(before.leafnodesAccepted, 0)
    await startServer({serverName: 'spoke', jetstream: false, leafRemotes: [`nats-leaf://127.0.0.1:${leafPort}`]})
    const status = await until(
      () => cli('broker', 'status', 'hub', '--json'),
      (r) => (JSON.parse(r.stdout) as Status).leafnodesAccepted === 1,
    )
    assert.equal((JSON.parse(status.stdout) as Status).leafnodesAccepted, 1)
    assert.match((await cli('broker', 'status', 'hub')).stdout, /Leafnodes accepted: +1 connected into this broker/)
    assert.match((await cli('broker', 'ls')).stdout, /│ hub +│.*│ 1 accepted +│/)
    const leafs = await cli('server', 'report', 'leafnodes', '--context', 'hub', '--json')
    assert.equal(leafs.code, 0, leafs.stderr)
    assert.equal((JSON.parse(leafs.stdout) as unknown[]).length, 1)
  })

  it('the embedded default answers server ls with nothing configured', async () => {
    const fresh = makeHome()
    try {
      const r = await runCli(['server', 'ls', '--json'], {env: fresh.env})
      assert.equal(r.code, 0, r.stderr)
      const list = JSON.parse(r.stdout) as Array<{server: {name: string}}>
      assert.deepEqual(
        list.map((s) => s.server.name),
        ['local'],
      )
      const info = await runCli(['account', 'info', '--json'], {env: fresh.env})
      assert.equal(info.code, 0, info.stderr)
      assert.equal((JSON.parse(info.stdout) as {user: string}).user, 'natsctl')
    } finally {
      await runCli(['broker', 'stop', '--all'], {env: fresh.env})
      fresh.cleanup()
    }
  })
})
