// How natsctl prints numbers, sizes, durations and times, in natscli's style. One module, so a duration
// or a size reads the same in every command. Parsing what users type lives in units.ts.

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

/** Local time as natscli prints it: 2006-01-02 15:04:05. */
export function formatTime(value: string | Date | undefined): string {
  if (!value) return 'never'
  const d = typeof value === 'string' ? new Date(value) : value
  if (Number.isNaN(d.getTime()) || d.getTime() <= 0) return 'never'
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

/** How long ago, humanized (`1m3s`), or `never` for the zero time. */
export function formatAgo(value: string | undefined, now = Date.now()): string {
  if (!value) return 'never'
  const t = new Date(value).getTime()
  if (Number.isNaN(t) || t <= 0) return 'never'
  return formatDuration(Math.max(0, now - t))
}
