// `server check connection`: connect, RTT and request times against the thresholds.
// Each verdict follows the thresholds given, with the data set up through the client (see bed.ts).
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {runCli} from '../../../helpers/cli.js'
import {checkBed} from './bed.js'

const {app, json, home} = checkBed()

describe('server check connection', () => {
  it('connection: OK; a connect-critical below any real connect time is CRITICAL', async () => {
    const ok = await app('connection', '--json')
    assert.equal(ok.code, 0, ok.stdout)
    const result = json(ok.stdout)
    assert.deepEqual(
      result.perf_data.map((p) => p.name),
      ['connect_time', 'rtt', 'request_time'],
    )
    assert.match(result.ok![0], /^connected to 127\.0\.0\.1:\d+ in /)
    const slow = await app('connection', '--connect-critical', '1ns')
    assert.equal(slow.code, 2)
    assert.match(slow.stdout, /Crit:connected to .*, connect time exceeded/)
    const down = await runCli(['server', 'check', 'conn', '--server', 'nats://127.0.0.1:1'], {env: home.env})
    assert.equal(down.code, 2)
    assert.match(down.stdout, /^CRITICAL Connection Crit:connection failed: could not connect/)
  })
})
