// The core-NATS half of sub: subscribes to every subject (optionally in a queue group, optionally also to
// the inbox prefix to match replies to the requests it sees), feeds messages in arrival order to `show`,
// and ends on --count, on --wait idleness, or on a signal (then it drains, so messages already delivered
// are still shown). Callbacks only queue messages; one loop shows them, so a slow --translate keeps order
// and writes are batched.

import type {Msg, NatsConnection, Subscription} from '@nats-io/transport-node'

import {fromClientMessage, type ReceivedMessage} from './render.js'

export type EndReason = 'closed' | 'count' | 'signal' | 'wait'

interface CoreSubscribeOptions {
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
  /** A status line (stderr), e.g. that the server dropped this subscriber for falling behind. */
  status?(message: string): void
}

/**
 * Reading from the server stops while this many bytes of messages wait to be shown (the output cannot keep
 * up): the server then holds them, and drops this client as a slow consumer if it falls too far behind,
 * instead of natsctl's memory following the backlog.
 */
const HIGH_WATER_BYTES = 1024 * 1024

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
  let queuedBytes = 0
  const flow = readFlow(nc)
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

  // Any -ERR the server sends about the subscriptions (an invalid subject that slipped through, too many
  // subscriptions) ends the command with that error (exit 1) instead of waiting forever for nothing.
  watchProtocolErrors(nc, (error) => {
    failure ??= error
    notify()
  })
  const callback = (isReply: boolean) => (error: Error | null, msg: Msg) => {
    if (error) failure ??= error
    else {
      queue.push({msg, isReply})
      queuedBytes += msg.data.length + msg.subject.length + 64
      if (queuedBytes > HIGH_WATER_BYTES) flow.pause()
    }
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
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' && flow.recentlyPaused(30_000)) {
        options.status?.('>>> The output was not keeping up: the server may have dropped this subscriber as a slow consumer (messages are lost)')
      }
    }
  })().catch(() => {})
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
  // The -ERR for a bad SUB arrives before the PONG; let its status event be seen before saying we are ready.
  await new Promise((resolve) => setImmediate(resolve))
  if (failure) throw failure
  options.onReady?.()
  void options.stop.then(() => end('signal', 'drain'))
  if (options.waitMs !== undefined) idle = setTimeout(() => void end('wait', 'drain'), options.waitMs)

  const pending = new Map<string, {msg: ReceivedMessage; n: number}>()
  let n = 0
  let countReached = false
  try {
    for (;;) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- set in a callback; TypeScript narrows it to never here
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
      queuedBytes = 0
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
      flow.resume()
    }
    // Requests whose reply never came are still shown, without one.
    for (const request of [...pending.values()].sort((a, b) => a.n - b.n)) await options.show(request.msg, request.n)
  } finally {
    clearTimeout(idle)
  }
  return {received: n, reason}
}

/**
 * Pauses and resumes reading from the server's socket (the client reads in flowing mode and has no flow
 * control of its own). The socket is looked up each time: after a reconnect it is a new one.
 */
function readFlow(nc: NatsConnection): {pause(): void; resume(): void; recentlyPaused(ms: number): boolean} {
  type Pausable = {pause(): void; resume(): void}
  const socket = () => (nc as unknown as {protocol?: {transport?: {socket?: Pausable}}}).protocol?.transport?.socket
  let paused: Pausable | undefined
  let lastPaused = 0
  return {
    recentlyPaused(ms) {
      return paused !== undefined || Date.now() - lastPaused < ms
    },
    pause() {
      if (paused) return
      paused = socket()
      paused?.pause()
      lastPaused = Date.now()
    },
    resume() {
      if (!paused) return
      paused.resume()
      paused = undefined
    },
  }
}

/**
 * Calls `onError` for each -ERR the server sends on this connection that is not about the connection itself
 * (stale connection, slow consumer: those lead to a reconnect, which the connection log reports).
 */
export function watchProtocolErrors(nc: NatsConnection, onError: (error: Error) => void): void {
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type !== 'error' || !(s.error instanceof Error)) continue
      if (/stale connection|slow consumer/i.test(s.error.message)) continue
      onError(s.error)
    }
  })().catch(() => {})
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
