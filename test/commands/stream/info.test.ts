// stream info (alias nfo) against a real nats-server: configuration, limits, state, mirrors, the picker on a
// terminal, and a three-node cluster (--replicas reaches the server, info shows the leader and replicas).
import assert from 'node:assert/strict'
import {after, afterEach, before, describe, it} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'

import type {JetStreamClient, JetStreamManager} from '@nats-io/jetstream'

import {makeHome, runCli, type TestHome} from '../../helpers/cli.js'
import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'
import {startCluster, stopAllServers, type TestServer} from '../../helpers/nats-server.js'
import {TmuxCli} from '../../helpers/tmux.js'

describe('stream info', () => {
  let testbed: JetStreamTestbed
  let jsm: JetStreamManager
  let js: JetStreamClient
  let term: TmuxCli | undefined
  const cli = (...args: string[]) => testbed.cli(args)
  /** Runs natsctl on a real terminal (tmux), for the questions. */
  const onTerminal = (...args: string[]) => {
    term = new TmuxCli([...args, '--server', testbed.server.url], testbed.home.env)
    return term
  }

  before(async () => {
    testbed = await startJetStreamTestbed()
    ;({jsm, js} = testbed)
  })
  afterEach(() => term?.kill())
  after(() => testbed?.close())

  it('shows configuration, limits with unlimited, and state', async () => {
    await jsm.streams.add({description: 'the orders', max_bytes: 1024 * 1024, name: 'INFO', subjects: ['info.>']})
    for (let i = 0; i < 3; i++) await js.publish('info.a', 'hello')
    const r = await cli('stream', 'info', 'INFO')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^Information for Stream INFO created \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n\n/)
    assert.match(r.stdout, /\n +Description: the orders\n +Subjects: info\.>\n +Replicas: 1\n +Storage: File\n\nOptions:\n/)
    assert.match(r.stdout, /\n +Maximum Messages: unlimited\n/)
    assert.match(r.stdout, /\n +Maximum Bytes: 1\.0 MiB\n/)
    assert.match(r.stdout, /\nState:\n\n +Messages: 3\n/)
    assert.match(r.stdout, /\n +First Sequence: 1 @ /)
    const state = await cli('stream', 'info', 'INFO', '--state')
    assert.match(state.stdout, /^State for Stream INFO created .*\n\nState:\n\n +Messages: 3\n/)
    assert.ok(!state.stdout.includes('Options:') && !state.stdout.includes('Limits:'))
  })

  it('--json is the server object; nfo alias; a missing stream is named', async () => {
    const r = await cli('stream', 'nfo', 'INFO', '--json')
    const info = JSON.parse(r.stdout)
    assert.equal(info.config.name, 'INFO')
    assert.equal(info.state.messages, 3)
    assert.ok(info.created)
    const missing = await cli('stream', 'info', 'NOPE')
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, 'natsctl: error: stream "NOPE" not found\n')
    const noName = await cli('stream', 'info')
    assert.equal(noName.code, 2)
    assert.match(noName.stderr, /stream name is required/)
  })

  it('shows mirror information with lag (the external API prefix: see e2e/domains)', async () => {
    const r0 = await cli('stream', 'add', 'INFOMIR', '--mirror', 'INFO', '--defaults')
    assert.equal(r0.code, 0, r0.stderr)
    let info
    for (let i = 0; i < 50; i++) {
      info = JSON.parse((await cli('stream', 'info', 'INFOMIR', '--json')).stdout)
      if (info.state.messages === 3) break
      await new Promise((r) => setTimeout(r, 200))
    }
    assert.equal(info.state.messages, 3)
    const r = await cli('stream', 'info', 'INFOMIR')
    assert.match(r.stdout, /\nMirror Information:\n\n +Stream Name: INFO\n +Lag: 0\n +Last Seen: /)
    assert.ok(!r.stdout.includes('Duplicate Window'))
  })

  it('on a terminal, without a name, picks the stream from a list', async () => {
    // Names that sort before every other stream of this file: the list is sorted, the cursor starts on the first.
    await jsm.streams.add({name: 'AAPICK1', subjects: ['aapick1']})
    await jsm.streams.add({name: 'AAPICK2', subjects: ['aapick2']})
    const pick = onTerminal('stream', 'info')
    await pick.answer('Select a Stream', 'Down', 'Enter')
    const {code, screen} = await pick.exit()
    assert.equal(code, 0, screen)
    assert.match(screen, /Information for Stream AAPICK2 created/)
  })
})

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
    assert.match(
      human.stdout,
      /\nCluster Information:\n\n +Name: c1\n +Leader: n[123]\n +Replica: n[123], (current|outdated)[^\n]*\n +Replica: n[123], /,
    )
  })
})
