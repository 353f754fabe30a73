import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {bucketRange, Histogram} from '../../src/lib/bench/histogram.js'
import {groupStats, lossWarnings, renderCsv, renderLatencyPlot} from '../../src/lib/bench/report.js'
import {splitTotal} from '../../src/lib/bench/command.js'

describe('bench histogram', () => {
  it('percentiles are within 1% of the exact values', () => {
    const h = new Histogram()
    const values: number[] = []
    for (let i = 1; i <= 100_000; i++) {
      const v = i * 1000 + (i % 7) * 13 // ns, 1 µs .. 100 ms
      values.push(v)
      h.record(v)
    }
    values.sort((a, b) => a - b)
    for (const p of [50, 90, 99, 99.9]) {
      const exact = values[Math.ceil((p / 100) * values.length) - 1]
      const got = h.percentile(p)
      assert.ok(Math.abs(got - exact) / exact < 0.01, `p${p}: ${got} vs ${exact}`)
    }
    assert.equal(h.min, values[0])
    assert.equal(h.max, values.at(-1))
    const mean = values.reduce((a, b) => a + b, 0) / values.length
    assert.ok(Math.abs(h.mean() - mean) < 1e-6 * mean)
  })

  it('memory is bounded: a million samples keep the same bucket array', () => {
    const h = new Histogram()
    for (let i = 0; i < 1_000_000; i++) h.record((i % 5000) * 997)
    assert.ok(h.toJSON().buckets.length <= 4480)
    assert.equal(h.count, 1_000_000)
  })

  it('merging serialized histograms equals recording everything in one', () => {
    const a = new Histogram()
    const b = new Histogram()
    const all = new Histogram()
    for (let i = 0; i < 5000; i++) {
      const v = (i * 7919) % 3_000_000
      ;(i % 2 ? a : b).record(v)
      all.record(v)
    }
    // Through JSON on purpose: histograms cross worker threads and CSV/JSON reports as plain data.
    // eslint-disable-next-line unicorn/prefer-structured-clone
    const merged = Histogram.from(JSON.parse(JSON.stringify(a.toJSON())))
    // eslint-disable-next-line unicorn/prefer-structured-clone
    merged.merge(JSON.parse(JSON.stringify(b.toJSON())))
    assert.deepEqual(merged.summary(), all.summary())
  })

  it('bucket ranges tile the value space without gaps', () => {
    let next = 0
    for (let i = 0; i < 2000; i++) {
      const [low, high] = bucketRange(i)
      assert.equal(low, next)
      assert.ok(high >= low)
      next = high + 1
    }
  })
})

describe('bench report', () => {
  const result = (id: string, msgs: number, start: number, end: number) => ({id, kind: 'pub' as const, msgs, bytes: msgs * 100, start, end})

  it('aggregates over the earliest start to the latest end, and spreads client rates', () => {
    const g = groupStats('Core NATS publisher', [result('P0', 1000, 0, 1000), result('P1', 3000, 500, 2000)])!
    assert.equal(g.msgs, 4000)
    assert.equal(g.msgs_per_sec, 2000)
    assert.deepEqual(g.rates, {min: 1000, avg: 1500, max: 2000, stddev: 500})
  })

  it('CSV has natscli columns', () => {
    const g = groupStats('x', [result('P0', 10, 0, 1000)])!
    const csv = renderCsv({benchmark: 'x', run_id: 'r1', clients: 1, msgs: 10, size: 100, publishers: g, warnings: [], errors: []})
    assert.deepEqual(csv.trim().split('\n'), [
      '#RunID,ClientID,MsgCount,MsgBytes,MsgsPerSec,BytesPerSec,DurationSecs',
      'r1,P0,10,1000,10,1000.000000,1.000000',
    ])
  })

  it('the plot has one row per bin and percentages that add up', () => {
    const h = new Histogram()
    for (let i = 1; i <= 1000; i++) h.record(i * 1000)
    const lines = renderLatencyPlot(h, {rows: 5})
    assert.equal(lines[0], 'Latency distribution:')
    const total = lines.slice(1).reduce((a, l) => a + Number(/([\d.]+)%$/.exec(l)![1]), 0)
    assert.ok(Math.abs(total - 100) < 1, String(total))
  })

  it('pubsub loss: a subscriber with fewer messages than were published gets a warning with the numbers', () => {
    const pubs = groupStats('p', [result('P0', 1000, 0, 1000)])!
    const subs = groupStats('s', [result('S0', 1000, 0, 1000), result('S1', 990, 0, 1000)])!
    assert.deepEqual(lossWarnings(pubs, subs), ['subscriber S1 received 990 of 1,000 published messages (10 lost, 1.00%)'])
  })

  it('splitTotal gives the remainder to the first clients', () => {
    assert.deepEqual(splitTotal(10, 3), [4, 3, 3])
    assert.deepEqual(splitTotal(2, 4), [1, 1, 0, 0])
  })
})
