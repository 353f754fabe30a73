// `server check meta`: the JetStream meta group over the system account.
// Each verdict follows the thresholds given, with the data set up through the client (see bed.ts).
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {checkBed} from './bed.js'

const {app, sys} = checkBed()

describe('server check meta', () => {
  it('meta: over the system account; without it the check says so', async () => {
    // One server: JetStream is not clustered.
    const meta = await sys('meta', '--expect', '3')
    assert.equal(meta.code, 2)
    assert.match(meta.stdout, /Crit:no cluster information/)
    // Without the system account the check says so.
    const noSys = await app('meta')
    assert.equal(noSys.code, 2)
    assert.match(noSys.stdout, /no system account access/)
  })
})
