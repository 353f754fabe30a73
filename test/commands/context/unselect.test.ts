// context unselect. It never connects.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {runCli} from '../../helpers/cli.js'
import {homesForThisFile, selected, writeNatscliContext} from '../../helpers/contexts.js'

const home = homesForThisFile()

describe('context unselect', () => {
  it('unselect says which context it unselected', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    await runCli(['context', 'select', 'a'], {env: h.env})
    const r = await runCli(['context', 'unselect'], {env: h.env})
    assert.equal(r.code, 0)
    assert.equal(r.stdout.trim(), 'Unselected the "a" context')
    assert.equal(selected(h), undefined)
    assert.equal((await runCli(['context', 'unselect'], {env: h.env})).stdout.trim(), 'No context is selected')
  })
})
