// `pub -J`: JetStream publishing. Every message waits for its PubAck, but with --count the acks are
// pipelined: up to WINDOW publishes are in flight, and acks are handled in order as the oldest completes.
// So 100,000 messages are not 100,000 round trips, memory stays bounded, and the first message that is not
// stored stops the run with an error (exit 1), never silence.

import type {JetStreamClient, PubAck} from '@nats-io/jetstream'
import type {MsgHdrs, NatsConnection} from '@nats-io/transport-node'

import {causeNamed, NatsctlError, noStreamCaptures, toNatsctlError} from '../errors.js'
import {formatCount, formatDuration} from '../format.js'
import {type Body, bodyBytes} from './body.js'
import {checkServerLimits, explainPublishError, headersSize, type MessageFactory, type RunOptions, type RunTotals, sleep} from './publisher.js'

const JS_WINDOW = 256

export interface AckTotals {
  stored: number
  duplicates: number
  streams: string[]
  domain?: string
  first_seq?: number
  last_seq?: number
}

interface JsRunOptions extends RunOptions {
  timeoutMs: number
  /** Called with the subject of a message before its error is thrown, so the error can name it. */
  onFailure?(subject: string): void
  window?: number
}

class AckTracker implements AckTotals {
  stored = 0
  duplicates = 0
  streams: string[] = []
  domain?: string
  first_seq?: number
  last_seq?: number

  add(ack: PubAck): void {
    this.stored++
    if (ack.duplicate) this.duplicates++
    if (!this.streams.includes(ack.stream)) this.streams.push(ack.stream)
    if (ack.domain) this.domain = ack.domain
    this.first_seq ??= ack.seq
    this.last_seq = ack.seq
  }

  toJSON(): AckTotals {
    const {domain, duplicates, first_seq, last_seq, stored, streams} = this
    return {stored, duplicates, streams, ...(domain ? {domain} : {}), first_seq, last_seq}
  }
}

/** natscli's line for one ack: `Stored in Stream: EVENTS Sequence: 1,234` (+ domain, + duplicate). */
export function ackLine(ack: PubAck): string {
  let line = `Stored in Stream: ${ack.stream} Sequence: ${formatCount(ack.seq)}`
  if (ack.domain) line += ` Domain: ${JSON.stringify(ack.domain)}`
  if (ack.duplicate) line += ' Duplicate: true'
  return line
}

type Outcome = {ack: PubAck; subject: string} | {error: unknown; n: number; subject: string}

export class JetStreamPublisher implements RunTotals {
  messages = 0
  bytes = 0
  private stopping = false
  readonly acks = new AckTracker()
  // Settled outcomes, never rejected promises: a failure deep in the window must not become an unhandled
  // rejection while we are still waiting on an older message.
  private queue: Promise<Outcome>[] = []
  private head = 0
  private checked = false
  private readonly window: number

  constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly factory: MessageFactory,
    private readonly options: JsRunOptions,
  ) {
    this.window = Math.max(1, options.window ?? JS_WINDOW)
  }

  /** Stops after the message being sent (Ctrl-C): what was sent is still flushed or acknowledged. */
  stop(): void {
    this.stopping = true
  }

  /** Publishes --count messages of each body, keeping up to `window` acknowledgements outstanding. */
  async publish(bodies: Body[]): Promise<void> {
    const {factory, js, nc, options} = this
    for (const body of bodies) {
      const staticBytes = 'bytes' in body ? body.bytes : undefined
      if (!this.checked) {
        const n = this.messages + 1
        checkServerLimits(nc, {body: bodyBytes(body, n).length, headers: headersSize(factory.headers(n))}, factory.hasHeaders)
        this.checked = true
      }
      for (let i = 0; i < options.count; i++) {
        if (options.sleepMs > 0 && this.messages > 0) await sleep(options.sleepMs)
        if (this.stopping) return
        const n = ++this.messages
        const subject = factory.subject(n)
        const data = staticBytes ?? bodyBytes(body, n)
        const headers: MsgHdrs | undefined = factory.headers(n)
        let sent: Promise<PubAck>
        try {
          sent = js.publish(subject, data, headers ? {headers} : undefined)
        } catch (error) {
          throw explainPublishError(error, nc, data.length, headersSize(headers), subject)
        }
        this.queue.push(
          sent.then(
            (ack) => ({ack, subject}),
            (error: unknown) => ({error, n, subject}),
          ),
        )
        this.bytes += data.length
        if (this.queue.length - this.head >= this.window) await this.settleOldest()
      }
    }
  }

  /** Waits for every outstanding acknowledgement. */
  async finish(): Promise<void> {
    while (this.head < this.queue.length) await this.settleOldest()
  }

  private async settleOldest(): Promise<void> {
    const outcome = await this.queue[this.head]
    this.queue[this.head++] = undefined as unknown as Promise<Outcome>
    if (this.head > 4096) {
      void this.queue.splice(0, this.head)
      this.head = 0
    }
    if ('error' in outcome) {
      this.options.onFailure?.(outcome.subject)
      throw explainJsError(outcome.error, outcome.subject, this.options.timeoutMs, outcome.n)
    }
    this.acks.add(outcome.ack)
    const {reporter} = this.options
    if (reporter.lines) reporter.line(ackLine(outcome.ack))
    reporter.update(this.acks.stored)
  }
}

/**
 * JetStream publish failures, in words: "jetstream is not enabled" from the client means nobody answered
 * the publish, i.e. no stream captures the subject (CLIENT-NOTES pitfall 10); a timeout usually means a
 * core subscriber, not a stream, got the message.
 */
function explainJsError(error: unknown, subject: string, timeoutMs: number, n?: number): unknown {
  if (causeNamed(error, 'JetStreamNotEnabled', 'NoRespondersError')) return noStreamCaptures(subject, error)
  if (causeNamed(error, 'TimeoutError')) {
    return new NatsctlError(
      `no acknowledgement for a message on "${subject}" within ${formatDuration(timeoutMs)}: is a stream capturing the subject?`,
      {cause: error},
    )
  }
  const which = n === undefined ? `the message on "${subject}"` : `message ${formatCount(n)} on "${subject}"`
  if (error instanceof Error && error.message === 'invalid ack response') {
    return new NatsctlError(`${which} was not stored: the reply was not a JetStream acknowledgement`, {cause: error})
  }
  // The server refused to store it (a limit, a wrong expected sequence...): keep its words and error code.
  const mapped = toNatsctlError(error, {subject})
  return new NatsctlError(`${which} was not stored: ${mapped.message}`, {cause: error})
}
