// sub --stream (or sub SUBJECT with a JetStream start flag): reads a stream through an ordered consumer
// (ephemeral, no acks, recreated by the client if it falls out of order), from the start position the user
// chose, and shows each message with its stream, sequence and pending count. The consumer is deleted on
// exit: ordered consumers otherwise stay on the server until their inactivity threshold.
// sub --durable NAME instead binds to (or creates) a durable pull consumer, which stays, and acknowledges what
// it shows (jetstream/consumer-pull.ts): a message not shown is not acknowledged, so it is redelivered.

import type {ConsumerConfig, ConsumerInfo, JetStreamClient, JetStreamManager, OrderedConsumerOptions} from '@nats-io/jetstream'
import type {NatsConnection} from '@nats-io/transport-node'

import {NatsctlError, onResource, UsageError} from '../errors.js'
import {formatCount} from '../format.js'
import {fromClientMessage, type ReceivedMessage} from './render.js'
import type {EndReason, SubscribeSummary} from './subscriber.js'

export type StartPosition =
  | {kind: 'all'}
  | {kind: 'last'}
  | {kind: 'last-per-subject'}
  | {kind: 'new'}
  | {kind: 'sequence'; seq: number}
  | {kind: 'since'; ms: number; text: string}

interface StreamSubscribeOptions {
  stream?: string
  subjects: string[]
  start: StartPosition
  /** End when nothing is pending (-T). */
  terminateAtEnd?: boolean
  headersOnly?: boolean
  count?: number
  waitMs?: number
  stop: Promise<unknown>
  /** The connection, to resume after a reconnect (see below). */
  nc?: NatsConnection
  /** The connected server's version, for features that need a newer server. */
  serverVersion?: string
  status(message: string): void
  show(msg: ReceivedMessage, n: number): Promise<void> | void
  ready(): Promise<void>
  /** Subjects not shown (-I/--ignore-subject). */
  ignore?: (subject: string) => boolean
}

interface DurableSubscribeOptions extends StreamSubscribeOptions {
  durable: string
  /** --ack / --no-ack: undefined acknowledges when the consumer asks for acknowledgements. */
  ack?: boolean
  /** Resolves true once what show() printed has been written (false: stdout is gone). */
  written(): Promise<boolean>
}

/** A subject matches a pattern with NATS wildcards (`*` one token, `>` the rest). */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.')
  const s = subject.split('.')
  for (const [i, element] of p.entries()) {
    if (element === '>') return s.length > i
    if (i >= s.length || (element !== '*' && element !== s[i])) return false
  }
  return p.length === s.length
}

/** The -I/--ignore-subject predicate, or undefined when nothing is ignored. */
export function ignoredSubjects(patterns: string[] | undefined): ((subject: string) => boolean) | undefined {
  const list = (patterns ?? []).flatMap((p) => p.split(/[\s,]+/)).filter((p) => p !== '')
  if (list.length === 0) return undefined
  return (subject) => list.some((p) => subjectMatches(p, subject))
}

/** The stream that captures SUBJECT, or a clear error. */
async function streamForSubject(jsm: JetStreamManager, subject: string): Promise<string> {
  try {
    return await jsm.streams.find(subject)
  } catch (error) {
    if (/no stream matches subject/i.test((error as Error).message)) {
      throw new NatsctlError(`no stream found with subject: ${subject}`, {cause: error})
    }
    throw error
  }
}

function startLine(subjects: string, start: StartPosition): string {
  switch (start.kind) {
    case 'all': {
      return `Subscribing to subject ${subjects} from first received message`
    }
    case 'last': {
      return `Subscribing to subject ${subjects} from last received message`
    }
    case 'last-per-subject': {
      return `Subscribing to subject ${subjects} for last message per subject`
    }
    case 'new': {
      return `Subscribing to subject ${subjects} for new messages`
    }
    case 'sequence': {
      return `Subscribing to subject ${subjects} starting at sequence ${formatCount(start.seq)}`
    }
    case 'since': {
      return `Subscribing to subject ${subjects} since ${start.text}`
    }
  }
}

export async function runStreamSubscription(
  js: JetStreamClient,
  jsm: JetStreamManager,
  options: StreamSubscribeOptions,
): Promise<SubscribeSummary & {stream: string}> {
  const {DeliverPolicy} = await import('@nats-io/jetstream')
  const subjects = options.subjects
  const stream = options.stream ?? (await streamForSubject(jsm, subjects[0]))
  const info = await onResource({stream}, () => jsm.streams.info(stream))
  if (subjects.length > 1 && !versionAtLeast(options.serverVersion, 2, 10)) {
    throw new UsageError('reading several subjects from a stream needs nats-server 2.10 or later: give one subject')
  }
  const shown = subjects.length > 0 ? subjects.join(', ') : (info.config.subjects ?? []).join(', ') || stream

  // Deleted on exit; the threshold only matters when the process dies without running that (kill -9, a
  // closed pipe): the server then removes it after a minute instead of the client's default five.
  const consumerOptions: Partial<OrderedConsumerOptions> = {inactive_threshold: 60_000}
  // nats-server 2.9 knows only the single filter_subject: the client sends a string as that field.
  if (subjects.length === 1) consumerOptions.filter_subjects = subjects[0]
  else if (subjects.length > 1) consumerOptions.filter_subjects = subjects
  if (options.headersOnly) consumerOptions.headers_only = true
  switch (options.start.kind) {
    case 'all': {
      consumerOptions.deliver_policy = DeliverPolicy.All
      break
    }
    case 'last': {
      consumerOptions.deliver_policy = DeliverPolicy.Last
      break
    }
    case 'last-per-subject': {
      consumerOptions.deliver_policy = DeliverPolicy.LastPerSubject
      break
    }
    case 'new': {
      consumerOptions.deliver_policy = DeliverPolicy.New
      break
    }
    case 'sequence': {
      consumerOptions.deliver_policy = DeliverPolicy.StartSequence
      consumerOptions.opt_start_seq = options.start.seq
      break
    }
    case 'since': {
      consumerOptions.opt_start_time = new Date(Date.now() - options.start.ms).toISOString()
      break
    }
  }

  let consumer = await js.consumers.get(stream, consumerOptions)
  // Said once the consumer exists, so whoever waits for this line knows new messages will be seen.
  options.status(startLine(shown, options.start))
  let reason: EndReason = 'closed'
  let n = 0
  let lastSeq = 0
  let idle: NodeJS.Timeout | undefined
  let messages: {close(): Promise<void | Error>} | undefined
  // After a reconnect the server may have lost the consumer (a crash and restart) while the client waits for
  // it forever: start a new ordered consumer just after the last sequence shown (issue 15, item 4).
  let restart = false
  const watch = options.nc
    ? onReconnect(options.nc, () => {
        restart = true
        void messages?.close()
      })
    : undefined
  const end = (why: EndReason) => {
    if (reason === 'closed') reason = why
    void messages?.close()
  }
  void options.stop.then(() => end('signal'))
  try {
    if (options.terminateAtEnd && (await consumer.info(true)).num_pending === 0) {
      return {received: 0, reason: 'count', stream}
    }
    if (options.waitMs !== undefined) idle = setTimeout(() => end('wait'), options.waitMs)
    for (;;) {
      const current = await consumer.consume()
      messages = current
      if (reason !== 'closed') void current.close()
      for await (const m of current) {
        idle?.refresh()
        lastSeq = m.seq
        // -I: an ignored subject is passed over (not shown, not counted), but still ends a -T run.
        if (!options.ignore?.(m.subject)) {
          n++
          const msg = fromClientMessage(m, {stream: m.info.stream, seq: m.seq, pending: m.info.pending, time: m.time})
          await options.show(msg, n)
          if (n % 64 === 0) await options.ready()
          if (options.count !== undefined && n >= options.count) {
            end('count')
            break
          }
        }
        if (options.terminateAtEnd && m.info.pending === 0) {
          end('count')
          break
        }
      }
      if (!restart || reason !== 'closed') break
      restart = false
      const old = consumer
      void old.delete().catch(() => {})
      // A server killed before it wrote the last messages to disk comes back with fewer: new messages then
      // reuse those sequences, so start at the stream's own next sequence when that is lower, and say so.
      const state = await retryUntil(
        () => jsm.streams.info(stream),
        () => reason !== 'closed',
      )
      if (!state) break
      let from = lastSeq + 1
      if (lastSeq > 0 && state.state.last_seq < lastSeq) {
        from = state.state.last_seq + 1
        options.status(
          `>>> Stream ${stream} came back at sequence ${formatCount(state.state.last_seq)}, before the last message shown (${formatCount(lastSeq)}): the server lost messages`,
        )
      }
      const resume: Partial<OrderedConsumerOptions> =
        lastSeq === 0
          ? consumerOptions
          : {...consumerOptions, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from, opt_start_time: undefined}
      lastSeq = from - 1
      const next = await retryUntil(
        () => js.consumers.get(stream, resume),
        () => reason !== 'closed',
      )
      if (!next) break
      consumer = next
      options.status(`Resuming stream ${stream} after the reconnect${lastSeq > 0 ? ` at sequence ${formatCount(lastSeq + 1)}` : ''}`)
    }
    return {received: n, reason, stream}
  } finally {
    clearTimeout(idle)
    watch?.stop()
    await consumer.delete().catch(() => {})
  }
}

/** The consumer settings of a start position, for a durable consumer sub creates. */
async function startConfig(start: StartPosition): Promise<Partial<ConsumerConfig>> {
  const {DeliverPolicy} = await import('@nats-io/jetstream')
  switch (start.kind) {
    case 'all': {
      return {deliver_policy: DeliverPolicy.All}
    }
    case 'last': {
      return {deliver_policy: DeliverPolicy.Last}
    }
    case 'last-per-subject': {
      return {deliver_policy: DeliverPolicy.LastPerSubject}
    }
    case 'new': {
      return {deliver_policy: DeliverPolicy.New}
    }
    case 'sequence': {
      return {deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start.seq}
    }
    case 'since': {
      return {deliver_policy: DeliverPolicy.StartTime, opt_start_time: new Date(Date.now() - start.ms).toISOString()}
    }
  }
}

/** Calls `listener` on each reconnect of the connection, until stop() is called. */
function onReconnect(nc: NatsConnection, listener: () => void): {stop(): void} {
  let stopped = false
  const statuses = nc.status()
  void (async () => {
    for await (const s of statuses) {
      if (stopped) break
      if (s.type === 'reconnect') listener()
    }
  })().catch(() => {})
  return {
    stop() {
      stopped = true
      const iterator = statuses as {stop?: () => void}
      iterator.stop?.()
    },
  }
}

/**
 * sub --durable NAME: binds to the durable pull consumer NAME on the stream (given, or the one that captures
 * the subject), or creates it filtered on the subject from the start position given (acknowledged with --ack,
 * natscli's none otherwise). Each message shown is acknowledged when the consumer asks for acknowledgements
 * (unless --no-ack); one not shown (ignored, or fetched when the end came) is not, so it is redelivered.
 */
export async function runDurableSubscription(
  js: JetStreamClient,
  jsm: JetStreamManager,
  options: DurableSubscribeOptions,
): Promise<SubscribeSummary & {stream: string}> {
  const [{AckPolicy}, {onConsumer, isConsumerNotFound}, {pullMessages}] = await Promise.all([
    import('@nats-io/jetstream'),
    import('../jetstream/consumer-select.js'),
    import('../jetstream/consumer-pull.js'),
  ])
  const {durable, subjects} = options
  if (subjects.length > 1) throw new UsageError('a durable consumer reads one subject: give one subject (or --stream)')
  const subject = subjects[0]
  const stream = options.stream ?? (await streamForSubject(jsm, subject))
  let info: ConsumerInfo | undefined
  try {
    info = await onConsumer(stream, undefined, () => jsm.consumers.info(stream, durable))
  } catch (error) {
    if (!isConsumerNotFound(error)) throw error
  }
  if (info) {
    if (info.config.deliver_subject) {
      throw new NatsctlError(`consumer "${durable}" on stream "${stream}" is a push consumer: sub --durable reads pull consumers`)
    }
    const filter = info.config.filter_subject || '>'
    if (subject !== undefined && filter !== subject) {
      throw new UsageError(`consumer "${durable}" on stream "${stream}" reads "${filter}", not "${subject}"`)
    }
    options.status(`Subscribing to JetStream Stream "${stream}" using existing pull consumer "${durable}"`)
  } else {
    const config: Partial<ConsumerConfig> = {
      ack_policy: options.ack ? AckPolicy.Explicit : AckPolicy.None,
      durable_name: durable,
      ...(await startConfig(options.start)),
    }
    if (subject !== undefined) config.filter_subject = subject
    if (options.headersOnly) config.headers_only = true
    info = await onConsumer(stream, durable, () => jsm.consumers.add(stream, config as ConsumerConfig))
    options.status(`Created durable pull consumer "${durable}" on stream "${stream}"`)
    options.status(startLine(subject ?? stream, options.start))
  }
  const acks = info.config.ack_policy !== AckPolicy.None
  if (options.ack && !acks) options.status(`consumer "${durable}" does not use acknowledgements: --ack has nothing to acknowledge`)
  const consumer = await onConsumer(stream, durable, () => js.consumers.get(stream, durable))
  const summary = await pullMessages(consumer, {
    count: options.count,
    disposition: acks && options.ack !== false ? 'ack' : 'none',
    idleMs: options.waitMs,
    ignore: options.ignore,
    async show(m, n) {
      await options.show(fromClientMessage(m, {pending: m.info.pending, seq: m.seq, stream: m.info.stream, time: m.time}), n)
      return options.written()
    },
    stop: options.stop,
  })
  const reason: EndReason = summary.reason === 'closed' ? 'signal' : summary.reason
  return {reason, received: summary.shown, stream}
}

/**
 * Retries `work` (the server may still be recovering its streams after a restart) once a second until it
 * succeeds; undefined when `given_up` says to stop (a signal, --wait).
 */
async function retryUntil<T>(work: () => Promise<T>, givenUp: () => boolean): Promise<T | undefined> {
  for (;;) {
    try {
      return await work()
    } catch (error) {
      if (givenUp()) return undefined
      if (error instanceof UsageError) throw error
      await new Promise((resolve) => setTimeout(resolve, 1000))
      if (givenUp()) return undefined
    }
  }
}

function versionAtLeast(version: string | undefined, major: number, minor: number): boolean {
  const [a, b] = (version ?? '0.0').split('.').map(Number)
  return a > major || (a === major && b >= minor)
}
