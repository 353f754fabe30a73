// `server report connections`: the connections of every server, sorted and cut, on the deployment of bed.ts.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {reportBed} from './bed.js'

const {sys} = reportBed()

describe('server report connections', () => {
  it('connections: --sort in-msgs puts the busy connection first; --top 1 keeps only it', async () => {
    const r = await sys('connections', '--sort', 'in-msgs', '--json')
    assert.equal(r.code, 0, r.stderr)
    const list = JSON.parse(r.stdout) as Array<{name?: string; account?: string; in_msgs: number; server: {name: string}}>
    const names = list.map((c) => c.name)
    assert.ok(names.indexOf('busy-conn') < names.indexOf('quiet-conn'), names.join(','))
    const busy = list.find((c) => c.name === 'busy-conn')!
    assert.equal(busy.account, 'APP')
    assert.equal(busy.server.name, 'hub')
    assert.ok(busy.in_msgs >= 10)
    const reversed = JSON.parse((await sys('connections', '--sort', 'in-msgs', '--reverse', '--json')).stdout) as typeof list
    assert.ok(reversed.findIndex((c) => c.name === 'busy-conn') > reversed.findIndex((c) => c.name === 'quiet-conn'))
    const top = await sys('connections', '--sort', 'in-msgs', '--top', '1')
    assert.equal(top.code, 0, top.stderr)
    assert.match(top.stdout, /Top 1 Connections out of \d+ by in-msgs/)
    assert.match(top.stdout, /busy-conn/)
    assert.doesNotMatch(top.stdout, /quiet-conn/)
    const app = JSON.parse((await sys('connections', '--account', 'APP', '--json')).stdout) as typeof list
    assert.ok(app.length >= 2 && app.every((c) => c.account === 'APP'))
  })
})
