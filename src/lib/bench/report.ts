// Turns client results into natscli-style numbers: per client and aggregate msgs/s and MiB/s, min/avg/max/
// stddev of the clients' rates, latency percentiles from the merged histograms. Three renderings of the same
// report: text (stdout), CSV (natscli's columns) and the --json object (the report itself).

import {formatCount, formatMicros} from '../format.js'
import {Histogram, type LatencySummary} from './histogram.js'
import type {ClientResult} from './types.js'

const MIB = 1024 * 1024

/** What is measured for one client and for a group of them. */
interface Throughput {
  msgs: number
  bytes: number
  duration_secs: number
  msgs_per_sec: number
  bytes_per_sec: number
  mib_per_sec: number
  /** Microseconds, for request and JetStream publish (merged over the clients for a group). */
  latency_us?: LatencySummary
}

interface ClientStats extends Throughput {
  id: string
  error?: string
}

interface GroupStats extends Throughput {
  /** Human name, natscli style: "Core NATS publisher". The duration runs from the earliest client start to the latest client end. */
  label: string
  /** Spread of the clients' own msgs/s. */
  rates: {min: number; avg: number; max: number; stddev: number}
  clients: ClientStats[]
}

export interface BenchReport {
  benchmark: string
  run_id: string
  subject?: string
  stream?: string
  clients: number
  msgs: number
  size: number
  publishers?: GroupStats
  subscribers?: GroupStats
  warnings: string[]
  errors: string[]
}

function clientStats(r: ClientResult): ClientStats {
  const seconds = Math.max(0, r.end - r.start) / 1000
  const rate = seconds > 0 ? r.msgs / seconds : 0
  const byteRate = seconds > 0 ? r.bytes / seconds : 0
  const stats: ClientStats = {
    id: r.id,
    msgs: r.msgs,
    bytes: r.bytes,
    duration_secs: round(seconds, 6),
    msgs_per_sec: Math.round(rate),
    bytes_per_sec: Math.round(byteRate),
    mib_per_sec: round(byteRate / MIB, 2),
  }
  if (r.latency) stats.latency_us = Histogram.from(r.latency).summary()
  if (r.error) stats.error = r.error
  return stats
}

export function groupStats(label: string, results: ClientResult[]): GroupStats | undefined {
  if (results.length === 0) return undefined
  const clients = results.map(clientStats)
  const counted = results.filter((r) => r.msgs > 0)
  const start = counted.length ? Math.min(...counted.map((r) => r.start)) : 0
  const end = counted.length ? Math.max(...counted.map((r) => r.end)) : 0
  const seconds = Math.max(0, end - start) / 1000
  const msgs = results.reduce((a, r) => a + r.msgs, 0)
  const bytes = results.reduce((a, r) => a + r.bytes, 0)
  const rates = clients.map((c) => c.msgs_per_sec)
  const avg = rates.reduce((a, b) => a + b, 0) / rates.length
  const variance = rates.reduce((a, b) => a + (b - avg) ** 2, 0) / rates.length
  const group: GroupStats = {
    label,
    msgs,
    bytes,
    duration_secs: round(seconds, 6),
    msgs_per_sec: seconds > 0 ? Math.round(msgs / seconds) : 0,
    bytes_per_sec: seconds > 0 ? Math.round(bytes / seconds) : 0,
    mib_per_sec: seconds > 0 ? round(bytes / seconds / MIB, 2) : 0,
    rates: {min: Math.min(...rates), avg: Math.round(avg), max: Math.max(...rates), stddev: Math.round(Math.sqrt(variance))},
    clients,
  }
  const withLatency = results.filter((r) => r.latency)
  if (withLatency.length) {
    const merged = new Histogram()
    for (const r of withLatency) merged.merge(r.latency!)
    group.latency_us = merged.summary()
  }
  return group
}

/** pubsub: every subscriber expects every published message; fewer is loss, reported with the numbers. */
export function lossWarnings(publishers: GroupStats | undefined, subscribers: GroupStats | undefined): string[] {
  if (!publishers || !subscribers) return []
  return subscribers.clients
    .filter((sub) => sub.msgs < publishers.msgs)
    .map((sub) => {
      const lost = publishers.msgs - sub.msgs
      return `subscriber ${sub.id} received ${formatCount(sub.msgs)} of ${formatCount(publishers.msgs)} published messages (${formatCount(lost)} lost, ${((lost / publishers.msgs) * 100).toFixed(2)}%)`
    })
}

/** The merged latency histogram of a set of results (for the terminal plot). */
export function mergedLatency(results: ClientResult[]): Histogram | undefined {
  const withLatency = results.filter((r) => r.latency && r.latency.count > 0)
  if (withLatency.length === 0) return undefined
  const merged = new Histogram()
  for (const r of withLatency) merged.merge(r.latency!)
  return merged
}

function round(n: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(n * f) / f
}

function rateText(msgsPerSec: number, mibPerSec: number): string {
  return `${formatCount(msgsPerSec)} msgs/sec ~ ${mibPerSec < 10 ? mibPerSec.toFixed(2) : mibPerSec.toFixed(1)} MiB/sec`
}

function latencyInline(l: LatencySummary): string {
  return ` ~ min: ${formatMicros(l.min)} ~ avg: ${formatMicros(l.avg)} ~ max: ${formatMicros(l.max)} ~ P50: ${formatMicros(l.p50)} ~ P90: ${formatMicros(l.p90)} ~ P99: ${formatMicros(l.p99)} ~ P99.9: ${formatMicros(l.p99_9)}`
}

/** natscli's text layout for one group of clients. */
function renderGroup(group: GroupStats): string[] {
  if (group.clients.length === 1) {
    const c = group.clients[0]
    return [`NATS ${group.label} stats: ${rateText(c.msgs_per_sec, c.mib_per_sec)}${c.latency_us ? latencyInline(c.latency_us) : ''}`]
  }
  const lines = group.clients.map(
    (c, i) =>
      ` [${i + 1}] ${rateText(c.msgs_per_sec, c.mib_per_sec)}${c.latency_us ? latencyInline(c.latency_us) : ''} (${formatCount(c.msgs)} msgs)`,
  )
  lines.push('')
  lines.push(` NATS ${group.label} aggregated stats: ${rateText(group.msgs_per_sec, group.mib_per_sec)}`)
  const r = group.rates
  lines.push(
    ` message rates min ${formatCount(r.min)} | avg ${formatCount(r.avg)} | max ${formatCount(r.max)} | stddev ${formatCount(r.stddev)} msgs`,
  )
  const l = group.latency_us
  if (l) {
    lines.push(
      ` latencies per operation min ${formatMicros(l.min)} | avg ${formatMicros(l.avg)} | max ${formatMicros(l.max)} | stddev ${formatMicros(l.stddev)} | P50 ${formatMicros(l.p50)} | P90 ${formatMicros(l.p90)} | P99 ${formatMicros(l.p99)} | P99.9: ${formatMicros(l.p99_9)}`,
    )
  }
  return lines
}

export function renderReport(report: BenchReport): string[] {
  const groups = [report.publishers, report.subscribers].filter((g): g is GroupStats => g !== undefined && g.clients.length > 0)
  if (groups.length === 0) return ['No publisher or subscribers. Nothing to report.']
  const lines: string[] = []
  for (const [i, g] of groups.entries()) {
    if (i > 0) lines.push('')
    lines.push(...renderGroup(g))
  }
  return lines
}

const CSV_HEADER = ['#RunID', 'ClientID', 'MsgCount', 'MsgBytes', 'MsgsPerSec', 'BytesPerSec', 'DurationSecs']
const CSV_LATENCY = [
  'MinLatencyMicroSecs',
  'AvgLatencyMicroSecs',
  'MaxLatencyMicroSecs',
  'P50LatencyMicroSecs',
  'P90LatencyMicroSecs',
  'P99LatencyMicroSecs',
  'P99.9LatencyMicroSecs',
  'StdDevLatencyMicroSecs',
]

/** natscli's CSV: one row per client, ids P0.. for publishers and S0.. for subscribers. */
export function renderCsv(report: BenchReport): string {
  const groups = [report.publishers, report.subscribers].filter((g): g is GroupStats => g !== undefined)
  const latency = groups.some((g) => g.clients.some((c) => c.latency_us))
  const rows = [[...CSV_HEADER, ...(latency ? CSV_LATENCY : [])].join(',')]
  for (const g of groups) {
    for (const c of g.clients) {
      const row = [
        report.run_id,
        c.id,
        String(c.msgs),
        String(c.bytes),
        String(c.msgs_per_sec),
        c.bytes_per_sec.toFixed(6),
        c.duration_secs.toFixed(6),
      ]
      if (latency) {
        const l = c.latency_us
        row.push(...(l ? [l.min, l.avg, l.max, l.p50, l.p90, l.p99, l.p99_9, l.stddev].map((v) => v.toFixed(2)) : CSV_LATENCY.map(() => '')))
      }
      rows.push(row.join(','))
    }
  }
  return rows.join('\n') + '\n'
}

/** A small latency histogram for the terminal: about 10 log-spaced rows between the minimum and P99.9. */
export function renderLatencyPlot(h: Histogram, options: {rows?: number; width?: number} = {}): string[] {
  if (h.count === 0) return []
  const rows = options.rows ?? 10
  const width = options.width ?? 40
  const low = Math.max(1, h.min)
  const high = Math.max(low + 1, h.percentile(99.9))
  const ratio = (high / low) ** (1 / rows)
  const edges = Array.from({length: rows + 1}, (_, i) => low * ratio ** i)
  const counts = new Array<number>(rows).fill(0)
  let above = 0
  for (const [bLow, bHigh, n] of h.nonEmpty()) {
    const mid = (bLow + bHigh) / 2
    if (mid > high) {
      above += n
      continue
    }
    let row = Math.floor(Math.log(Math.max(mid, low) / low) / Math.log(ratio))
    if (row >= rows) row = rows - 1
    if (row < 0) row = 0
    counts[row] += n
  }
  const peak = Math.max(...counts, above, 1)
  const us = (ns: number) => formatMicros(ns / 1000)
  const labels = counts.map((_, i) => `${us(edges[i])} - ${us(edges[i + 1])}`)
  if (above > 0) labels.push(`> ${us(high)}`)
  const labelWidth = Math.max(...labels.map((l) => l.length))
  const line = (label: string, n: number) =>
    `  ${label.padStart(labelWidth)} | ${'#'.repeat(Math.round((n / peak) * width)).padEnd(width)} ${((n / h.count) * 100).toFixed(1).padStart(5)}%`
  const out = ['Latency distribution:']
  for (const [i, n] of counts.entries()) out.push(line(labels[i], n))
  if (above > 0) out.push(line(labels[rows], above))
  return out
}
