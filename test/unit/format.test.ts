// format.ts: every way natsctl prints a duration, a time, a count or a size, each a named variant.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {
  formatAgo,
  formatDuration,
  formatGoDuration,
  formatKitchen,
  formatMicros,
  formatRfc3339,
  formatStampMicro,
  formatTime,
  formatUptime,
} from '../../src/lib/format.js'

describe('durations', () => {
  it('humanizes like natscli', () => {
    assert.equal(formatDuration(-1), 'unlimited')
    assert.equal(formatDuration(0), '0s')
    assert.equal(formatDuration(0.25), '250µs')
    assert.equal(formatDuration(12.345), '12.35ms')
    assert.equal(formatDuration(12_340), '12.34s')
    assert.equal(formatDuration(120_000), '2m')
    assert.equal(formatDuration(366 * 86_400_000), '1y1d')
  })

  it('prints uptimes in whole seconds, at least one', () => {
    assert.equal(formatUptime(0), '1s')
    assert.equal(formatUptime(1499), '1s')
    assert.equal(formatUptime(192_600), '3m13s')
    assert.equal(formatUptime(2 * 86_400_000 + 4 * 3_600_000 + 400), '2d4h')
  })

  it("prints Go's time.Duration where natscli does", () => {
    assert.equal(formatGoDuration(0), '0s')
    assert.equal(formatGoDuration(0.512), '512µs')
    assert.equal(formatGoDuration(120_000), '2m0s')
    assert.equal(formatGoDuration(3_602_000), '1h0m2s')
    assert.equal(formatGoDuration(2 * 86_400_000), '48h0m0s')
  })

  it('prints bench latencies in microseconds, milliseconds from 10 ms', () => {
    assert.equal(formatMicros(12.345), '12.35us')
    assert.equal(formatMicros(1234.4), '1,234us')
    assert.equal(formatMicros(15_400), '15ms')
  })
})

describe('times', () => {
  const date = new Date(2026, 0, 2, 15, 4, 5, 678)

  it('prints local times the ways natscli and Go do', () => {
    assert.equal(formatTime(date), '2026-01-02 15:04:05')
    assert.equal(formatTime(date.toISOString()), '2026-01-02 15:04:05')
    assert.equal(formatTime('0001-01-01T00:00:00Z'), 'never')
    assert.equal(formatTime(undefined), 'never')
    assert.equal(formatStampMicro(date), 'Jan  2 15:04:05.678000')
    assert.equal(formatKitchen(date), '3:04PM')
    assert.equal(formatKitchen(new Date(2026, 0, 2, 0, 7)), '12:07AM')
    assert.match(formatRfc3339(date), /^2026-01-02T15:04:05(Z|[+-]\d\d:\d\d)$/)
  })

  it('says how long ago, or never', () => {
    const now = Date.parse('2026-01-02T10:00:00Z')
    assert.equal(formatAgo('2026-01-02T09:58:57Z', now), '1m3s')
    assert.equal(formatAgo('0001-01-01T00:00:00Z', now), 'never')
    assert.equal(formatAgo(undefined, now), 'never')
  })
})
