// `request`: send a request and collect its replies. One reply uses nc.request (bounded by --timeout); more
// use nc.requestMany: the first reply is bounded by --timeout, and after each reply we wait --reply-timeout
// for another ("stall"), or, with --replies 0, gather everything that arrives within --timeout ("timer").
// Reply bodies go to stdout and everything else to stderr, so `natsctl request svc x > out` captures just
// the answer; no reply at all is an error (exit 1), which is what CI wants.

import type {Msg, MsgHdrs, NatsConnection} from '@nats-io/transport-node'

import {formatDuration} from '../format.js'
import {type Body, bodyBytes} from './body.js'
import {checkServerLimits, explainPublishError, headersSize, type MessageFactory} from './publisher.js'

/** One reply, as `request --json` prints it (an array of these). */
export interface ReplyRecord {
  /** The subject the request was sent on. */
  subject: string
  /** The reply's own reply subject, when the responder set one. */
  reply?: string
  headers: Record<string, string[]>
  /** The body as text when it is valid UTF-8, else base64 (then `encoding` is "base64"). */
  data: string
  encoding?: 'base64'
  size: number
  rtt_ms: number
}

interface RequestRunOptions {
  count: number
  firstCount: number
  /** 1 (the default), N, or 0 for "everything until --timeout". */
  replies: number
  replyTimeoutMs: number
  timeoutMs: number
  /** Status lines (stderr); a no-op with --raw. */
  status(message: string): void
  /** Called with each request's subject before sending, so errors can name it. */
  onSubject(subject: string): void
  /** Called with each reply as it arrives. */
  onReply(msg: Msg, rttMs: number, subject: string): void
}

/** Sends `count` requests with one body; returns how many replies arrived. Throws when one got none. */
export async function runRequests(nc: NatsConnection, factory: MessageFactory, body: Body, options: RequestRunOptions): Promise<number> {
  checkServerLimits(
    nc,
    {body: bodyBytes(body, options.firstCount).length, headers: headersSize(factory.headers(options.firstCount))},
    factory.hasHeaders,
  )
  let received = 0
  for (let i = 0; i < options.count; i++) {
    const n = options.firstCount + i
    const subject = factory.subject(n)
    const data = bodyBytes(body, n)
    const headers = factory.headers(n)
    options.onSubject(subject)
    options.status(`Sending request on ${JSON.stringify(subject)}`)
    received += await requestOnce(nc, subject, data, headers, options)
  }
  return received
}

async function requestOnce(
  nc: NatsConnection,
  subject: string,
  data: Uint8Array,
  headers: MsgHdrs | undefined,
  options: RequestRunOptions,
): Promise<number> {
  const started = performance.now()
  const fail = (error: unknown) => explainPublishError(error, nc, data.length, headersSize(headers), subject)
  if (options.replies === 1) {
    let msg: Msg
    try {
      msg = await nc.request(subject, data, {timeout: options.timeoutMs, ...(headers ? {headers} : {})})
    } catch (error) {
      throw fail(error)
    }
    options.onReply(msg, performance.now() - started, subject)
    return 1
  }

  let replies
  try {
    replies = await nc.requestMany(subject, data, {
      maxWait: options.timeoutMs,
      ...(options.replies === 0 ? {strategy: 'timer' as const} : {stall: options.replyTimeoutMs, strategy: 'stall' as const}),
      ...(headers ? {headers} : {}),
    })
  } catch (error) {
    throw fail(error)
  }
  let count = 0
  for await (const msg of replies) {
    count++
    options.onReply(msg, performance.now() - started, subject)
    if (options.replies > 0 && count >= options.replies) break
  }
  if (count === 0) throw timeoutError()
  return count
}

/** A TimeoutError the way the client throws it, so errors.ts words it like the single-reply case. */
function timeoutError(): Error {
  const error = new Error('timeout')
  error.name = 'TimeoutError'
  return error
}

const strictUtf8 = new TextDecoder('utf-8', {fatal: true})

/** The JSON record of one reply. */
export function replyRecord(msg: Msg, rttMs: number, subject: string): ReplyRecord {
  let data: string
  let encoding: 'base64' | undefined
  try {
    data = strictUtf8.decode(msg.data)
  } catch {
    data = Buffer.from(msg.data).toString('base64')
    encoding = 'base64'
  }
  return {
    subject,
    ...(msg.reply ? {reply: msg.reply} : {}),
    headers: headersObject(msg.headers),
    data,
    ...(encoding ? {encoding} : {}),
    size: msg.data.length,
    rtt_ms: Math.round(rttMs * 1000) / 1000,
  }
}

function headersObject(h: MsgHdrs | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  if (!h) return out
  for (const [key, values] of h) out[key] = [...values]
  return out
}

/** The stderr lines for one reply: `Received with rtt 1.2ms`, then `Key: Value` per header value. */
export function replyStatusLines(msg: Msg, rttMs: number): string[] {
  const lines = [`Received with rtt ${formatDuration(rttMs)}`]
  if (msg.headers) {
    for (const [key, values] of msg.headers) for (const value of values) lines.push(`${key}: ${value}`)
  }
  return lines
}
