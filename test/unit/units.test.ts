import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {formatBytes, formatCount, formatDuration} from '../../src/lib/format.js'
import {parseDuration, parseSize} from '../../src/lib/units.js'

describe('units', () => {
  it('parses durations like natscli', () => {
    assert.equal(parseDuration('500ms'), 500)
    assert.equal(parseDuration('2s'), 2000)
    assert.equal(parseDuration('1m30s'), 90_000)
    assert.equal(parseDuration('7d'), 7 * 86_400_000)
    assert.equal(parseDuration('1y'), 365 * 86_400_000)
    assert.equal(parseDuration('1.5s'), 1500)
    assert.equal(parseDuration('-1'), -1)
    assert.throws(() => parseDuration('5x'), /invalid duration/)
    assert.throws(() => parseDuration(''), /invalid duration/)
  })

  it('parses sizes in SI and IEC units', () => {
    assert.equal(parseSize('128'), 128)
    assert.equal(parseSize('128B'), 128)
    assert.equal(parseSize('1KiB'), 1024)
    assert.equal(parseSize('1KB'), 1000)
    assert.equal(parseSize('512MiB'), 512 * 1024 * 1024)
    assert.equal(parseSize('1GB'), 1e9)
    assert.equal(parseSize('-1'), -1)
    assert.throws(() => parseSize('lots'), /invalid size/)
  })

  it('formats bytes and durations for people', () => {
    assert.equal(formatBytes(512), '512 B')
    assert.equal(formatBytes(1536), '1.5 KiB')
    assert.equal(formatBytes(-1), 'unlimited')
    assert.equal(formatDuration(90_061_000), '1d1h1m1s')
    assert.equal(formatDuration(250), '250ms')
  })

  it('groups counts in thousands like natscli, for numbers and bigints', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 1_234_567, -1_234_567, Number.MAX_SAFE_INTEGER]) {
      assert.equal(formatCount(n), n.toLocaleString('en-US'))
    }
    assert.equal(formatCount(12_345_678_901_234_567_890n), '12,345,678,901,234,567,890')
    assert.equal(formatCount(1234.5), '1,234.5')
  })
})
