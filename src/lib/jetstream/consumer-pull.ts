// Reads a durable pull consumer for `consumer next` and `sub --durable`, with one rule: a message that was
// shown is acknowledged (or nak'ed, or terminated) before the next is taken; a message that was fetched but
// not shown (Ctrl-C, a closed pipe, an ignored subject) gets no answer at all, so the server redelivers it
// after the ack wait and nothing is lost. Pull requests ask for exactly the messages still wanted, never
// more, so a `consumer next --count 1` leaves no other message waiting on an ack wait.

import type {Consumer, ConsumerMessages, JsMsg} from '@nats-io/jetstream'

export type Disposition = 'ack' | 'nak' | 'none' | 'term'

interface PullOptions {
  /** Stop after this many messages were shown. */
  count?: number
  /** Stop when this much time has passed in all (`consumer next --wait`). */
  totalWaitMs?: number
  /** Stop after this long without a message (`sub --wait`). */
  idleMs?: number
  /** Resolves at the first signal (or a closed stdout pipe). */
  stop: Promise<unknown>
  /** What to answer a shown message with ('none' for --no-ack, or a consumer without acknowledgements). */
  disposition: Disposition
  /** Wait for the server to confirm each acknowledgement (consumer next); otherwise the final drain sends them. */
  confirmAcks?: boolean
  /** Subjects skipped: not shown and not answered. */
  ignore?: (subject: string) => boolean
  /** Shows message number N; resolves true once it has been written, false when it could not be. */
  show(msg: JsMsg, n: number): Promise<boolean>
  /** Told about a pull that failed and is retried (a reconnect). */
  status?(message: string): void
}

type PullEnd = 'closed' | 'count' | 'signal' | 'wait'

interface PullSummary {
  shown: number
  reason: PullEnd
}

/** The largest pull request; without --count messages are pulled in batches of this many. */
const BATCH = 64
/** The longest one pull request waits before a new one is made (the client's default expiry). */
const PULL_EXPIRY_MS = 30_000

/**
 * Errors that end one pull but not the reading: the connection dropped or the server restarted (409 Server
 * Shutdown, Leadership Change), heartbeats were missed. A deleted or missing consumer, a bad request and a
 * permission error end it.
 */
function retryable(error: unknown): boolean {
  const e = error as Error & {code?: unknown}
  const text = `${e?.name ?? ''} ${e?.message ?? ''}`
  if (/JetStreamApiError|NotFound|Permission/i.test(e?.name ?? '')) return false
  if (/consumer deleted|not found|permission|bad request/i.test(text) || e?.code === 400) return false
  return true
}

async function answer(msg: JsMsg, disposition: Disposition, confirm = false): Promise<void> {
  switch (disposition) {
    case 'ack': {
      // Confirmed: "shown" really is "acknowledged" by the time the command exits. Otherwise the connection's
      // drain at exit flushes the acknowledgement.
      if (confirm) await msg.ackAck()
      else msg.ack()
      break
    }
    case 'nak': {
      msg.nak()
      break
    }
    case 'term': {
      msg.term()
      break
    }
    case 'none': {
      break
    }
  }
}

export async function pullMessages(consumer: Consumer, options: PullOptions): Promise<PullSummary> {
  let shown = 0
  let reason: PullEnd | undefined
  let current: ConsumerMessages | undefined
  let lastFailure: string | undefined
  const end = (why: PullEnd) => {
    reason ??= why
    void current?.close().catch(() => {})
  }
  void options.stop.then(() => end('signal'))
  const timers: NodeJS.Timeout[] = []
  if (options.totalWaitMs !== undefined) timers.push(setTimeout(() => end('wait'), options.totalWaitMs))
  const idle = options.idleMs === undefined ? undefined : setTimeout(() => end('wait'), options.idleMs)
  if (idle) timers.push(idle)
  const deadline = options.totalWaitMs === undefined ? undefined : Date.now() + options.totalWaitMs

  try {
    while (reason === undefined) {
      const wanted = options.count === undefined ? BATCH : Math.min(BATCH, options.count - shown)
      if (wanted <= 0) {
        reason = 'count'
        break
      }
      const left = deadline === undefined ? PULL_EXPIRY_MS : deadline - Date.now()
      if (left <= 0) {
        reason = 'wait'
        break
      }
      try {
        current = await consumer.fetch({expires: Math.max(1000, Math.min(left, PULL_EXPIRY_MS)), max_messages: wanted})
        if (reason !== undefined) break
        for await (const msg of current) {
          // Fetched after the end was called, or on an ignored subject: not shown, so not answered.
          if (reason !== undefined) break
          if (options.ignore?.(msg.subject)) continue
          idle?.refresh()
          if (!(await options.show(msg, shown + 1))) {
            end('closed')
            break
          }
          shown++
          await answer(msg, options.disposition, options.confirmAcks)
          if (options.count !== undefined && shown >= options.count) {
            end('count')
            break
          }
        }
      } catch (error) {
        if (reason !== undefined) break
        if (!retryable(error)) throw error
        const message = (error as Error).message
        // Said once per kind of failure, not once per retry.
        if (message !== lastFailure) options.status?.(`>>> pull failed (${message}), retrying`)
        lastFailure = message
        await new Promise((resolve) => setTimeout(resolve, 1000))
      }
    }
  } finally {
    for (const t of timers) clearTimeout(t)
    await current?.close().catch(() => {})
  }
  return {reason: reason ?? 'closed', shown}
}

/** Writes text and resolves true once the stream has taken it, false when it could not (a closed pipe). */
export function writeConfirmed(stream: NodeJS.WritableStream & {destroyed?: boolean}, text: string | Uint8Array): Promise<boolean> {
  return new Promise((resolve) => {
    if (stream.destroyed) {
      resolve(false)
      return
    }
    try {
      stream.write(text, (error) => resolve(!error))
    } catch {
      resolve(false)
    }
  })
}
