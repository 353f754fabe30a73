// `pub -J`: JetStream publishing. Every message waits for its PubAck, but with --count the acks are
// pipelined: up to WINDOW publishes are in flight, and acks are handled in order as the oldest completes.
// So 100,000 messages are not 100,000 round trips, memory stays bounded, and the first message that is not
// stored stops the run with an error (exit 1), never silence.

import type {JetStreamClient, PubAck} from '@nats-io/jetstream'
import type {MsgHdrs, NatsConnection} from '@nats-io/transport-node'

import {
  causeNamed,
  isJsApiError,
  JsApi,
  jetStreamUnavailable,
  jsApiFailure,
  NatsctlError,
  noJetStreamInDomain,
  noStreamCaptures,
  streamNotAnswering,
  toNatsctlError,
} from '../errors.js'
import {formatCount, formatDuration} from '../format.js'
import {explainPublishError, headersSize, type MessageFactory, MessageRun, type RunOptions} from './publisher.js'

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

export class JetStreamPublisher extends MessageRun {
  readonly acks = new AckTracker()
  // Settled outcomes, never rejected promises: a failure deep in the window must not become an unhandled
  // rejection while we are still waiting on an older message.
  private queue: Promise<Outcome>[] = []
  private head = 0
  private readonly window: number

  constructor(
    nc: NatsConnection,
    private readonly js: JetStreamClient,
    factory: MessageFactory,
    protected readonly options: JsRunOptions,
  ) {
    super(nc, factory, options)
    this.window = Math.max(1, options.window ?? JS_WINDOW)
  }

  /** Publishes message `n`, keeping up to `window` acknowledgements outstanding. */
  protected send(n: number, subject: string, data: Uint8Array): Promise<void> | void {
    const headers: MsgHdrs | undefined = this.factory.headers(n)
    let sent: Promise<PubAck>
    try {
      sent = this.js.publish(subject, data, headers ? {headers} : undefined)
    } catch (error) {
      throw explainPublishError(error, this.nc, data.length, headersSize(headers), subject)
    }
    this.queue.push(
      sent.then(
        (ack) => ({ack, subject}),
        (error: unknown) => ({error, n, subject}),
      ),
    )
    this.bytes += data.length
    if (this.queue.length - this.head >= this.window) return this.settleOldest()
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
      const {error, n, subject} = outcome
      throw causeNamed(error, 'JetStreamNotEnabled', 'NoRespondersError')
        ? await whyNobodyAnswered(this.js, subject, error)
        : explainJsError(error, subject, this.options.timeoutMs, n)
    }
    this.acks.add(outcome.ack)
    const {reporter} = this.options
    if (reporter.lines) reporter.line(ackLine(outcome.ack))
    reporter.update(this.acks.stored)
  }
}

/**
 * Nobody answered a JetStream publish ("jetstream is not enabled" from the client, CLIENT-NOTES pitfall 10).
 * That is usually no stream for the subject, but it is also what a server says that has disabled JetStream
 * (a full disk) or whose stream is offline: ask the JetStream API which it is, on this failure path only.
 */
async function whyNobodyAnswered(js: JetStreamClient, subject: string, error: unknown): Promise<NatsctlError> {
  const {domain} = js.getOptions()
  const jsm = await js.jetstreamManager(false)
  try {
    await jsm.getAccountInfo()
  } catch (infoError) {
    // The server's own words, with their code: "jetstream not enabled for account (10039)".
    if (isJsApiError(infoError, JsApi.NotEnabledForAccount)) return toNatsctlError(infoError)
    if (jsApiFailure(infoError)) return noStreamCaptures(subject, error)
    return domain ? noJetStreamInDomain(domain, error) : jetStreamUnavailable(error)
  }
  const stream = await jsm.streams.find(subject).catch(() => undefined)
  return stream ? streamNotAnswering(stream, subject, error) : noStreamCaptures(subject, error, true)
}

/**
 * Other JetStream publish failures, in words: a timeout usually means a core subscriber, not a stream, got
 * the message; a refusal keeps the server's words and error code.
 */
function explainJsError(error: unknown, subject: string, timeoutMs: number, n?: number): unknown {
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
