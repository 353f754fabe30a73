// JetStream domains end to end (issue 4): a hub (domain "hub") and an edge (domain "embedded") joined by a
// leafnode. From a client of the hub: create a stream on the edge, fill it, list it, mirror it to the hub
// by flags and through the interactive questions, and source it. Both mirrors must be configured alike.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'

import {type NatsConnection, connect} from '@nats-io/transport-node'
import {jetstream, jetstreamManager} from '@nats-io/jetstream'

import {makeHome, runCli, type TestHome} from '../helpers/cli.js'
import {startServer, stopAllServers, type TestServer} from '../helpers/nats-server.js'
import {TmuxCli} from '../helpers/tmux.js'

describe('JetStream domains: hub and leafnode edge', () => {
  let hub: TestServer
  let home: TestHome
  let nc: NatsConnection
  let term: TmuxCli | undefined
  const cli = (...args: string[]) => runCli([...args, '--server', hub.url], {env: home.env})

  /** Polls `stream info --json` on the hub until the stream holds the count. */
  async function waitForMessages(stream: string, count: number): Promise<Record<string, any>> {
    let info: Record<string, any> = {}
    for (let i = 0; i < 100; i++) {
      const r = await cli('stream', 'info', stream, '--json')
      assert.equal(r.code, 0, r.stderr)
      info = JSON.parse(r.stdout)
      if (info.state.messages === count) return info
      await sleep(200)
    }
    assert.fail(`${stream} has ${info.state?.messages} messages, expected ${count}`)
  }

  before(async () => {
    hub = await startServer({domain: 'hub', leafnodes: true, serverName: 'hub'})
    await startServer({domain: 'embedded', leafRemotes: [`nats-leaf://127.0.0.1:${hub.leafPort}`], serverName: 'edge'})
    home = makeHome()
    nc = await connect({servers: hub.url})
    // The leafnode connects in the background: wait until the edge's JetStream answers through the hub.
    for (let i = 0; ; i++) {
      try {
        const jsm = await jetstreamManager(nc, {domain: 'embedded', timeout: 1000})
        await jsm.getAccountInfo()
        break
      } catch (error) {
        if (i > 100) throw error
        await sleep(100)
      }
    }
  })
  after(async () => {
    term?.kill()
    await nc?.close()
    await stopAllServers()
    home?.cleanup()
  })

  it('creates a stream in the edge domain from a hub client and lists it there', async () => {
    const r = await cli('stream', 'add', 'EVENTS', '--subjects', 'events.>', '--js-domain', 'embedded', '--defaults')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^Stream EVENTS was created/)
    const hubStreams = await cli('stream', 'ls', '--names')
    assert.equal(hubStreams.stdout, '', 'the stream lives on the edge, not the hub')

    const js = jetstream(nc, {domain: 'embedded'})
    const acks = await Promise.all(Array.from({length: 100}, (_, i) => js.publish('events.1', `event ${i + 1}`)))
    assert.equal(acks.at(-1)?.domain, 'embedded')

    const ls = await cli('stream', 'ls', '--js-domain', 'embedded', '--json')
    assert.equal(ls.code, 0, ls.stderr)
    assert.deepEqual(JSON.parse(ls.stdout), ['EVENTS'])
    const info = JSON.parse((await cli('stream', 'info', 'EVENTS', '--js-domain', 'embedded', '--json')).stdout)
    assert.equal(info.state.messages, 100)
  })

  it('mirrors the edge stream to the hub with --mirror-domain', async () => {
    const r = await cli('stream', 'add', 'EVENTS_MIRROR', '--mirror', 'EVENTS', '--mirror-domain', 'embedded', '--defaults')
    assert.equal(r.code, 0, r.stderr)
    const info = await waitForMessages('EVENTS_MIRROR', 100)
    assert.equal(info.config.mirror.name, 'EVENTS')
    assert.equal(info.config.mirror.external.api, '$JS.embedded.API')
    const human = await cli('stream', 'info', 'EVENTS_MIRROR')
    assert.equal(human.code, 0, human.stderr)
    assert.match(human.stdout, /\nMirror Information:\n\n +Stream Name: EVENTS\n +Ext\. API Prefix: \$JS\.embedded\.API\n +Lag: 0\n/)
  })

  it('builds the same mirror through the interactive domain question', async () => {
    term = new TmuxCli(['stream', 'add', 'EVENTS_MIRROR2', '--mirror', 'EVENTS', '--server', hub.url], home.env)
    for (const question of [
      'Storage',
      'Replication',
      'Retention Policy',
      'Discard Policy',
      'Stream Messages Limit',
      'Per Subject Messages Limit',
      'Total Stream Size',
      'Message TTL',
      'Max Message Size',
      'Allow message Roll-ups',
      'Allow message deletion',
      'Allow purging subjects or the entire stream',
      'Adjust mirror start',
      'Adjust mirror filter and transform',
    ]) {
      await term.answer(question, 'Enter')
    }
    await term.answer('Import mirror from a different JetStream domain (y/N)', {text: 'y'}, 'Enter')
    await term.answer('Foreign JetStream domain name', {text: 'embedded'}, 'Enter')
    await term.answer('Delivery prefix', 'Enter')
    const {code, screen} = await term.exit()
    term.kill()
    assert.equal(code, 0, screen)
    assert.match(screen, /Stream EVENTS_MIRROR2 was created/)

    const byPrompt = await waitForMessages('EVENTS_MIRROR2', 100)
    const byFlags = JSON.parse((await cli('stream', 'info', 'EVENTS_MIRROR', '--json')).stdout)
    assert.deepEqual({...byPrompt.config, name: 'X'}, {...byFlags.config, name: 'X'})
  })

  it('sources the edge stream with --source-domain', async () => {
    const r = await cli('stream', 'add', 'AGG', '--source', 'EVENTS', '--source-domain', 'embedded', '--defaults')
    assert.equal(r.code, 0, r.stderr)
    const info = await waitForMessages('AGG', 100)
    assert.equal(info.config.sources[0].external.api, '$JS.embedded.API')
    const human = await cli('stream', 'info', 'AGG')
    assert.equal(human.code, 0, human.stderr)
    assert.match(human.stdout, /\nSource Information:\n\n +Stream Name: EVENTS\n +Ext\. API Prefix: \$JS\.embedded\.API\n/)
  })

  it("uses the context's jetstream_domain when no --js-domain is given", async () => {
    const {writeFileSync} = await import('node:fs')
    const {join} = await import('node:path')
    const file = join(home.dir, 'edge.json')
    writeFileSync(file, JSON.stringify({jetstream_domain: 'embedded', url: hub.url}))
    const r = await runCli(['stream', 'ls', '--names', '--context', file], {env: home.env})
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'EVENTS\n')
    const flagWins = await runCli(['stream', 'ls', '--names', '--context', file, '--js-domain', 'hub'], {env: home.env})
    assert.deepEqual(flagWins.stdout.trim().split('\n'), ['AGG', 'EVENTS_MIRROR', 'EVENTS_MIRROR2'])
  })

  it('says when a domain does not answer', async () => {
    const r = await cli('stream', 'ls', '--js-domain', 'nowhere', '--timeout', '1s')
    assert.equal(r.code, 1)
    assert.equal(r.stderr, 'natsctl: error: no JetStream in domain "nowhere": is the leafnode connected?\n')
    const add = await cli('stream', 'add', 'X', '--subjects', 'x', '--js-domain', 'nowhere', '--timeout', '1s')
    assert.equal(add.stderr, 'natsctl: error: no JetStream in domain "nowhere": is the leafnode connected?\n')
  })
})
