// The service loop of `reply`: a queue subscription that answers each request in order, with the request
// echoed back, a templated body, or the output of a shell command. A signal drains the subscription: the
// server stops sending, requests already received (including one being answered during a --sleep or a slow
// --command) are still answered, and only then does the command return.

import type {MsgHdrs, NatsConnection} from '@nats-io/transport-node'

import {buildHeaders, type HeaderSpec} from './headers.js'
import {fromClientMessage, type ReceivedMessage} from './render.js'
import {REPLY_ERROR_HEADER, type ReplyCommand} from './reply-command.js'
import {boundedDrain, watchProtocolErrors} from './subscriber.js'
import type {Template} from './templates.js'

export type ReplyMode = {kind: 'body'; body: Template} | {kind: 'command'; run: ReplyCommand} | {kind: 'echo'}

interface ReplierOptions {
  subject: string
  queue: string
  mode: ReplyMode
  headers: HeaderSpec[]
  /** Exit after this many replies. */
  count?: number
  /** Wait a random time up to this long before each reply (natscli's --sleep). */
  sleepMs?: number
  stop: Promise<unknown>
  onReady(): void
  onStop(): void
  /** Shows a received request; N counts from 0, as natscli does. */
  onRequest(msg: ReceivedMessage, n: number): void
  /** How long a drain may take before the subscription is simply closed (default 5 s). */
  drainTimeoutMs?: number
  /** Reports a request that could not be answered as asked (a failed command, no reply subject). */
  warn(message: string): void
}

export async function runReplier(nc: NatsConnection, options: ReplierOptions): Promise<{replied: number}> {
  const {headers: newHeaders} = await import('@nats-io/transport-node')
  let failure: Error | undefined
  const sub = nc.subscribe(options.subject, {queue: options.queue, ...(options.count ? {max: options.count} : {})})
  // A -ERR about the subscription ends the replier with that error (exit 1) instead of serving nothing.
  watchProtocolErrors(nc, (error) => {
    failure ??= error
    if (!sub.isClosed()) sub.unsubscribe()
  })
  await nc.flush()
  await new Promise((resolve) => setImmediate(resolve))
  if (failure) throw failure
  options.onReady()
  void options.stop.then(async () => {
    if (sub.isClosed()) return
    options.onStop()
    // While disconnected a drain waits for the server: bounded, after which the subscription just closes.
    if (!(await boundedDrain([sub], options.drainTimeoutMs ?? 5000)) && !sub.isClosed()) sub.unsubscribe()
  })

  let n = 0
  for await (const m of sub) {
    const request = fromClientMessage(m)
    const requestText = Buffer.from(m.data).toString()
    options.onRequest(request, n)
    if (options.sleepMs) await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * options.sleepMs!)))

    if (!m.reply) {
      options.warn(`[#${n}] the request on "${m.subject}" has no reply subject: not answered`)
      n++
      continue
    }
    // One request must never stop the service: a reply that cannot be built or sent as templated (a header
    // value with a line break from {{Request}}, a body over max_payload) is answered with an error reply
    // instead, as a failing --command is, and the replier keeps serving.
    try {
      const {data, headers} = await buildReply(options, m.data, m.subject, request, requestText, n, newHeaders)
      m.respond(data, headers ? {headers} : {})
    } catch (error) {
      const reason = oneLine(error instanceof Error ? error.message : String(error))
      options.warn(`[#${n}] could not answer the request on ${JSON.stringify(m.subject)}: ${reason}`)
      const h = newHeaders()
      h.set(REPLY_ERROR_HEADER, reason.slice(0, 512))
      try {
        m.respond(new Uint8Array(0), {headers: h})
      } catch {
        // nothing more can be sent to this requester
      }
    }
    n++
  }
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- set in a callback; TypeScript narrows it to never here
  if (failure) throw failure
  return {replied: n}
}

async function buildReply(
  options: ReplierOptions,
  data: Uint8Array,
  subject: string,
  request: ReceivedMessage,
  requestText: string,
  n: number,
  newHeaders: () => MsgHdrs,
): Promise<{data: Uint8Array | string; headers?: MsgHdrs}> {
  let h: MsgHdrs | undefined = await buildHeaders(options.headers, {count: n, request: requestText})
  switch (options.mode.kind) {
    case 'echo': {
      h ??= newHeaders()
      for (const [key, values] of request.headers) for (const value of values) h.append(key, value)
      h.set('NATS-Reply-Counter', String(n))
      return {data, headers: h}
    }
    case 'command': {
      const result = await options.mode.run({count: n, data, subject})
      if (!result.ok) {
        h ??= newHeaders()
        h.set(REPLY_ERROR_HEADER, oneLine(result.error ?? 'failed'))
        const detail = Buffer.from(result.data).toString().trim()
        options.warn(`[#${n}] command failed (${result.error})${detail ? `: ${detail}` : ''}`)
      }
      return {data: result.data, headers: h}
    }
    case 'body': {
      return {data: options.mode.body({count: n, request: requestText}), headers: h}
    }
  }
}

/** Text safe for a header value or a status line: control characters become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F]+/g, ' ').trim()
}
