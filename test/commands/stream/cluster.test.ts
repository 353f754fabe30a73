// Stream administration on the three-node cluster natsctl starts itself (`broker start NAME --cluster 3`):
// an R3 stream's leader and replicas in info and report, `stream cluster step-down`, restore with placement
// and replicas, and one node stopped: `pub -J` still works and report marks the missing replica.
import assert from 'node:assert/strict'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'

import {isAlive, stopProcess} from '../../../src/lib/broker/process.js'
import {type CliResult, makeHome, runCli} from '../../helpers/cli.js'

const home = makeHome()
const cli = (...args: string[]) => runCli(['--context', 'trio', ...args], {env: home.env})
const broker = (...args: string[]) => runCli(['broker', ...args], {env: home.env})

/** Runs until it succeeds (a cluster elects leaders a few seconds after it starts or loses a node). */
async function retry(run: () => Promise<CliResult>, attempts = 40): Promise<CliResult> {
  let r = await run()
  for (let i = 0; r.code !== 0 && i < attempts; i++) {
    await sleep(500)
    r = await run()
  }
  return r
}

interface Info {
  config: {num_replicas: number; placement?: {cluster?: string}}
  state: {messages: number}
  cluster?: {name?: string; leader?: string; replicas?: Array<{name: string; current: boolean; offline?: boolean}>}
}

async function info(stream: string): Promise<Info> {
  const r = await retry(() => cli('stream', 'info', stream, '--json'))
  assert.equal(r.code, 0, r.stderr)
  return JSON.parse(r.stdout) as Info
}

/** Waits until the stream has a leader and every replica is current. */
async function settled(stream: string): Promise<Info> {
  let i = await info(stream)
  for (let n = 0; n < 60 && !(i.cluster?.leader && i.cluster.replicas?.length === 2 && i.cluster.replicas.every((r) => r.current)); n++) {
    await sleep(250)
    i = await info(stream)
  }
  return i
}

describe('stream administration on a three-node cluster', () => {
  let pids: number[] = []
  const dirs: string[] = []

  before(async () => {
    const start = await broker('start', 'trio', '--cluster', '3')
    assert.equal(start.code, 0, start.stderr)
    pids = (JSON.parse((await broker('status', 'trio', '--json')).stdout) as {pids: number[]}).pids
    assert.equal(pids.length, 3)
    const add = await retry(() => cli('stream', 'add', 'R3', '--subjects', 'r3.>', '--replicas', '3', '--defaults'), 60)
    assert.equal(add.code, 0, add.stderr)
    const pub = await retry(() => cli('pub', 'r3.a', 'hello', '--count', '10', '--jetstream'))
    assert.equal(pub.code, 0, pub.stderr)
  })
  after(async () => {
    await broker('stop', 'trio')
    for (const pid of pids) if (isAlive(pid)) await stopProcess(pid)
    for (const d of dirs) rmSync(d, {force: true, recursive: true})
    home.cleanup()
  })

  it('info and report show the leader and the replicas', async () => {
    const i = await settled('R3')
    assert.equal(i.cluster?.name, 'trio')
    assert.match(i.cluster?.leader ?? '', /^trio-[123]$/)
    const human = await cli('stream', 'info', 'R3')
    assert.match(
      human.stdout,
      /\nCluster Information:\n\n +Name: trio\n +Leader: trio-[123]\n +Replica: trio-[123], current, [^\n]*\n +Replica: trio-[123], current, /,
    )
    const report = await cli('stream', 'report')
    assert.equal(report.code, 0, report.stderr)
    // All three servers, the leader marked *.
    const cell = /│ R3 +│ file .*│ (trio-\d\*?, trio-\d\*?, trio-\d\*?) +│\n/.exec(report.stdout)?.[1]
    assert.ok(cell, report.stdout)
    assert.deepEqual(
      cell.split(', ').sort(),
      ['trio-1', 'trio-2', 'trio-3'].map((n) => (n === i.cluster?.leader ? `${n}*` : n)),
    )
    const json = JSON.parse((await cli('stream', 'report', '--json')).stdout) as Info[]
    assert.equal(json[0].cluster?.replicas?.length, 2)
    // --cluster keeps the streams of that cluster only.
    const inTrio = JSON.parse((await cli('stream', 'report', '--cluster', 'trio', '--json')).stdout) as Array<{config: {name: string}}>
    assert.deepEqual(
      inTrio.map((s) => s.config.name),
      ['R3'],
    )
    const elsewhere = await cli('stream', 'report', '--cluster', 'west')
    assert.equal(elsewhere.stdout, 'No Streams defined\n')
  })

  it('step-down elects a new leader and reports the old and the new', async () => {
    const before = await settled('R3')
    const r = await cli('stream', 'cluster', 'step-down', 'R3', '--json')
    assert.equal(r.code, 0, r.stderr)
    const result = JSON.parse(r.stdout) as {stream: string; previous_leader: string; leader: string; info: Info}
    assert.equal(result.stream, 'R3')
    assert.equal(result.previous_leader, before.cluster?.leader)
    assert.notEqual(result.leader, result.previous_leader)
    assert.match(result.leader, /^trio-[123]$/)
    // The server agrees.
    assert.equal((await info('R3')).cluster?.leader, result.leader)

    const again = await settled('R3')
    const human = await cli('stream', 'cluster', 'sd', 'R3')
    assert.equal(human.code, 0, human.stderr)
    assert.match(
      human.stderr,
      new RegExp(
        `^Requesting leader step down of "${again.cluster?.leader}" for stream "R3" in a 3 peer cluster group\\n(No leader elected\\n)*New leader elected "trio-[123]"\\n$`,
      ),
    )
    assert.match(human.stdout, /^Information for Stream R3 created /)
  })

  it('step-down of a stream with one replica is refused', async () => {
    const add = await retry(() => cli('stream', 'add', 'R1', '--subjects', 'r1.>', '--replicas', '1', '--defaults'))
    assert.equal(add.code, 0, add.stderr)
    const r = await cli('stream', 'cluster', 'step-down', 'R1')
    assert.equal(r.code, 1)
    assert.equal(r.stderr, 'natsctl: error: stream "R1" is not clustered: it has one replica, so there is no other to lead\n')
  })

  it('restore places the stream: --replicas and --cluster reach the server, an unknown --tag is refused', async () => {
    const add = await retry(() => cli('stream', 'add', 'ONE', '--subjects', 'one.>', '--replicas', '1', '--defaults'))
    assert.equal(add.code, 0, add.stderr)
    assert.equal((await retry(() => cli('pub', 'one.a', 'x', '--count', '5', '--jetstream'))).code, 0)
    const parent = mkdtempSync(join(tmpdir(), 'natsctl-cluster-backup-'))
    dirs.push(parent)
    const dir = join(parent, 'one')
    const backup = await retry(() => cli('stream', 'backup', 'ONE', dir))
    assert.equal(backup.code, 0, backup.stderr)
    assert.equal((await cli('stream', 'rm', 'ONE', '--force')).code, 0)
    const tagged = await cli('stream', 'restore', dir, '--tag', 'no-such-tag')
    assert.equal(tagged.code, 1)
    assert.match(tagged.stderr, /natsctl: error: no suitable peers for placement, tags not matched \['no-such-tag'\] \(10005\)\n$/)
    const elsewhere = await cli('stream', 'restore', dir, '--cluster', 'no-such-cluster')
    assert.equal(elsewhere.code, 1)
    assert.match(elsewhere.stderr, /natsctl: error: no suitable peers for placement \(10005\)\n$/)
    const r = await retry(() => cli('stream', 'restore', dir, '--replicas', '3', '--cluster', 'trio'))
    assert.equal(r.code, 0, r.stderr)
    const restored = await info('ONE')
    assert.equal(restored.config.num_replicas, 3)
    assert.equal(restored.config.placement?.cluster, 'trio')
    assert.equal(restored.state.messages, 5)
  })

  it('with one node stopped, pub -J still works and report marks the missing replica', async () => {
    const before = await settled('R3')
    // Stop a node that is not the stream's leader (pids are in node order: trio-1, trio-2, trio-3).
    const index = [0, 1, 2].find((i) => `trio-${i + 1}` !== before.cluster?.leader)!
    const victim = `trio-${index + 1}`
    await stopProcess(pids[index])
    assert.equal(isAlive(pids[index]), false)

    const pub = await retry(() => cli('pub', 'r3.a', 'after', '--count', '5', '--jetstream'))
    assert.equal(pub.code, 0, pub.stderr)
    assert.match(pub.stderr, /Stored in Stream: R3 Sequence: /)

    let i = await info('R3')
    for (let n = 0; n < 80 && !i.cluster?.replicas?.some((r) => r.name === victim && (r.offline || !r.current)); n++) {
      await sleep(250)
      i = await info('R3')
    }
    assert.ok(i.state.messages >= 15, `messages: ${i.state.messages}`)
    const missing = i.cluster?.replicas?.find((r) => r.name === victim)
    assert.ok(missing && (missing.offline || !missing.current), JSON.stringify(i.cluster))
    const report = await retry(() => cli('stream', 'report'))
    assert.match(report.stdout, new RegExp(`│ R3 +│ file [^\\n]*${victim}![^\\n]*│\\n`), report.stdout)
  })
})
