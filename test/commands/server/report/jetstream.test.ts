// `server report jetstream`: JetStream use per server, on the deployment of bed.ts.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {reportBed} from './bed.js'

const {sys} = reportBed()

describe('server report jetstream', () => {
  it('jetstream: the summary per server with streams and messages', async () => {
    const r = await sys('jetstream')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /JetStream Summary/)
    assert.match(r.stdout, /│ hub +│ +│ +1 │ +0 │ +5 │/)
    const json = JSON.parse((await sys('jetstream', '--json')).stdout) as {
      servers: Array<{server: {name: string}; data: {streams: number; messages: number; api: {total: number}}}>
    }
    assert.equal(json.servers[0].data.streams, 1)
    assert.equal(json.servers[0].data.messages, 5)
    assert.ok(json.servers[0].data.api.total >= 1)
  })
})
