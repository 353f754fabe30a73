// `server check stream`: a stream's state against the thresholds.
// Each verdict follows the thresholds given, with the data set up through the client (see bed.ts).
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {jetstream} from '@nats-io/jetstream'

import {checkBed} from './bed.js'

const {app, jsm, nc} = checkBed()

describe('server check stream', () => {
  it('stream: message counts against the thresholds; a missing stream is CRITICAL', async () => {
    await jsm().streams.add({name: 'ORDERS', subjects: ['orders.>']})
    const js = jetstream(nc())
    for (let i = 0; i < 3; i++) await js.publish('orders.new', `{"n":${i}}`)
    await js.publish('orders.heartbeat', String(Math.floor(Date.now() / 1000) - 3600))
    const warn = await app('stream', '--stream', 'ORDERS', '--msgs-warn', '5', '--msgs-critical', '1')
    assert.equal(warn.code, 1, warn.stdout)
    assert.match(warn.stdout, /^WARNING ORDERS Warn:4 messages/)
    const ok = await app('stream', '--stream', 'ORDERS', '--msgs-warn', '2', '--msgs-critical', '1')
    assert.equal(ok.code, 0, ok.stdout)
    const missing = await app('stream', '--stream', 'NOPE')
    assert.equal(missing.code, 2)
    assert.match(missing.stdout, /^CRITICAL NOPE Crit:could not load info: stream "NOPE" not found/)
  })
})
