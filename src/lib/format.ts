// How natsctl prints numbers, sizes, durations and times, in natscli's style. One module, so a duration
// or a size reads the same in every command. Parsing what users type lives in units.ts.
//
// Durations have named variants because natscli prints them in more than one way:
// - formatDuration: humanized (`1d2h3m4s`, `12.34s`), for info views, limits and ages;
// - formatUptime: the same, in whole seconds (how long a process has run);
// - formatGoDuration: Go's time.Duration (`2m0s`, `1h0m2s`, `1.234s`), where natscli prints one as is
//   (sub --delta-time, prompt defaults);
// - formatMicros: a latency in microseconds (`12.5us`, `1,234us`, `15ms`), for bench reports.
// Times: formatTime (`2006-01-02 15:04:05`), formatStampMicro (Go's StampMicro), formatRfc3339,
// formatKitchen (Go's Kitchen), formatAgo (how long ago).

/** Renders milliseconds the way natscli humanizes durations: `1d2h3m4s`, `12.34s`, `250ms`. */
export function formatDuration(ms: number): string {
  if (ms < 0) return 'unlimited'
  if (ms === 0) return '0s'
  if (ms < 1) return `${Math.round(ms * 1000)}µs`
  if (ms < 1000) return `${Number(ms.toFixed(2))}ms`
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(2))}s`
  let rest = Math.round(ms / 1000)
  const parts: string[] = []
  for (const [unit, size] of [
    ['y', 365 * 86_400],
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`)
      rest %= size
    }
  }
  return parts.join('')
}

/** How long something has run, humanized in whole seconds (at least `1s`): `3m12s`, `2d4h`. */
export function formatUptime(ms: number): string {
  return formatDuration(Math.max(1000, Math.round(ms / 1000) * 1000))
}

/** A duration the way Go's time.Duration prints it: `512µs`, `12.5ms`, `1.234s`, `2m3.5s`, `1h0m2s`. */
export function formatGoDuration(ms: number): string {
  if (ms <= 0) return '0s'
  if (ms < 1) return `${trimZeros((ms * 1000).toFixed(3))}µs`
  if (ms < 1000) return `${trimZeros(ms.toFixed(3))}ms`
  const hours = Math.floor(ms / 3_600_000)
  const minutes = Math.floor((ms % 3_600_000) / 60_000)
  const seconds = trimZeros(((ms % 60_000) / 1000).toFixed(3))
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`
  if (minutes > 0) return `${minutes}m${seconds}s`
  return `${seconds}s`
}

/** A latency in microseconds as the bench reports print it: `12.5us`, `1,234us`, `15ms`. */
export function formatMicros(us: number): string {
  if (us >= 10_000) return `${formatCount(Math.round(us / 1000))}ms`
  if (us >= 100) return `${formatCount(Math.round(us))}us`
  return `${Number(us.toFixed(2))}us`
}

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed
}

/** IEC units as natscli prints them: `0 B`, `512 B`, `1.0 KiB`, `12 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 0) return 'unlimited'
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`
}

/** Thousands separators, as natscli prints counts: `1,234,567`. */
export function formatCount(n: number | bigint): string {
  // Not toLocaleString: its first call loads ICU's number-formatting data, ~10 ms of a one-message `pub`.
  if (typeof n === 'number' && !Number.isSafeInteger(n)) return n.toLocaleString('en-US') // fractions, 1e21: rare
  const text = String(n)
  const sign = text.startsWith('-') ? '-' : ''
  return sign + text.slice(sign.length).replace(/\B(?=(\d{3})+$)/g, ',')
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** Local time as natscli prints it: 2006-01-02 15:04:05 (`never` for none or the zero time). */
export function formatTime(value: string | Date | undefined): string {
  if (!value) return 'never'
  const d = typeof value === 'string' ? new Date(value) : value
  if (Number.isNaN(d.getTime()) || d.getTime() <= 0) return 'never'
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** Go's time.StampMicro in local time: `Jan _2 15:04:05.000000`. */
export function formatStampMicro(date: Date): string {
  const day = String(date.getDate()).padStart(2, ' ')
  return `${MONTHS[date.getMonth()]} ${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}000`
}

/** RFC 3339 in local time with offset, as Go's time.RFC3339 prints: 2026-11-21T11:47:08+01:00. */
export function formatRfc3339(date: Date): string {
  const offset = -date.getTimezoneOffset()
  const zone = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${zone}`
}

/** Go's time.Kitchen: 3:04PM. */
export function formatKitchen(date: Date): string {
  const hours = date.getHours() % 12 || 12
  return `${hours}:${pad(date.getMinutes())}${date.getHours() < 12 ? 'AM' : 'PM'}`
}

/** How long ago, humanized (`1m3s`), or `never` for the zero time. */
export function formatAgo(value: string | undefined, now = Date.now()): string {
  if (!value) return 'never'
  const t = new Date(value).getTime()
  if (Number.isNaN(t) || t <= 0) return 'never'
  return formatDuration(Math.max(0, now - t))
}
