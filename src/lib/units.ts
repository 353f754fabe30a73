// Durations and sizes as natscli users type them: `500ms`, `2s`, `1m30s`, `7d`, `1y`; `128`, `1KiB`, `1GB`.
// Pure functions, no imports: every command that parses a flag uses these. Every value has a stated range
// (README "Errors and exit codes"): a duration or size past it is a usage error naming the flag, never a
// number the server or Node's timers would silently misread.

import {UsageError} from './errors.js'

/**
 * The longest duration natsctl accepts for a configuration value (--max-age, --dupe-window, ...): the server
 * keeps durations as int64 nanoseconds, which hold about 292 years.
 */
const MAX_DURATION_MS = 292 * 365 * 86_400_000

/**
 * The longest natsctl waits for anything (--timeout, --wait, --sleep, --reply-timeout): Node's timers hold at
 * most 2^31-1 ms (about 24.8 days; a longer one fires after 1 ms), so natsctl refuses more than 24 days.
 */
const MAX_WAIT_MS = 24 * 86_400_000

/** The largest value of a server field kept as a 32-bit integer (a stream's max_msg_size): 2^31-1. */
export const MAX_INT32 = 2 ** 31 - 1

/** The largest size natsctl accepts (2^53-1 bytes, the largest exact whole number in JSON for JavaScript). */
const MAX_SIZE = Number.MAX_SAFE_INTEGER

/**
 * The most clients a benchmark runs (`bench --clients`, `bench pubsub --subscribers`): each is a connection
 * in a worker thread of its own, and a few thousand exhaust the machine's memory.
 */
export const MAX_BENCH_CLIENTS = 256

/** The largest count or sequence a numeric flag accepts (--count, --replies, --start-sequence): 2^53-1. */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER

const DURATION_UNITS_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  M: 30 * 86_400_000, // natscli (fisk): M is 30 days
  y: 365 * 86_400_000,
}

/**
 * Parses a duration into milliseconds. Accepts Go-style compound durations (`1h30m`, `1.5s`) plus natscli's
 * `d`, `w`, `M` and `y`. A bare number is seconds, except 0 which is zero. `-1` (unlimited) is returned as -1.
 */
export function parseDuration(input: string, what = 'duration', options: {max?: number} = {}): number {
  const ms = parseDurationText(input, what)
  const max = options.max ?? MAX_DURATION_MS
  if (ms > max) {
    throw new UsageError(
      `invalid ${what} "${input}": it is longer than the maximum of ${max === MAX_WAIT_MS ? '24d' : max === MAX_DURATION_MS ? '292y' : `${max}ms`}`,
    )
  }
  return ms
}

/**
 * A duration natsctl waits for (a timer): at most MAX_WAIT_MS (24 days), because Node's timers cannot wait
 * longer; `-1` is refused too (there is no "forever" timer).
 */
export function parseWait(input: string, what = 'duration'): number {
  const ms = parseDuration(input, what, {max: MAX_WAIT_MS})
  if (ms < 0) throw new UsageError(`invalid ${what} "${input}": it must be 0 or more, like 500ms, 5s or 1h`)
  return ms
}

function parseDurationText(input: string, what: string): number {
  const text = input.trim()
  if (text === '-1') return -1
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000
  const part = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w|M|y)/y
  let total = 0
  let index = 0
  while (index < text.length) {
    part.lastIndex = index
    const match = part.exec(text)
    if (!match) throw new UsageError(`invalid ${what} "${input}": use a number with a unit, like 500ms, 2s, 1m, 7d or 1y`)
    total += Number(match[1]) * DURATION_UNITS_MS[match[2]]
    index = part.lastIndex
  }
  if (text.length === 0) throw new UsageError(`invalid ${what} "": use a number with a unit, like 500ms, 2s, 1m`)
  return total
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1000,
  kb: 1000,
  kib: 1024,
  m: 1000 ** 2,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  g: 1000 ** 3,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
  t: 1000 ** 4,
  tb: 1000 ** 4,
  tib: 1024 ** 4,
}

/**
 * Parses a size in bytes: `128`, `128B`, `1KiB`, `1KB`, `1.5MB`, `-1` (unlimited, returned as -1). At most
 * `max` (default MAX_SIZE, 2^53-1): a server field that is an int32 (max_msg_size) passes its own.
 */
export function parseSize(input: string, what = 'size', options: {max?: number} = {}): number {
  const text = input.trim()
  if (text === '-1') return -1
  const match = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(text)
  const factor = match ? SIZE_UNITS[match[2].toLowerCase()] : undefined
  if (!match || factor === undefined) {
    throw new UsageError(`invalid ${what} "${input}": use a number of bytes with an optional unit, like 128, 1KiB, 512MiB or 1GB`)
  }
  const bytes = Math.round(Number(match[1]) * factor)
  const max = options.max ?? MAX_SIZE
  if (!Number.isFinite(bytes) || bytes > max) {
    throw new UsageError(`invalid ${what} "${input}": it is larger than the maximum of ${max.toLocaleString('en-US')} bytes`)
  }
  return bytes
}
