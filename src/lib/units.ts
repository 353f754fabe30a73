// Durations and sizes as natscli users type them: `500ms`, `2s`, `1m30s`, `7d`, `1y`; `128`, `1KiB`, `1GB`.
// Pure functions, no imports: every command that parses a flag uses these.

import {UsageError} from './errors.js'

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
export function parseDuration(input: string, what = 'duration'): number {
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

/** Parses a size in bytes: `128`, `128B`, `1KiB`, `1KB`, `1.5MB`, `-1` (unlimited, returned as -1). */
export function parseSize(input: string, what = 'size'): number {
  const text = input.trim()
  if (text === '-1') return -1
  const match = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(text)
  const factor = match ? SIZE_UNITS[match[2].toLowerCase()] : undefined
  if (!match || factor === undefined) {
    throw new UsageError(`invalid ${what} "${input}": use a number of bytes with an optional unit, like 128, 1KiB, 512MiB or 1GB`)
  }
  return Math.round(Number(match[1]) * factor)
}
