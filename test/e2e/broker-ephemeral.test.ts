import assert from 'node:assert/strict'
import {existsSync, writeFileSync, chmodSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {connect} from '@nats-io/transport-node'
import {jetstreamManager} from '@nats-io/jetstream'

import {startEphemeralBroker} from '../../src/lib/broker/ephemeral.js'
import {findNatsServer} from '../../src/lib/broker/binary.js'
import {isAlive} from '../../src/lib/broker/process.js'

describe('broker: ephemeral', () => {
  it('starts a real nats-server with JetStream on 127.0.0.1 and removes everything on stop', async () => {
    const broker = await startEphemeralBroker()
    try {
      assert.match(broker.url, /^nats:\/\/127\.0\.0\.1:\d+$/)
      const nc = await connect({servers: broker.url})
      const jsm = await jetstreamManager(nc)
      const info = await jsm.getAccountInfo()
      assert.ok(info.limits !== undefined)
      const {server_id: id} = nc.info!
      assert.ok(id)
      await nc.close()
    } finally {
      await broker.stop()
    }
    await assert.rejects(connect({servers: broker.url, reconnect: false}))
    // A second stop is harmless.
    await broker.stop()
  })

  it('can run without JetStream', async () => {
    const broker = await startEphemeralBroker({jetstream: false})
    try {
      const nc = await connect({servers: broker.url})
      assert.equal(nc.info?.jetstream ?? false, false)
      await nc.close()
    } finally {
      await broker.stop()
    }
  })

  it('names the install commands when nats-server is missing', () => {
    assert.throws(
      () => findNatsServer({NATS_SERVER_BIN: '/nonexistent/nats-server', PATH: '/nonexistent'}),
      (error: Error) => /apt-get install -y nats-server/.test(error.message) && /brew install nats-server/.test(error.message),
    )
  })

  it('shows the server log tail when nats-server fails to start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'natsctl-fake-server-'))
    const fake = join(dir, 'nats-server')
    writeFileSync(fake, '#!/bin/sh\necho "[1] 2026/01/01 00:00:00.000000 [FTL] something broke badly" >&2\nexit 1\n')
    chmodSync(fake, 0o755)
    const saved = process.env.NATS_SERVER_BIN
    process.env.NATS_SERVER_BIN = fake
    try {
      await assert.rejects(startEphemeralBroker(), (error: Error & {detail?: string}) => {
        // The error line names the cause; the log tail is detail printed under it.
        assert.match(error.message, /^nats-server failed: something broke badly/)
        assert.match(error.detail ?? '', /last lines/)
        return true
      })
    } finally {
      if (saved === undefined) delete process.env.NATS_SERVER_BIN
      else process.env.NATS_SERVER_BIN = saved
      rmSync(dir, {recursive: true, force: true})
    }
    assert.ok(isAlive(process.pid))
    assert.ok(existsSync(dir) === false)
  })
})
