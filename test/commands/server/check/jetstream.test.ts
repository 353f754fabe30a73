// `server check jetstream`: the account's JetStream usage in percent of its limits.
// Each verdict follows the thresholds given, with the data set up through the client (see bed.ts).
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {checkBed} from './bed.js'

const {app, json, jsm} = checkBed()

describe('server check jetstream', () => {
  it('jetstream: usage in percent of the account limits', async () => {
    await jsm().streams.add({name: 'JSCHECK', subjects: ['jscheck.>'], storage: 'memory' as never, max_bytes: 100_000})
    const ok = await app('jetstream', '--json')
    assert.equal(ok.code, 0, ok.stdout)
    const streamsPct = json(ok.stdout).perf_data.find((p) => p.name === 'streams_pct')!
    const streams = (await jsm().getAccountInfo()).streams
    assert.equal(streamsPct.value, Math.trunc((streams / 10) * 100))
    const warn = await app('jetstream', '--streams-warn', '5', '--streams-critical', '95')
    assert.equal(warn.code, 1, warn.stdout)
    assert.match(warn.stdout, new RegExp(`^WARNING JetStream Warn:${Math.trunc((streams / 10) * 100)}% streams`))
    const inverted = await app('jetstream', '--mem-warn', '90', '--mem-critical', '75')
    assert.equal(inverted.code, 2)
    assert.match(inverted.stdout, /Crit:memory: invalid thresholds/)
  })
})
