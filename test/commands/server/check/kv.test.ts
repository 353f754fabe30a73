// `server check kv`: a bucket, a key that must be set, the number of values.
// Each verdict follows the thresholds given, with the data set up through the client (see bed.ts).
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {Kvm} from '@nats-io/kv'

import {checkBed} from './bed.js'

const {app, nc} = checkBed()

describe('server check kv', () => {
  it('kv: the bucket, a key that must be set, the number of values', async () => {
    const kv = await new Kvm(nc()).create('CHECKS')
    await kv.put('present', 'yes')
    await kv.put('gone', 'soon')
    await kv.delete('gone')
    const ok = await app('kv', '--bucket', 'CHECKS', '--key', 'present')
    assert.equal(ok.code, 0, ok.stdout)
    assert.match(ok.stdout, /OK:bucket CHECKS OK:key present found/)
    const deleted = await app('kv', '--bucket', 'CHECKS', '--key', 'gone')
    assert.equal(deleted.code, 2)
    assert.match(deleted.stdout, /Crit:key gone is deleted/)
    const few = await app('kv', '--bucket', 'CHECKS', '--values-warn', '10', '--values-critical', '1')
    assert.equal(few.code, 1, few.stdout)
    const missing = await app('kv', '--bucket', 'NOPE')
    assert.equal(missing.code, 2)
    assert.match(missing.stdout, /Crit:bucket "NOPE" not found/)
  })
})
