// `server report leafnodes`: the leafnode connections of every server, on the deployment of bed.ts.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {reportBed} from './bed.js'

const {sys} = reportBed()

describe('server report leafnodes', () => {
  it('leafnodes: the spoke connected into the hub, in account APP', async () => {
    const r = await sys('leafnodes', '--json')
    assert.equal(r.code, 0, r.stderr)
    const leafs = JSON.parse(r.stdout) as Array<{account: string; server: {name: string}}>
    assert.equal(leafs.length, 1)
    assert.equal(leafs[0].account, 'APP')
    assert.equal(leafs[0].server.name, 'hub')
    const human = await sys('leafnodes')
    assert.equal(human.code, 0, human.stderr)
    assert.match(human.stdout, /Leafnode Report[\s\S]*│ hub +│/)
  })
})
