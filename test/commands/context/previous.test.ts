// context previous (the switch back itself is in select.test.ts). It never connects.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {runCli} from '../../helpers/cli.js'
import {homesForThisFile} from '../../helpers/contexts.js'

const home = homesForThisFile()

describe('context previous', () => {
  it('previous without a previous context is an error', async () => {
    const h = home()
    const r = await runCli(['context', 'previous'], {env: h.env})
    assert.equal(r.code, 1)
    assert.match(r.stderr, /no previous context/)
  })
})
