// `server ping`: round trip times per server, their summary, and a terminal chart of how the replies spread.

export interface RttSummary {
  replies: number
  min: number
  avg: number
  max: number
}

export function summarise(times: number[]): RttSummary | undefined {
  if (times.length === 0) return undefined
  const sum = times.reduce((a, b) => a + b, 0)
  return {replies: times.length, min: Math.min(...times), avg: sum / times.length, max: Math.max(...times)}
}

/**
 * A histogram of reply times as horizontal bars, one row per time bucket (natscli plots responses per 25 ms;
 * on one machine every reply is under a few ms, so the bucket width follows the spread: 10 rows at most).
 */
export function rttChart(times: number[], width = 40): string {
  if (times.length === 0) return ''
  const max = Math.max(...times)
  const steps = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000]
  const bucket = steps.find((step) => max / step < 10) ?? 1000
  const counts = new Array<number>(Math.floor(max / bucket) + 1).fill(0)
  for (const t of times) counts[Math.floor(t / bucket)]++
  const most = Math.max(...counts)
  const label = (i: number) => `${fmt(i * bucket)}-${fmt((i + 1) * bucket)} ms`
  const pad = Math.max(...counts.map((_, i) => label(i).length))
  const lines = counts.map((count, i) => {
    const bar = count === 0 ? '' : '█'.repeat(Math.max(1, Math.round((count / most) * width)))
    return `${label(i).padStart(pad)} │${bar} ${count}`
  })
  return [`Replies per ${fmt(bucket)} ms`, '', ...lines].join('\n')
}

function fmt(n: number): string {
  return Number(n.toFixed(2)).toString()
}
