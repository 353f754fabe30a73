// What every `bench` command shares: the common flags, where the clients connect (including `--ephemeral`,
// a throwaway broker for this run), splitting --msgs across clients, the banner,
// running the clients, and the report (text, plot, CSV, --json). The command files only say which clients
// to run and any JetStream setup.

import {Command, Flags} from '../oclif.js'
import type {Interfaces} from '@oclif/core'

import type {NatsConnection} from '@nats-io/transport-node'

import {NatsctlError, UsageError} from '../errors.js'
import {NatsCommand} from '../nats-command.js'
import type {Target} from '../target.js'
import {MAX_BENCH_CLIENTS, parseDuration, parseSize} from '../units.js'
import {formatBytes, formatCount} from '../format.js'
import {verdict} from '../ui/colour.js'
import type {BenchReport} from './report.js'
import {type ClientKind, type ClientResult, type ClientSpec, type JsClientOptions, KIND_VERBS, SENDER_KINDS} from './types.js'

/** Flags every bench command has (natscli's common flags). */
export const commonBenchFlags = {
  clients: Flags.integer({
    default: 1,
    description: `number of clients (each its own connection; above 1 they run in worker threads; at most ${MAX_BENCH_CLIENTS})`,
    max: MAX_BENCH_CLIENTS,
    min: 1,
  }),
  msgs: Flags.integer({description: 'number of messages (total, split across publishing clients) [default: 100000]', min: 1}),
  progress: Flags.boolean({allowNo: true, default: true, description: 'show progress bars on stderr (only when it is a terminal)'}),
  csv: Flags.string({description: 'save per-client results to this CSV file (natscli columns)'}),
  ephemeral: Flags.boolean({description: 'run against a throwaway nats-server started for this run and removed after it'}),
}

/** The size of what a client sends. */
export const sizeFlag = {
  size: Flags.string({default: '128', description: 'message size, like 16, 128B, 1KiB'}),
}

/**
 * natscli accepts --size on its readers too; natsctl's readers count the bytes they actually receive, so
 * there it is accepted (a natscli command line still runs) but hidden and documented as not used.
 */
export const readerSizeFlag = {
  size: Flags.string({description: 'accepted for natscli compatibility; readers report the bytes they actually receive', hidden: true}),
}

/** Flags of the clients that publish to subjects. */
export const publishFlags = {
  multisubject: Flags.boolean({
    default: false,
    description: 'publish to SUBJECT.<n> (n = message number mod --multisubjectmax); subscribers use SUBJECT.*',
  }),
  multisubjectmax: Flags.integer({default: 100_000, description: 'number of subjects with --multisubject', min: 1}),
  header: Flags.string({char: 'H', description: 'header to add to every message, Key:Value (repeatable)', multiple: true}),
}

/** A fixed rate for the sending clients. */
export const rateFlags = {
  throughput: Flags.integer({default: 0, description: 'fixed rate in messages per second for all clients together (0: as fast as possible)', min: 0}),
  duration: Flags.string({
    dependsOn: ['throughput'],
    description: 'with --throughput: run this long (sets --msgs to throughput x duration), like 10s',
  }),
}

export const benchFlags = {...commonBenchFlags, ...sizeFlag, ...publishFlags, ...rateFlags}

/** The common bench flags as parsed (each bench command adds its own). */
type BenchFlagValues = Interfaces.InferredFlags<typeof benchFlags>

interface ClientGroup {
  kind: ClientKind
  count: number
  /** Messages per client; computed by splitTotal for senders, the full count for receivers. */
  msgs: number[]
  js?: JsClientOptions
  sharedTarget?: number
  /** Per client: its first key (kv), set as js.offset. */
  offsets?: number[]
}

interface BenchPlan {
  label: string
  /** Banner key/values besides the common ones. */
  banner: Record<string, string | number | boolean>
  subject: string
  stream?: string
  /** Senders first or receivers first does not matter: the runner readies all before go. */
  groups: ClientGroup[]
  /** Labels for the two sides of the report. */
  senderLabel?: string
  receiverLabel?: string
  /** Compare what receivers got with what senders sent (pubsub). */
  checkLoss?: boolean
  stallMs?: number
  /** The run's message count when it is not what the senders send (readers splitting a total). */
  totalMsgs?: number
}

/** Splits a total over n clients, the remainder going to the first ones. */
export function splitTotal(total: number, n: number): number[] {
  const base = Math.floor(total / n)
  return Array.from({length: n}, (_, i) => base + (i < total % n ? 1 : 0))
}

export abstract class BenchCommand<T extends typeof Command> extends NatsCommand<T> {
  private ephemeral?: {url: string; stop(): Promise<void>}
  private setupConnection?: NatsConnection

  /** The bench flags this command has (a reader has no --throughput, -H, ...: those are undefined). */
  protected get benchFlags(): Partial<BenchFlagValues> {
    return this.flags as unknown as Partial<BenchFlagValues>
  }

  /** Message size in bytes from --size (0 for readers, which count what they receive). */
  protected messageSize(): number {
    if (!this.sendsMessages()) return 0
    const size = parseSize(this.benchFlags.size ?? '128', 'size')
    if (size < 0) throw new UsageError('invalid size: it must be 0 or more bytes')
    return size
  }

  /** False for commands whose clients only read (their --size is not used). */
  protected sendsMessages(): boolean {
    const ctor = this.constructor as unknown as {flags?: Record<string, {hidden?: boolean}>}
    return ctor.flags?.size !== undefined && !ctor.flags.size.hidden
  }

  /** --msgs, or throughput x duration, or the default. */
  protected totalMessages(fallback = 100_000): number {
    const f = this.benchFlags
    if (f.duration !== undefined) {
      if ((f.throughput ?? 0) <= 0) throw new UsageError('--duration needs --throughput above 0')
      if (f.msgs !== undefined) throw new UsageError('--duration sets the number of messages: do not combine it with --msgs')
      const ms = parseDuration(f.duration, 'duration')
      if (ms <= 0) throw new UsageError('invalid duration: it must be more than zero')
      return Math.max(1, Math.round(((f.throughput ?? 0) * ms) / 1000))
    }
    return f.msgs ?? fallback
  }

  protected headerPairs(): Array<[string, string]> {
    return (this.benchFlags.header ?? []).map((text) => {
      const colon = text.indexOf(':')
      const key = colon === -1 ? '' : text.slice(0, colon).trim()
      if (colon === -1 || key === '' || /\s/.test(key)) throw new UsageError(`invalid header "${text}": use -H Key:Value`)
      return [key, text.slice(colon + 1).trim()]
    })
  }

  /**
   * Where the clients connect. `--ephemeral` means a throwaway nats-server for this run, stopped when the
   * command ends; with nothing configured the embedded default broker is ensured once through the
   * base; otherwise the resolved target as is.
   */
  protected async benchTarget(options: {jetstream?: boolean} = {}): Promise<Target> {
    await this.checkCsv()
    if (this.benchFlags.ephemeral) {
      const base = this.target()
      if (!this.ephemeral) {
        const {startEphemeralBroker} = await import('../broker/ephemeral.js')
        this.status('Starting a throwaway nats-server for this run')
        this.ephemeral = await startEphemeralBroker({jetstream: options.jetstream ?? true})
      }
      return {...base, servers: [this.ephemeral.url], auth: {}, tls: undefined, embedded: undefined, context: undefined}
    }
    if (this.target().embedded) await this.nc()
    return this.target()
  }

  /** --csv is checked before anything runs: a run is not thrown away because its CSV cannot be written at the end. */
  protected async checkCsv(): Promise<void> {
    const path = this.benchFlags.csv
    if (path === undefined) return
    const {accessSync, constants, statSync} = await import('node:fs')
    const nodePath = await import('node:path')
    const {fileProblem} = await import('../errors.js')
    if (path.trim() === '') throw new UsageError('invalid --csv: give a file name')
    const dir = nodePath.dirname(nodePath.resolve(path))
    try {
      if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), {code: 'ENOTDIR'})
      accessSync(dir, constants.W_OK)
      const target = statSync(path, {throwIfNoEntry: false})
      if (target?.isDirectory()) throw Object.assign(new Error('is a directory'), {code: 'EISDIR'})
      if (target) accessSync(path, constants.W_OK)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const where = code === 'EISDIR' || code === 'EACCES' || code === 'EPERM' ? path : dir
      throw new UsageError(`invalid --csv ${path}: cannot write ${where}: ${code === 'ENOENT' ? 'no such directory' : fileProblem(error)}`)
    }
  }

  /** A connection for setup work (streams, consumers) to the bench target. */
  protected async setupNc(target: Target): Promise<NatsConnection> {
    if (!this.benchFlags.ephemeral) return this.nc()
    if (!this.setupConnection) {
      const {connectTarget} = await import('../connect.js')
      this.setupConnection = await connectTarget(target)
    }
    return this.setupConnection
  }

  protected async finally(error: Error | undefined): Promise<unknown> {
    try {
      if (this.setupConnection && !this.setupConnection.isClosed()) await this.setupConnection.drain().catch(() => {})
      await this.closeConnection()
    } finally {
      await this.ephemeral?.stop().catch(() => {})
    }
    return super.finally(error)
  }

  /** Runs the plan and reports: text (or --json), the latency plot, the CSV; exits 1 when a client failed. */
  protected async runPlan(target: Target, plan: BenchPlan): Promise<BenchReport> {
    const f = this.benchFlags
    await this.checkCsv()
    const size = this.messageSize()
    const headers = this.headerPairs()
    const runId = Math.random().toString(36).slice(2, 12)
    const senders = plan.groups.filter((g) => SENDER_KINDS.has(g.kind)).reduce((a, g) => a + g.count, 0)
    const throughput = f.throughput ?? 0
    const rateFor = (kind: ClientKind) => (SENDER_KINDS.has(kind) && throughput > 0 ? throughput / Math.max(1, senders) : 0)

    const specs: ClientSpec[] = []
    const counters = {P: 0, S: 0}
    for (const group of plan.groups) {
      for (let i = 0; i < group.count; i++) {
        const prefix = SENDER_KINDS.has(group.kind) ? 'P' : 'S'
        specs.push({
          kind: group.kind,
          id: `${prefix}${counters[prefix]++}`,
          slot: specs.length,
          subject: plan.subject,
          msgs: group.msgs[i],
          size,
          multisubject: f.multisubject ?? false,
          multisubjectMax: f.multisubjectmax ?? 100_000,
          headers,
          rate: rateFor(group.kind),
          timeoutMs: target.timeoutMs,
          ...(target.inboxPrefix ? {inboxPrefix: target.inboxPrefix} : {}),
          runId,
          sharedTarget: group.sharedTarget,
          js: group.js && group.offsets ? {...group.js, offset: group.offsets[i]} : group.js,
        })
      }
    }

    if (specs.some((s) => SENDER_KINDS.has(s.kind) && s.msgs === 0)) {
      throw new UsageError('--msgs must be at least --clients: every publishing client needs a message')
    }
    const banner: Record<string, string | number | boolean> = {
      clients: specs.length,
      ...(this.sendsMessages() ? {'msg-size': formatBytes(size)} : {}),
      msgs: formatCount(plan.totalMsgs ?? (specs.filter((s) => SENDER_KINDS.has(s.kind)).reduce((a, s) => a + s.msgs, 0) || specs[0]?.msgs || 0)),
      ...(f.multisubject === undefined ? {} : {multisubject: f.multisubject}),
      ...(f.multisubject ? {multisubjectmax: f.multisubjectmax} : {}),
      ...(throughput > 0 ? {throughput: formatCount(throughput)} : {}),
      ...(plan.subject ? {subject: plan.subject} : {}),
      ...plan.banner,
    }
    const keys = Object.keys(banner).sort()
    this.status(`Starting ${plan.label} benchmark [${keys.map((k) => `${k}=${banner[k]}`).join(', ')}]`)
    for (const spec of specs) {
      const verb = KIND_VERBS[spec.kind].status
      const count = spec.kind === 'reply' && spec.msgs === 0 ? 'requests until interrupted' : `${formatCount(spec.msgs)} messages`
      const label = SENDER_KINDS.has(spec.kind) ? (plan.senderLabel ?? plan.label) : (plan.receiverLabel ?? plan.label)
      this.status(`[${spec.slot + 1}] Starting ${label}, ${verb} ${count}`)
    }

    const {runBench} = await import('./runner.js')
    const outcome = await runBench({
      target,
      clients: specs,
      progress: f.progress ?? true,
      interrupt: this.untilSignal(),
      stallMs: plan.stallMs,
      // A run with only receivers waits for someone else's messages or requests: say when they may come, so
      // a script (or a second shell) knows when to start the sending side.
      onReady: specs.some((s) => SENDER_KINDS.has(s.kind))
        ? undefined
        : () => this.status(`All ${specs.length} ${specs.length === 1 ? 'client is' : 'clients are'} ready: waiting for messages`),
    })

    if (outcome.startupFailed) {
      // Nothing ran: no numbers to report, only why.
      const errors = outcome.results.filter((r) => r.error).map((r) => r.error!)
      throw new NatsctlError(
        `${errors.length} of ${specs.length} clients could not start: ${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
      )
    }
    const report = await this.buildReport(plan, specs, outcome.results, size, runId)
    // A replier without --msgs serves until Ctrl-C: that is how it ends, not a warning.
    const untilInterrupted = specs.every((s) => s.kind === 'reply' && s.msgs === 0)
    if (outcome.interrupted && !untilInterrupted) report.warnings.push('the run was interrupted: results cover what happened until then')
    await this.printReport(report, outcome.results)
    if (f.csv) {
      const {writeFileSync} = await import('node:fs')
      const {renderCsv} = await import('./report.js')
      writeFileSync(f.csv, renderCsv(report))
      this.status(`Saved metric data in csv file ${f.csv}`)
    }
    if (report.errors.length > 0) {
      // What was measured is still the output (--json included); the error line and exit 1 come after it.
      if (this.jsonEnabled()) this.logJson(report)
      throw new NatsctlError(
        `${report.errors.length} of ${specs.length} clients failed: ${report.errors[0]}${report.errors.length > 1 ? ` (and ${report.errors.length - 1} more)` : ''}`,
      )
    }
    return report
  }

  private async buildReport(plan: BenchPlan, specs: ClientSpec[], results: ClientResult[], size: number, runId: string): Promise<BenchReport> {
    const {groupStats} = await import('./report.js')
    const senderResults = results.filter((_, i) => SENDER_KINDS.has(specs[i].kind))
    const receiverResults = results.filter((_, i) => !SENDER_KINDS.has(specs[i].kind))
    const publishers = groupStats(plan.senderLabel ?? plan.label, senderResults)
    const subscribers = groupStats(plan.receiverLabel ?? plan.label, receiverResults)
    const {lossWarnings} = await import('./report.js')
    const warnings = plan.checkLoss ? lossWarnings(publishers, subscribers) : []
    const errors = results.filter((r) => r.error).map((r) => r.error!)
    return {
      benchmark: plan.label,
      run_id: runId,
      ...(plan.subject ? {subject: plan.subject} : {}),
      ...(plan.stream ? {stream: plan.stream} : {}),
      clients: specs.length,
      msgs: plan.totalMsgs ?? (specs.filter((s) => SENDER_KINDS.has(s.kind)).reduce((a, s) => a + s.msgs, 0) || (specs[0]?.msgs ?? 0)),
      size,
      ...(publishers ? {publishers} : {}),
      ...(subscribers ? {subscribers} : {}),
      warnings,
      errors,
    }
  }

  /** A `WARNING: ...` status line (the word yellow on a terminal). */
  protected warning(message: string): void {
    this.status(`${verdict('WARNING', process.stderr)}: ${message}`)
  }

  private async printReport(report: BenchReport, results: ClientResult[]): Promise<void> {
    const {mergedLatency, renderLatencyPlot, renderReport} = await import('./report.js')
    for (const warning of report.warnings) this.warning(warning)
    if (report.errors.length > 0) {
      this.warning('at least one of the clients disconnected or experienced an error:')
      for (const e of report.errors) this.status(`  ${e}`)
    }
    if (this.jsonEnabled()) return
    this.log('')
    for (const line of renderReport(report)) this.log(line)
    const latency = mergedLatency(results)
    if (latency) {
      this.log('')
      for (const line of renderLatencyPlot(latency)) this.log(line)
    }
  }
}
