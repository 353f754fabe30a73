// `server report accounts`: connections and messages per account, on the deployment of bed.ts.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {reportBed} from './bed.js'

const {sys} = reportBed()

describe('server report accounts', () => {
  it('accounts: connections and messages summed per account', async () => {
    const r = await sys('accounts', '--json')
    assert.equal(r.code, 0, r.stderr)
    const accounts = JSON.parse(r.stdout) as Array<{account: string; connections: number; in_msgs: number}>
    const app = accounts.find((a) => a.account === 'APP')
    assert.ok(app)
    assert.equal(app.connections, 2)
    assert.ok(app.in_msgs >= 15)
    const table = await sys('accounts', '--sort', 'conns')
    assert.match(table.stdout, /Accounts Overview/)
    assert.match(table.stdout, /│ APP +│ +2 │/)
  })
})
