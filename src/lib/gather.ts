// One request, many replies: the system account's `$SYS.REQ.SERVER.PING.*` and the services' `$SRV.*`
// discovery both send one message and collect whoever answers. Nobody says how many will answer, so the
// wait ends at the first of: enough replies (when the caller can tell), a quiet spell after the last reply
// (3x the first reply's time, 250 ms at least: a slow cluster is still heard), or the overall timeout.

import type {Msg, NatsConnection} from '@nats-io/transport-node'

export interface GatherOptions<T> {
  timeoutMs: number
  /** The quiet spell after a reply that ends the wait; by default 3x the first reply's time, 250 ms at least. */
  idleMs?: number
  inboxPrefix?: string
  body?: string
  /** Turns a reply into a result, or undefined to pass it over (not the kind of reply asked for). */
  accept(msg: Msg, rttMs: number): T | undefined
  /** Called with each result as it arrives. */
  onResult?(result: T): void
  /** Whether the results so far are all there will be. */
  enough?(results: T[]): boolean
  /** What no responders (a 503 on the inbox) means: this error, or by default the end of the wait. */
  noResponders?: Error
}

/** Publishes one request on `subject` and resolves with the replies `accept` took, in arrival order. */
export async function gatherReplies<T>(nc: NatsConnection, subject: string, options: GatherOptions<T>): Promise<T[]> {
  const {createInbox} = await import('@nats-io/transport-node')
  const inbox = createInbox(options.inboxPrefix)
  const results: T[] = []
  const started = performance.now()
  let firstRttMs = 0
  return new Promise<T[]>((resolve, reject) => {
    let idle: NodeJS.Timeout | undefined
    let settled = false
    const end = (error?: Error) => {
      if (settled) return
      settled = true
      clearTimeout(overall)
      clearTimeout(idle)
      sub.unsubscribe()
      if (error) reject(error)
      else resolve(results)
    }
    const overall = setTimeout(() => end(), options.timeoutMs)
    const sub = nc.subscribe(inbox, {
      callback: (error, msg) => {
        if (settled) return
        if (error) return end(error)
        if (msg.data.length === 0 && msg.headers?.status === '503') return end(options.noResponders)
        const rttMs = performance.now() - started
        const result = options.accept(msg, rttMs)
        if (result === undefined) return
        if (results.length === 0) firstRttMs = rttMs
        results.push(result)
        options.onResult?.(result)
        if (options.enough?.(results)) return end()
        clearTimeout(idle)
        idle = setTimeout(() => end(), options.idleMs ?? Math.max(250, 3 * firstRttMs))
      },
    })
    try {
      nc.publish(subject, options.body ?? '', {reply: inbox})
    } catch (error) {
      end(error as Error)
    }
  })
}
