// broker status (hidden alias server status) against a real broker: the banner, --json, and a broker that
// does not run. (Adopting a leftover of a killed `broker run` is in run.test.ts; leafnodes in start.test.ts.)
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {connect} from '@nats-io/transport-node'

import {isAlive} from '../../../src/lib/broker/alive.js'
import {brokerHomeForThisFile} from '../../helpers/broker.js'
import {freePort} from '../../helpers/nats-server.js'

const {cli, status} = brokerHomeForThisFile()

describe('broker status', () => {
  it('shows where a running broker listens, its JetStream domain and pid; --json has the same', async () => {
    const port = await freePort()
    assert.equal((await cli('broker', 'start', 'shown', '--port', String(port), '--js-domain', 'dshown')).code, 0)
    const r = await cli('broker', 'status', 'shown')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^Broker "shown" is running \(.+, up .+\)\n/)
    assert.match(r.stdout, new RegExp(`\\n +URL: +nats://127\\.0\\.0\\.1:${port}\\n +JetStream: +enabled, domain "dshown"\\n`))
    const info = await status('shown')
    assert.equal(info.running, true)
    assert.equal(info.url, `nats://127.0.0.1:${port}`)
    assert.equal(info.jsDomain, 'dshown')
    assert.ok(isAlive(info.pid!))
    assert.match(r.stdout, new RegExp(`\\n +PID: +${info.pid}\\n`))
    // The URL it reports is where the broker really is.
    const nc = await connect({servers: info.url})
    assert.equal(nc.info?.port, port)
    await nc.close()
  })

  it('says a broker that was never started is not running (exit 0), and --json says running: false', async () => {
    const r = await cli('broker', 'status', 'absent')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'Broker "absent" is not running\n')
    const info = await status('absent')
    assert.equal(info.running, false)
    assert.deepEqual(info.pids, [])
  })

  it('defaults to the broker "local" and rejects an invalid name with exit 2', async () => {
    const r = await cli('broker', 'status')
    assert.equal(r.stdout, 'Broker "local" is not running\n')
    const bad = await cli('broker', 'status', '../x')
    assert.equal(bad.code, 2)
    assert.match(bad.stderr, /invalid broker name/)
  })
})
