// `server report health`: every server's health endpoint, on the deployment of bed.ts.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {reportBed} from './bed.js'

const {sys} = reportBed()

describe('server report health', () => {
  it('health: every server ok, with totals', async () => {
    const r = await sys('health')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /│ hub +│ +│ +│ ok \(200\)/)
    assert.match(r.stdout, /ok: 1 \/ err: 0/)
    const json = JSON.parse((await sys('health', '--json')).stdout) as Array<{data: {status: string}}>
    assert.equal(json[0].data.status, 'ok')
  })
})
