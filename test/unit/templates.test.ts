import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {compileTemplate} from '../../src/lib/messaging/templates.js'

describe('templates', () => {
  it('returns plain text untouched', async () => {
    assert.equal((await compileTemplate('hello'))({count: 3}), 'hello')
  })

  it('fills Count, Cnt and Request', async () => {
    const t = await compileTemplate('msg {{Count}}/{{ Cnt }} re {{Request}}')
    assert.equal(t({count: 7, request: 'ping'}), 'msg 7/7 re ping')
  })

  it('fills time functions and IDs with the right shapes', async () => {
    const t = await compileTemplate('{{TimeStamp}}|{{Unix}}|{{UnixNano}}|{{Time}}|{{ID}}')
    const [stamp, unix, nano, time, id] = t({count: 1}).split('|')
    assert.match(stamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/)
    assert.ok(Math.abs(Number(unix) - Date.now() / 1000) < 5)
    assert.match(nano, /^\d{19}$/)
    assert.match(time, /^\d{1,2}:\d\d(AM|PM)$/)
    assert.match(id, /^[A-Za-z0-9]{22}$/)
  })

  it('makes random strings within bounds', async () => {
    const t = await compileTemplate('{{Random 3 5}}')
    for (let i = 0; i < 50; i++) assert.match(t({count: i}), /^[A-Za-z0-9]{3,5}$/)
  })

  it('rejects bad templates with a clear message', async () => {
    await assert.rejects(compileTemplate('{{Count'), /unclosed/)
    await assert.rejects(compileTemplate('{{Nope}}'), /unknown function "Nope"/)
    await assert.rejects(compileTemplate('{{Random 5 1}}'), /Random min max/)
  })
})
