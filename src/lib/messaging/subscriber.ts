// The core-NATS half of sub: subscribes to every subject (optionally in a queue group, optionally also to
// the inbox prefix to match replies to the requests it sees), feeds messages in arrival order to `show`,
// and ends on --count, on --wait idleness, or on a signal (then it drains, so messages already delivered
// are still shown). Callbacks only queue messages; one loop shows them, so a slow --translate keeps order
// and writes are batched.

import type {Msg, NatsConnection, Subscription} from '@nats-io/transport-node'

import {fromClientMessage, type ReceivedMessage} from './render.js'

export type EndReason = 'closed' | 'count' | 'signal' | 'wait'

export interface CoreSubscribeOptions {
  subjects: string[]
  queue?: string
  /** The inbox wildcard (e.g. `_INBOX.>`) to watch for replies, for --match-replies. */
  replySubject?: string
  /** End after this many messages (requests, with --match-replies). */
  count?: number
  /** End after this long without a message. */
  waitMs?: number
  /** Resolves when the user asks to stop (SIGINT, SIGTERM). */
  stop: Promise<unknown>
  /** Called once the server has registered the subscriptions. */
  onReady?(): void
  show(msg: ReceivedMessage, n: number, matched?: ReceivedMessage): Promise<void> | void
  /** Resolves when the output can take more (backpressure). */
  ready(): Promise<void>
  /** Subjects not shown and not counted (-I/--ignore-subject). */
  ignore?(subject: string): boolean
  /** How long a drain may take before the subscriptions are simply closed (default 5 s). */
  drainTimeoutMs?: number
}

export interface SubscribeSummary {
  received: number
  reason: EndReason
}

interface Item {
  msg: Msg
  isReply: boolean
}

export async function runCoreSubscription(nc: NatsConnection, options: CoreSubscribeOptions): Promise<SubscribeSummary> {
  let queue: Item[] = []
  let wake: (() => void) | undefined
  const notify = () => {
    const w = wake
    wake = undefined
    w?.()
  }
  let failure: Error | undefined
  let finished = false
  let reason: EndReason = 'closed'
  let idle: NodeJS.Timeout | undefined

  const callback = (isReply: boolean) => (error: Error | null, msg: Msg) => {
    if (error) failure ??= error
    else queue.push({msg, isReply})
    idle?.refresh()
    notify()
  }
  const main: Subscription[] = options.subjects.map((subject) =>
    nc.subscribe(subject, {callback: callback(false), ...(options.queue ? {queue: options.queue} : {})}),
  )
  const replies = options.replySubject ? nc.subscribe(options.replySubject, {callback: callback(true)}) : undefined
  const all = replies ? [...main, replies] : main
  for (const sub of all) {
    // A permission violation ends the subscription with the error.
    void sub.closed.then((value) => {
      if (value instanceof Error) {
        failure ??= value
        notify()
      }
    })
  }
  void nc.closed().then((error) => {
    if (error) failure ??= error
    finished = true
    notify()
  })

  let closing = false
  const end = async (why: EndReason, how: 'drain' | 'unsubscribe') => {
    if (closing) return
    closing = true
    reason = why
    clearTimeout(idle)
    if (how === 'drain') {
      // Draining needs the server; while disconnected it would wait for the reconnect, so it is bounded.
      const drained = await boundedDrain(all, options.drainTimeoutMs ?? 5000)
      if (!drained) for (const s of all) if (!s.isClosed()) s.unsubscribe()
    } else for (const s of all) s.unsubscribe()
    finished = true
    notify()
  }

  await nc.flush()
  options.onReady?.()
  void options.stop.then(() => end('signal', 'drain'))
  if (options.waitMs !== undefined) idle = setTimeout(() => void end('wait', 'drain'), options.waitMs)

  const pending = new Map<string, {msg: ReceivedMessage; n: number}>()
  let n = 0
  let countReached = false
  try {
    for (;;) {
      if (failure) throw failure
      if (queue.length === 0) {
        if (finished) break
        await new Promise<void>((resolve) => {
          wake = resolve
        })
        continue
      }
      const batch = queue
      queue = []
      for (const {isReply, msg} of batch) {
        if (isReply) {
          const request = pending.get(msg.subject)
          if (!request) continue
          pending.delete(msg.subject)
          await options.show(request.msg, request.n, fromClientMessage(msg))
          if (countReached && pending.size === 0) void end('count', 'unsubscribe')
          continue
        }
        if (countReached || options.ignore?.(msg.subject)) continue
        n++
        const received = fromClientMessage(msg)
        if (replies && received.reply) pending.set(received.reply, {msg: received, n})
        else await options.show(received, n)
        if (options.count !== undefined && n >= options.count) {
          countReached = true
          for (const s of main) s.unsubscribe()
          if (pending.size === 0) void end('count', 'unsubscribe')
        }
      }
      await options.ready()
    }
    // Requests whose reply never came are still shown, without one.
    for (const request of [...pending.values()].sort((a, b) => a.n - b.n)) await options.show(request.msg, request.n)
  } finally {
    clearTimeout(idle)
  }
  return {received: n, reason}
}

/** Drains the subscriptions; false when that did not finish within `ms`. */
export async function boundedDrain(subs: Subscription[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const drained = Promise.all(subs.map((s) => s.drain().catch(() => {}))).then(() => true)
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  try {
    return await Promise.race([drained, late])
  } finally {
    clearTimeout(timer)
  }
}
