// The service loop of `reply`: a queue subscription that answers each request in order, with the request
// echoed back, a templated body, or the output of a shell command. A signal drains the subscription: the
// server stops sending, requests already received (including one being answered during a --sleep or a slow
// --command) are still answered, and only then does the command return.

import type {MsgHdrs, NatsConnection} from '@nats-io/transport-node'

import {buildHeaders, type HeaderSpec} from './headers.js'
import {fromClientMessage, type ReceivedMessage} from './render.js'
import {REPLY_ERROR_HEADER, type ReplyCommand} from './reply-command.js'
import {boundedDrain} from './subscriber.js'
import type {Template} from './templates.js'

export type ReplyMode = {kind: 'body'; body: Template} | {kind: 'command'; run: ReplyCommand} | {kind: 'echo'}

export interface ReplierOptions {
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
  const sub = nc.subscribe(options.subject, {queue: options.queue, ...(options.count ? {max: options.count} : {})})
  await nc.flush()
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

    let h: MsgHdrs | undefined = await buildHeaders(options.headers, {count: n, request: requestText})
    let data: Uint8Array | string
    switch (options.mode.kind) {
      case 'echo': {
        h ??= newHeaders()
        for (const [key, values] of request.headers) for (const value of values) h.append(key, value)
        h.set('NATS-Reply-Counter', String(n))
        data = m.data
        break
      }
      case 'command': {
        const result = await options.mode.run({count: n, data: m.data, subject: m.subject})
        data = result.data
        if (!result.ok) {
          h ??= newHeaders()
          h.set(REPLY_ERROR_HEADER, result.error ?? 'failed')
          const detail = Buffer.from(result.data).toString().trim()
          options.warn(`[#${n}] command failed (${result.error})${detail ? `: ${detail}` : ''}`)
        }
        break
      }
      case 'body': {
        data = options.mode.body({count: n, request: requestText})
        break
      }
    }
    if (m.reply) m.respond(data, h ? {headers: h} : {})
    else options.warn(`[#${n}] the request on "${m.subject}" has no reply subject: not answered`)
    n++
  }
  return {replied: n}
}
