// context copy (alias cp). It never connects.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {runCli} from '../../helpers/cli.js'
import {homesForThisFile, NOWHERE, readCtx, writeNatscliContext} from '../../helpers/contexts.js'

const home = homesForThisFile()

describe('context copy', () => {
  it('copies a context, applying the flags given, and refuses an existing target', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    const r = await runCli(['context', 'cp', 'a', 'b', '--description', 'copy', '--token', 'tok'], {env: h.env})
    assert.equal(r.code, 0, r.stderr)
    const b = readCtx(h, 'b')
    assert.equal(b.description, 'copy')
    assert.equal(b.url, NOWHERE)
    assert.equal(b.token, 'tok')
    assert.equal(b.user, '', 'the new credentials replace the copied ones')
    assert.equal(b.future_field, 1)
    const again = await runCli(['context', 'copy', 'a', 'b'], {env: h.env})
    assert.equal(again.code, 1)
    assert.match(again.stderr, /context "b" already exists/)
  })
})
