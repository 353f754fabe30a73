// `server check server`: one server's state over the system account.
// Each verdict follows the thresholds given, with the data set up through the client (see bed.ts).
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {checkBed} from './bed.js'

const {sys, json} = checkBed()

describe('server check server', () => {
  it('server: JetStream, connections and authentication over the system account', async () => {
    const ok = await sys('server', '--name', 'checked', '--js-required', '--json')
    assert.equal(ok.code, 0, ok.stdout + ok.stderr)
    assert.deepEqual(json(ok.stdout).ok, ['JetStream enabled'])
    // Fewer connections than the (inverted) thresholds ask for.
    const few = await sys('server', '--name', 'checked', '--conn-warn', '1000', '--conn-critical', '500', '--auth-required')
    assert.equal(few.code, 2, few.stdout)
    assert.match(few.stdout, /Crit:Connections \d+/)
    assert.match(few.stdout, /OK:Authentication required/)
    const unknown = await sys('server', '--name', 'other')
    assert.equal(unknown.code, 2)
    assert.match(unknown.stdout, /Crit:varz failed: server "other" did not answer/)
  })
})
