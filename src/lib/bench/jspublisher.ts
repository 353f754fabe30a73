// JetStream publishing for `bench js pub` without `js.publish()` per message. A JetStream publish is a core
// publish with a reply subject; the stream answers with a PubAck. `js.publish()` wraps each one in a request
// (a request object, an inbox token, a timer, a promise) plus header and option handling, which is most of
// what a client spends per message. Here one subscription on the client's own inbox (`<inbox>.*`) receives
// the acks, every message's reply subject carries its sequence number, a window of --batch messages is
// encoded into one buffer and handed to the client's write path, and the window completes when every one of
// its messages has an ack. Latency is per message, from the window's write to its ack. An ack carrying an
// error, a no-responders status (no stream captures the subject) or a missing ack after the timeout fail the
// client. The caller sends the run's first message through `js.publish()`, so a missing stream or a bad
// subject give the client library's own error.

import type {NatsConnection} from '@nats-io/transport-node'

import {apiErrorText, noStreamCaptures} from '../errors.js'
import type {Histogram} from './histogram.js'
import {rawWriter} from './raw-publish.js'

interface JsWindowPlan {
  subjectOf: (seq: number) => string
  payload: Uint8Array
  /** Header lines other than the message id, as [key, value]. */
  headers: Array<[string, string]>
  /** Message id for --dedup (Nats-Msg-Id), or undefined. */
  msgIdOf?: (seq: number) => string
  inboxPrefix?: string
  timeoutMs: number
  latency: Histogram
}

interface JsWindowPublisher {
  /** Publishes messages [from, to) and resolves when all are acknowledged; returns how many were. */
  window(from: number, to: number): Promise<number>
  close(): void
}

/** The fast path, when the connection has a raw writer (raw-publish.ts); otherwise undefined (use js.publish()). */
export async function jsWindowPublisher(nc: NatsConnection, plan: JsWindowPlan): Promise<JsWindowPublisher | undefined> {
  const writer = rawWriter(nc)
  if (!writer) return undefined
  const {createInbox} = await import('@nats-io/transport-node')
  const inbox = createInbox(plan.inboxPrefix)
  const prefixLength = inbox.length + 1
  let lowest = 0
  let highest = 0
  let acked = 0
  let sentAt = 0
  let seen = new Uint8Array(0)
  let settle: ((error?: Error) => void) | undefined
  let failure: Error | undefined

  const fail = (error: Error) => {
    failure ??= error
    settle?.(failure)
  }
  const sub = nc.subscribe(`${inbox}.*`, {
    callback(error, msg) {
      if (error) return fail(error)
      const seq = Number(msg.subject.slice(prefixLength))
      if (!(seq >= lowest && seq < highest) || seen[seq - lowest]) return
      if (msg.headers?.code === 503) return fail(noStreamCaptures(plan.subjectOf(seq)))
      const text = new TextDecoder().decode(msg.data)
      if (text.includes('"error"')) {
        let description = text
        try {
          const parsed = JSON.parse(text) as {error?: {description?: string; err_code?: number}}
          if (parsed.error) description = apiErrorText(parsed.error)
        } catch {
          // keep the raw text
        }
        return fail(new Error(`publish acknowledgement error: ${description}`))
      }
      seen[seq - lowest] = 1
      plan.latency.record((performance.now() - sentAt) * 1e6)
      acked++
      if (acked === highest - lowest) settle?.()
    },
  })
  await nc.flush()

  const headerFor = (seq: number): string | undefined => {
    const lines = plan.headers.map(([k, v]) => `${k}: ${v}\r\n`)
    if (plan.msgIdOf) lines.push(`Nats-Msg-Id: ${plan.msgIdOf(seq)}\r\n`)
    return lines.length ? `NATS/1.0\r\n${lines.join('')}\r\n` : undefined
  }
  const payloadBytes = plan.payload.length

  return {
    async window(from, to) {
      if (failure) throw failure
      lowest = from
      highest = to
      acked = 0
      if (seen.length < to - from) seen = new Uint8Array(to - from)
      else seen.fill(0, 0, to - from)
      const parts: Uint8Array[] = []
      let messageBytes = 0
      for (let seq = from; seq < to; seq++) {
        const reply = `${inbox}.${seq}`
        const header = headerFor(seq)
        const subject = plan.subjectOf(seq)
        if (header) {
          const h = Buffer.from(header, 'latin1')
          parts.push(Buffer.from(`HPUB ${subject} ${reply} ${h.length} ${h.length + payloadBytes}\r\n`, 'latin1'), h)
          messageBytes += h.length + payloadBytes
        } else {
          parts.push(Buffer.from(`PUB ${subject} ${reply} ${payloadBytes}\r\n`, 'latin1'))
          messageBytes += payloadBytes
        }
        parts.push(plan.payload, CRLF)
      }
      const done = new Promise<void>((resolve, reject) => {
        settle = (error) => (error ? reject(error) : resolve())
      })
      const timer = setTimeout(
        () => fail(new Error(`timed out after ${plan.timeoutMs}ms waiting for ${highest - lowest - acked} JetStream acknowledgements`)),
        plan.timeoutMs,
      )
      sentAt = performance.now()
      writer.write(Buffer.concat(parts), to - from, messageBytes)
      try {
        await done
      } finally {
        clearTimeout(timer)
        settle = undefined
      }
      return acked
    },
    close() {
      sub.unsubscribe()
    },
  }
}

const CRLF = Buffer.from('\r\n')
