// A health check's result and how it is written out (`server check ...`): natscli's (jsm.go monitor's)
// Result with OK, WARNING and CRITICAL messages and performance data, its four formats (nagios, json,
// prometheus, text) and natsctl's fifth, junit: an XML test report CI systems render, which several check
// runs can fill one after another (mergeJunit). Pure: no I/O, no NATS client; unit-tested.

/** The Nagios states, in the order of their exit codes (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN). */
const STATUSES = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] as const
type CheckStatus = (typeof STATUSES)[number]

export type CheckFormat = 'json' | 'junit' | 'nagios' | 'prometheus' | 'text'

/** One measurement: `name=value[unit];warn;crit` in Nagios, a gauge in Prometheus. Times are in seconds. */
interface PerfDataItem {
  name: string
  value: number
  warn?: number
  crit?: number
  unit?: string
  help?: string
}

/** natscli's JSON shape (jsm.go monitor.Result), plus natsctl's duration. */
export interface CheckResultJson {
  output?: string
  status: CheckStatus
  check_suite: string
  check_name: string
  warning?: string[]
  critical?: string[]
  unknown?: string[]
  ok?: string[]
  perf_data: Array<{name: string; value: number; warning: number; critical: number; unit?: string}>
  /** How long the check took, in seconds. */
  duration: number
}

export class CheckResult {
  readonly oks: string[] = []
  readonly warnings: string[] = []
  readonly criticals: string[] = []
  readonly unknowns: string[] = []
  readonly perfData: PerfDataItem[] = []
  /** Replaces the OK messages in the Nagios line when set. */
  output?: string
  durationMs = 0

  /** `suite` is the kind of check (request, stream, meta...), `name` what it checked (a subject, a stream). */
  constructor(
    readonly suite: string,
    public name: string,
  ) {}

  ok(message: string): void {
    this.oks.push(message)
  }

  warn(message: string): void {
    this.warnings.push(message)
  }

  critical(message: string): void {
    this.criticals.push(message)
  }

  /** The check could not tell (it did not get as far as a verdict); CRITICAL still wins over it. */
  unknown(message: string): void {
    this.unknowns.push(message)
  }

  okIfClean(message: string): void {
    if (this.warnings.length === 0 && this.criticals.length === 0) this.ok(message)
  }

  pd(...items: PerfDataItem[]): void {
    this.perfData.push(...items)
  }

  get status(): CheckStatus {
    if (this.criticals.length > 0) return 'CRITICAL'
    if (this.unknowns.length > 0) return 'UNKNOWN'
    if (this.warnings.length > 0) return 'WARNING'
    return 'OK'
  }

  /** 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. */
  get code(): number {
    return STATUSES.indexOf(this.status)
  }

  /**
   * The process exit code: the status code, except with `--format prometheus`, where natscli exits 0 so a
   * textfile collector's job does not fail on a CRITICAL check (the status is in the status_code metric).
   */
  exitCode(format: CheckFormat): number {
    return format === 'prometheus' ? 0 : this.code
  }

  toJSON(): CheckResultJson {
    return {
      ...(this.output ? {output: this.output} : {}),
      status: this.status,
      check_suite: this.suite,
      check_name: this.name,
      ...(this.warnings.length ? {warning: [...this.warnings]} : {}),
      ...(this.criticals.length ? {critical: [...this.criticals]} : {}),
      ...(this.unknowns.length ? {unknown: [...this.unknowns]} : {}),
      ...(this.oks.length ? {ok: [...this.oks]} : {}),
      perf_data: this.perfData.map((p) => ({
        name: p.name,
        value: p.value,
        warning: p.warn ?? 0,
        critical: p.crit ?? 0,
        ...(p.unit ? {unit: p.unit} : {}),
      })),
      duration: round(this.durationMs / 1000, 6),
    }
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

// ---------------------------------------------------------------------------------------------------------
// Nagios: one line, `STATUS name Crit:... Warn:... OK:... | perfdata`

/** `name=value[unit][;warn[;crit]]` as natscli writes it: seconds with 4 decimals, everything else whole. */
export function perfDataText(item: PerfDataItem): string {
  const fmt = (v: number) => (item.unit === 's' ? v.toFixed(4) : v.toFixed(0))
  const name = /[\s]/.test(item.name) ? `'${item.name}'` : item.name
  let text = `${name}=${fmt(item.value)}${item.unit ?? ''}`
  const warn = item.warn ?? 0
  const crit = item.crit ?? 0
  if (warn !== 0 || crit !== 0) {
    text += warn === 0 ? ';' : `;${fmt(warn)}`
    if (crit !== 0) text += `;${fmt(crit)}`
  }
  return text
}

export function renderNagios(r: CheckResult): string {
  const parts = [r.name]
  for (const c of r.criticals) parts.push(`Crit:${c}`)
  for (const w of r.warnings) parts.push(`Warn:${w}`)
  for (const u of r.unknowns) parts.push(`Unknown:${u}`)
  if (r.output) parts.push(r.output)
  else for (const ok of r.oks) parts.push(`OK:${ok}`)
  // One line, whatever the messages carry.
  const line = `${r.status} ${parts.join(' ')}`.replaceAll(/[\r\n]+/g, ' ')
  return r.perfData.length === 0 ? line : `${line} | ${r.perfData.map(perfDataText).join(' ')}`
}

// ---------------------------------------------------------------------------------------------------------
// Prometheus text exposition (what node_exporter's textfile collector reads)

/** A metric name: [a-zA-Z_:][a-zA-Z0-9_:]*, parts joined with `_` (Prometheus' BuildFQName). */
function metricName(...parts: string[]): string {
  const joined = parts
    .filter((p) => p !== '')
    .join('_')
    .replaceAll(/[^a-zA-Z0-9_:]/g, '_')
  return /^[a-zA-Z_:]/.test(joined) ? joined : `_${joined}`
}

function escapeLabel(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')
}

function escapeHelp(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n')
}

function sampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Number.POSITIVE_INFINITY) return '+Inf'
  if (value === Number.NEGATIVE_INFINITY) return '-Inf'
  return String(value)
}

/**
 * natscli's metrics: `<namespace>_<suite>_<perfdata name>{item="<name>"}` gauges and
 * `<namespace>_<suite>_status_code{item,status}` (the Nagios code), one family each, sorted by name.
 */
export function renderPrometheus(r: CheckResult, namespace: string): string {
  interface Family {
    help: string
    samples: Map<string, string>
  }
  const families = new Map<string, Family>()
  const add = (name: string, help: string, labels: Record<string, string>, value: number) => {
    const family = families.get(name) ?? {help, samples: new Map()}
    families.set(name, family)
    const labelText = Object.entries(labels)
      .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
      .join(',')
    // The same labels twice would be invalid: the last value wins.
    family.samples.set(labelText, sampleValue(value))
  }
  for (const pd of r.perfData) {
    add(metricName(namespace, r.suite, pd.name), pd.help ?? `Data about the NATS check ${r.suite}`, {item: r.name}, pd.value)
  }
  add(metricName(namespace, r.suite, 'status_code'), `Nagios compatible status code for ${r.suite}`, {item: r.name, status: r.status}, r.code)
  const lines: string[] = []
  for (const name of [...families.keys()].sort()) {
    const family = families.get(name)!
    lines.push(`# HELP ${name} ${escapeHelp(family.help)}`, `# TYPE ${name} gauge`)
    for (const [labels, value] of family.samples) lines.push(`${name}{${labels}} ${value}`)
  }
  return `${lines.join('\n')}\n`
}

// ---------------------------------------------------------------------------------------------------------
// Text: the status, the messages and the metrics, for a person

interface TextTables {
  heading: string
  messages: string[][]
  metrics: string[][]
}

/** The rows natscli's text format shows; the caller draws them with ui/table.ts. */
export function textTables(r: CheckResult): TextTables {
  const fmt = (v: number | undefined) =>
    v === undefined || v === 0 ? '' : Number.isInteger(v) ? v.toLocaleString('en-US') : String(Number(v.toFixed(4)))
  const messages = [
    ...r.oks.map((m) => ['OK', m]),
    ...r.warnings.map((m) => ['Warning', m]),
    ...r.unknowns.map((m) => ['Unknown', m]),
    ...r.criticals.map((m) => ['Critical', m]),
  ]
  const metrics = r.perfData.map((p) => [p.name, fmt(p.value) || '0', p.unit ?? '', fmt(p.crit), fmt(p.warn), p.help ?? ''])
  return {heading: `${r.name}: ${r.status}`, messages, metrics}
}

// ---------------------------------------------------------------------------------------------------------
// JUnit XML: one testsuite per run, one testcase per check; WARNING and CRITICAL are failures, UNKNOWN an error

/** The suite natsctl writes and recognises when it adds a check to an existing report. */
const JUNIT_SUITE = 'natsctl server check'

function escapeXml(value: string): string {
  return (
    value
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      .replaceAll("'", '&apos;')
      // Characters XML 1.0 cannot carry at all (control characters other than tab, LF, CR).

      .replaceAll(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
  )
}

/** One `<testcase>` element for the result (indented for its place inside `<testsuite>`). */
function junitTestcase(r: CheckResult): string {
  const line = renderNagios(r)
  const attrs = `classname="${escapeXml(`server.check.${r.suite}`)}" name="${escapeXml(`${r.suite} ${r.name}`)}" time="${(r.durationMs / 1000).toFixed(3)}"`
  const body: string[] = []
  const problems = [...r.criticals.map((m) => `CRITICAL: ${m}`), ...r.warnings.map((m) => `WARNING: ${m}`), ...r.unknowns.map((m) => `UNKNOWN: ${m}`)]
  if (r.status === 'WARNING' || r.status === 'CRITICAL') {
    const message = [...r.criticals, ...r.warnings].join('; ')
    body.push(`      <failure type="${r.status}" message="${escapeXml(message)}">${escapeXml(problems.join('\n'))}</failure>`)
  } else if (r.status === 'UNKNOWN') {
    body.push(`      <error type="UNKNOWN" message="${escapeXml(r.unknowns.join('; '))}">${escapeXml(problems.join('\n'))}</error>`)
  }
  body.push(`      <system-out>${escapeXml(line)}</system-out>`)
  return `    <testcase ${attrs}>\n${body.join('\n')}\n    </testcase>`
}

interface Totals {
  tests: number
  failures: number
  errors: number
  time: number
}

function totals(testcases: string[]): Totals {
  const t: Totals = {tests: testcases.length, failures: 0, errors: 0, time: 0}
  for (const tc of testcases) {
    if (/^\s*<testcase\b[^>]*>\s*<failure\b/.test(tc)) t.failures++
    else if (/^\s*<testcase\b[^>]*>\s*<error\b/.test(tc)) t.errors++
    t.time += Number(/^\s*<testcase\b[^>]*\btime="([\d.]+)"/.exec(tc)?.[1] ?? 0)
  }
  return t
}

function junitDocument(testcases: string[], timestamp: string): string {
  const t = totals(testcases)
  const counts = `tests="${t.tests}" failures="${t.failures}" errors="${t.errors}"`
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${JUNIT_SUITE}" ${counts} time="${t.time.toFixed(3)}">`,
    `  <testsuite name="${JUNIT_SUITE}" ${counts} skipped="0" time="${t.time.toFixed(3)}" timestamp="${escapeXml(timestamp)}">`,
    ...testcases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}

/** A report of one check. */
export function renderJunit(r: CheckResult, now = new Date()): string {
  return junitDocument([junitTestcase(r)], isoSeconds(now))
}

/** JUnit's timestamp: ISO 8601 without a zone or fractions (what the schema allows). */
function isoSeconds(date: Date): string {
  return date.toISOString().slice(0, 19)
}

/**
 * Adds the check to a report natsctl wrote before (the same file, from an earlier check of the same CI run):
 * the testcases so far, then this one, with the totals counted again. `existing` empty or absent starts a
 * new report. Anything else (another tool's XML) is refused rather than overwritten: undefined.
 */
export function mergeJunit(existing: string | undefined, r: CheckResult, now = new Date()): string | undefined {
  if (existing === undefined || existing.trim() === '') return renderJunit(r, now)
  if (!existing.includes(`<testsuite name="${JUNIT_SUITE}"`)) return undefined
  // Every value is escaped, so `</testcase>` only ever closes a testcase.
  const testcases = existing.match(/ {4}<testcase\b[\s\S]*?<\/testcase>/g) ?? []
  const timestamp = /<testsuite\b[^>]*\btimestamp="([^"]*)"/.exec(existing)?.[1] ?? isoSeconds(now)
  return junitDocument([...testcases, junitTestcase(r)], timestamp)
}
