// `server check message`: the last message on a subject, its content and age.
// Each verdict follows the thresholds given, with the data set up through the client (see bed.ts).
import assert from 'node:assert/strict'
import {setTimeout as sleep} from 'node:timers/promises'
import {describe, it} from 'node:test'

import {jetstream} from '@nats-io/jetstream'

import {checkBed} from './bed.js'

const {app, jsm, nc} = checkBed()

describe('server check message', () => {
  it('message: content and age of the last message on a subject', async () => {
    await jsm().streams.add({name: 'ORDERS', subjects: ['orders.>']})
    const js = jetstream(nc())
    for (let i = 0; i < 3; i++) await js.publish('orders.new', `{"n":${i}}`)
    await js.publish('orders.heartbeat', String(Math.floor(Date.now() / 1000) - 3600))
    const matches = await app('message', '--stream', 'ORDERS', '--subject', 'orders.new', '--content', '"n":2')
    assert.equal(matches.code, 0, matches.stdout)
    assert.match(matches.stdout, /OK:Valid message on ORDERS > orders\.new/)
    const differs = await app('message', '--stream', 'ORDERS', '--subject', 'orders.new', '--content', '"n":1')
    assert.equal(differs.code, 2)
    await sleep(20)
    const old = await app('message', '--stream', 'ORDERS', '--subject', 'orders.new', '--age-warn', '10ms', '--age-critical', '1h')
    assert.equal(old.code, 1, old.stdout)
    const stamped = await app('message', '--stream', 'ORDERS', '--subject', 'orders.heartbeat', '--body-timestamp', '--age-critical', '30m')
    assert.equal(stamped.code, 2, stamped.stdout)
    assert.match(stamped.stdout, /Crit:1h\d*s? old|Crit:1h old/)
    const none = await app('message', '--stream', 'ORDERS', '--subject', 'orders.none')
    assert.equal(none.code, 2)
    assert.match(none.stdout, /Crit:no message found/)
  })
})
