// Core publishing for `pub`: subject checks, the per-message factory (subject, body, headers, each a template
// compiled once) shared with request and pub -J, the flow-controlled hot loop, and the status lines. The hot
// loop allocates as little as it can: a body without a template is encoded once and the same bytes are sent
// every time; headers without templates are built once.

import type {MsgHdrs, NatsConnection} from '@nats-io/transport-node'

import {NatsctlError, UsageError} from '../errors.js'
import {createProgress, type Progress} from '../ui/progress.js'
import {stderrIsTerminal} from '../ui/terminal.js'
import {formatBytes, formatCount} from '../format.js'
import {type Body, bodyBytes} from './body.js'
import type {HeaderSpec} from './headers.js'
import {compileTemplate, hasTemplate, type Template} from './templates.js'
import {checkPublishSubject} from '../validate.js'

/**
 * Checks a subject we are about to publish (or request) on: not empty, no whitespace, no empty tokens, and
 * no wildcard tokens (`*`, `>`), which the server would silently accept and nobody would receive.
 */
export function checkSubject(subject: string, what = 'subject'): void {
  checkPublishSubject(subject, what)
}

interface MessageFactoryOptions {
  subject: string
  headers: HeaderSpec[]
  /** The raw `-H` values, to tell which headers hold templates. */
  headerTexts?: string[]
  reply?: string
  templates: boolean
}

/**
 * Builds the subject, reply and headers of message number N. Everything that does not change between
 * messages is computed once. Construct with `MessageFactory.create` (templates compile asynchronously).
 */
export class MessageFactory {
  readonly subjectText: string
  private readonly subjectTemplate?: Template
  private readonly replyTemplate?: Template
  private readonly replyText?: string
  private staticHeaders?: MsgHdrs
  private headersFn?: () => MsgHdrs

  private constructor(
    options: MessageFactoryOptions,
    subjectTemplate: Template | undefined,
    replyTemplate: Template | undefined,
    private readonly headerSpecs: HeaderSpec[],
    private readonly headersStatic: boolean,
  ) {
    this.subjectText = options.subject
    this.subjectTemplate = subjectTemplate
    this.replyTemplate = replyTemplate
    this.replyText = options.reply
  }

  /** Compiles the templates and checks the subject (as message 1 would have it) before anything connects. */
  static async create(options: MessageFactoryOptions): Promise<MessageFactory> {
    const templated = (text: string | undefined) => text !== undefined && options.templates && hasTemplate(text)
    const subjectTemplate = templated(options.subject) ? await compileTemplate(options.subject, 'subject') : undefined
    const replyTemplate = templated(options.reply) ? await compileTemplate(options.reply!, 'reply subject') : undefined
    const headersStatic = !(options.headerTexts ?? []).some((t) => options.templates && hasTemplate(t))
    const factory = new MessageFactory(options, subjectTemplate, replyTemplate, options.headers, headersStatic)
    checkSubject(factory.subject(1))
    if (options.reply !== undefined) checkSubject(factory.reply(1)!, 'reply subject')
    return factory
  }

  get hasHeaders(): boolean {
    return this.headerSpecs.length > 0
  }

  subject(count: number): string {
    return this.subjectTemplate ? this.subjectTemplate({count}) : this.subjectText
  }

  reply(count: number): string | undefined {
    return this.replyTemplate ? this.replyTemplate({count}) : this.replyText
  }

  /** Loads the client's header constructor; call once before the hot loop when there are headers. */
  async prepare(): Promise<void> {
    if (!this.hasHeaders) return
    const {headers} = await import('@nats-io/transport-node')
    this.headersFn = headers
    if (this.headersStatic) this.staticHeaders = this.buildHeaders(1)
  }

  headers(count: number): MsgHdrs | undefined {
    if (!this.hasHeaders) return undefined
    return this.staticHeaders ?? this.buildHeaders(count)
  }

  private buildHeaders(count: number): MsgHdrs {
    if (!this.headersFn) throw new Error('MessageFactory.prepare() was not called')
    const h = this.headersFn()
    for (const spec of this.headerSpecs) h.append(spec.key, spec.value({count}))
    return h
  }
}

/** The encoded size of headers, as the server counts them against max_payload. */
export function headersSize(h: MsgHdrs | undefined): number {
  if (!h) return 0
  const encode = (h as unknown as {encode?: () => Uint8Array}).encode
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- MsgHdrs' toString() is the wire format
  return encode ? encode.call(h).length : new TextEncoder().encode(h.toString()).length
}

/** Refuses what the server would refuse: headers on a server without them, payloads over max_payload. */
export function checkServerLimits(nc: NatsConnection, size: {body: number; headers: number}, hasHeaders: boolean): void {
  if (hasHeaders && nc.info && nc.info.headers === false) {
    // The v3 client does not throw here: the server would drop the connection (CLIENT-NOTES pitfall 9).
    throw new NatsctlError(`the server ${nc.info.version ?? ''} does not support headers (needs nats-server 2.2 or later)`.replace('  ', ' '))
  }
  const max = nc.info?.max_payload
  const total = size.body + size.headers
  if (max !== undefined && total > max) {
    const parts = size.headers > 0 ? ` (${formatCount(size.body)} bytes body + ${formatCount(size.headers)} bytes headers)` : ''
    throw new NatsctlError(`message of ${formatCount(total)} bytes${parts} is larger than the server's max_payload of ${formatCount(max)} bytes`)
  }
}

interface ReporterOptions {
  quiet: boolean
  /** Messages to send per body, when known (a --count); undefined when streaming lines from stdin. */
  total?: number
  status(message: string): void
  label?: string
}

/**
 * Decides how a run reports: a line per message (natscli's default), a progress bar on a terminal when
 * there are more than 20, one summary line when there are more than 20 and stderr is not a terminal
 * (nobody wants 100,000 lines in a CI log), or nothing with --quiet.
 */
export class PublishReporter {
  readonly mode: 'lines' | 'progress' | 'quiet' | 'summary'
  private readonly progress?: Progress

  constructor(private readonly options: ReporterOptions) {
    if (options.quiet) this.mode = 'quiet'
    else if (options.total === undefined || options.total <= 20) this.mode = 'lines'
    else if (stderrIsTerminal()) this.mode = 'progress'
    else this.mode = 'summary'
    if (this.mode === 'progress') this.progress = createProgress(options.label ?? 'Publishing', options.total!)
  }

  /** Whether per-message lines are printed (callers skip building them otherwise). */
  get lines(): boolean {
    return this.mode === 'lines'
  }

  line(message: string): void {
    if (this.mode === 'lines') this.options.status(message)
  }

  update(done: number): void {
    this.progress?.update(done)
  }

  /** Ends the run: closes the progress bar and prints the summary (not after per-message lines). */
  finish(summary: string): void {
    if (this.progress) this.progress.finish()
    if (this.mode === 'progress' || this.mode === 'summary') this.options.status(summary)
  }
}

export interface RunOptions {
  /** Messages per body (--count). */
  count: number
  sleepMs: number
  reporter: PublishReporter
  /**
   * Called after a message was flushed and before its line is printed; throws if the server refused it. A
   * denied publish is only reported asynchronously (-ERR), so without this a refused message would first be
   * reported as published. Only used for per-message lines with a known count (at most 20 round trips).
   */
  confirm?: () => void
}

export interface RunTotals {
  messages: number
  bytes: number
}

/** Flow control: wait for the server (PING/PONG) every this many messages or bytes, one flush in flight. */
const FLUSH_EVERY_MSGS = 1000
const FLUSH_EVERY_BYTES = 4 * 1024 * 1024

/**
 * Publishes messages with flow control. Every FLUSH_EVERY messages (or bytes) it waits for the previous
 * flush to come back and starts a new one: the outbound buffer never holds more than about two windows, so
 * memory stays flat for any --count (a tight loop buffers everything until the event loop turns), while the
 * pipe stays full because one window is always in flight. Between flushes nothing is awaited, so the
 * client coalesces many messages into one socket write.
 */
export class CorePublisher implements RunTotals {
  messages = 0
  bytes = 0
  private stopping = false
  private inFlight?: Promise<void>
  private sinceFlushMsgs = 0
  private sinceFlushBytes = 0
  private checked = false
  private readonly pubOptions: {headers?: MsgHdrs; reply?: string} = {}
  private readonly closed: Promise<{closed: Error | undefined}>

  constructor(
    private readonly nc: NatsConnection,
    private readonly factory: MessageFactory,
    private readonly options: RunOptions,
  ) {
    this.closed = whenClosed(nc)
  }

  /** Stops after the message being sent (Ctrl-C): what was sent is still flushed or acknowledged. */
  stop(): void {
    this.stopping = true
  }

  /** Publishes --count messages of each body, in order. */
  async publish(bodies: Body[]): Promise<void> {
    const {factory, nc, options, pubOptions} = this
    const {count, reporter, sleepMs} = options
    const lines = reporter.lines
    for (const body of bodies) {
      const staticBytes = 'bytes' in body ? body.bytes : undefined
      if (!this.checked) {
        const n = this.messages + 1
        checkServerLimits(nc, {body: bodyBytes(body, n).length, headers: headersSize(factory.headers(n))}, factory.hasHeaders)
        this.checked = true
      }
      for (let i = 0; i < count; i++) {
        if (sleepMs > 0 && this.messages > 0) await sleep(sleepMs)
        if (this.stopping) return
        const n = ++this.messages
        const subject = factory.subject(n)
        const data = staticBytes ?? bodyBytes(body, n)
        pubOptions.headers = factory.headers(n)
        pubOptions.reply = factory.reply(n)
        try {
          nc.publish(subject, data, pubOptions)
        } catch (error) {
          throw explainPublishError(error, nc, data.length, headersSize(pubOptions.headers), subject)
        }
        this.bytes += data.length
        if (lines && options.confirm) {
          await this.flush()
          // The -ERR came before the PONG; let the connection's status listener record it.
          await new Promise((resolve) => setImmediate(resolve))
          options.confirm()
        }
        if (lines) reporter.line(`Published ${data.length} bytes to ${JSON.stringify(subject)}`)
        reporter.update(this.messages)
        this.sinceFlushMsgs++
        this.sinceFlushBytes += data.length
        if (this.sinceFlushMsgs >= FLUSH_EVERY_MSGS || this.sinceFlushBytes >= FLUSH_EVERY_BYTES) {
          if (this.inFlight) await this.inFlight
          this.inFlight = this.flush()
          this.sinceFlushMsgs = 0
          this.sinceFlushBytes = 0
        }
      }
    }
  }

  /** Waits until the server has everything published so far. */
  async finish(): Promise<void> {
    if (this.inFlight) await this.inFlight
    await this.flush()
  }

  /**
   * nc.flush(), but failing when the connection closes: the client leaves a pending flush unsettled
   * forever when the server goes away (without reconnects), and Node then exits with code 13 and no message.
   */
  private async flush(): Promise<void> {
    const outcome = await Promise.race([this.nc.flush().then(() => undefined), this.closed])
    if (outcome) {
      const why = outcome.closed?.message ?? 'closed by the server'
      throw new NatsctlError(`connection lost after publishing ${formatCount(this.messages)} messages: ${why}`, {cause: outcome.closed})
    }
  }
}

/** Resolves (never rejects, so it can wait unobserved) when the connection closes, with the reason if any. */
function whenClosed(nc: NatsConnection): Promise<{closed: Error | undefined}> {
  return nc.closed().then(
    (error) => ({closed: error instanceof Error ? error : undefined}),
    (error: unknown) => ({closed: error instanceof Error ? error : undefined}),
  )
}

/** Turns the client's synchronous publish errors into messages that name sizes and subjects. */
export function explainPublishError(error: unknown, nc: NatsConnection, body: number, headers: number, subject: string): unknown {
  const message = error instanceof Error ? error.message : String(error)
  if (/max_payload/.test(message)) {
    try {
      checkServerLimits(nc, {body, headers}, headers > 0)
    } catch (explained) {
      return explained
    }
  }
  if (error instanceof Error && error.name === 'InvalidSubjectError') {
    return new UsageError(`invalid subject ${JSON.stringify(subject)}: ${message}`)
  }
  return error
}

export function coreSummary(totals: RunTotals, subject: string): string {
  return `Published ${formatCount(totals.messages)} messages (${formatBytes(totals.bytes)}) to ${JSON.stringify(subject)}`
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms)
  })
}
