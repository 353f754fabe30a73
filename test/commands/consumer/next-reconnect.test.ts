// consumer next's long --wait survives the server going away and coming back (runLongLived reconnects).
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'

import {jetstream, jetstreamManager} from '@nats-io/jetstream'
import {connect} from '@nats-io/transport-node'

import {makeHome, startCli, type TestHome} from '../../helpers/cli.js'
import {startServer, stopAllServers, type TestServer} from '../../helpers/nats-server.js'

describe('consumer next across a reconnect', () => {
  let server: TestServer
  let home: TestHome

  before(async () => {
    server = await startServer({jetstream: true})
    home = makeHome()
    const nc = await connect({servers: server.url})
    const jsm = await jetstreamManager(nc)
    await jsm.streams.add({name: 'RC', subjects: ['rc.>']})
    await jsm.consumers.add('RC', {ack_policy: 'explicit' as never, durable_name: 'C'})
    await nc.drain()
  })
  after(async () => {
    await stopAllServers()
    home?.cleanup()
  })

  it('keeps waiting through a server restart and takes the message published after it', async () => {
    const run = startCli(['consumer', 'next', 'RC', 'C', '--wait', '40s', '--raw', '--server', server.url], {env: home.env, timeoutMs: 60_000})
    // Stop the server only once natsctl's pull request is waiting on the consumer.
    const watcher = await connect({servers: server.url})
    const watch = await jetstreamManager(watcher)
    for (let i = 0; (await watch.consumers.info('RC', 'C')).num_waiting === 0; i++) {
      assert.ok(i < 200, 'natsctl never pulled')
      await sleep(100)
    }
    await watcher.close()
    await server.stop({keepDir: true})
    await run.waitFor('Disconnected', 'stderr')
    await server.restart()
    await run.waitFor('Reconnected', 'stderr', 20_000)
    const nc = await connect({servers: server.url})
    const js = jetstream(nc)
    await sleep(1000)
    await js.publish('rc.a', 'after the restart')
    const r = await run.done
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'after the restart\n')
    const info = await (await jetstreamManager(nc)).consumers.info('RC', 'C')
    assert.equal(info.ack_floor.stream_seq, 1)
    await nc.drain()
  })
})
