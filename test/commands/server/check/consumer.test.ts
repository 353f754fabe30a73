// `server check consumer`: pending and redelivered messages against the thresholds.
// Each verdict follows the thresholds given, with the data set up through the client (see bed.ts).
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {AckPolicy, jetstream} from '@nats-io/jetstream'

import {checkBed} from './bed.js'

const {app, json, jsm, nc} = checkBed()

describe('server check consumer', () => {
  it('consumer: pending and redelivered against the thresholds', async () => {
    await jsm().streams.add({name: 'WORK', subjects: ['work.>']})
    const js = jetstream(nc())
    for (let i = 0; i < 10; i++) await js.publish('work.item', String(i))
    await jsm().consumers.add('WORK', {durable_name: 'worker', ack_policy: AckPolicy.Explicit})
    const crit = await app('consumer', '--stream', 'WORK', '--consumer', 'worker', '--unprocessed-critical', '5')
    assert.equal(crit.code, 2, crit.stdout)
    assert.match(crit.stdout, /^CRITICAL WORK_worker Crit:Unprocessed Messages: 10/)
    const ok = await app('consumer', '--stream', 'WORK', '--consumer', 'worker', '--unprocessed-critical', '20', '--json')
    assert.equal(ok.code, 0, ok.stdout)
    assert.equal(json(ok.stdout).perf_data.find((p) => p.name === 'pending')!.value, 10)
    const missing = await app('consumer', '--stream', 'WORK', '--consumer', 'nobody')
    assert.equal(missing.code, 2)
    assert.match(missing.stdout, /consumer "nobody" on stream "WORK" not found/)
  })
})
