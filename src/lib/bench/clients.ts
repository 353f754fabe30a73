// One benchmark client: its own connection, set up (subscribe, consumer lookup), then told to go, then it
// counts what actually happened. The same code runs in the main thread (one client) and in worker threads
// (several). Counting rules: publishers count what a flush or an ack confirmed, subscribers and consumers
// count what they received, requesters count answered requests. A dropped connection or a client error ends
// the client with `error` set; the run reports it and exits 1.

import type {NatsConnection} from '@nats-io/transport-node'

import {connectionOptions} from '../connect.js'
import {noResponders, toNatsctlError} from '../errors.js'
import type {Target} from '../target.js'
import {Histogram} from './histogram.js'
import {multiSubject, publishMessages} from './publisher.js'
import {rawWriter} from './raw-publish.js'
import {type ClientResult, type ClientSpec, type SharedCounters, wallNow} from './types.js'

export interface ClientControl {
  /** Resolves when every client is ready and the run starts. */
  go: Promise<void>
  /** Resolves when the run is stopped early (Ctrl-C, or subscribers given up on after publishers ended). */
  stop: Promise<void>
  isStopped(): boolean
  /** Set up and waiting for go; `error` when setting up failed (the run then stops before it starts). */
  ready(error?: string): void
}

const REPLY_QUEUE = 'natsctl-bench'

export function payloadOf(size: number): Uint8Array {
  // Printable filler, so a human watching with `natsctl sub` sees something sensible.
  const payload = new Uint8Array(size)
  for (let i = 0; i < size; i++) payload[i] = 97 + (i % 26)
  return payload
}

function describe(error: unknown): string {
  return toNatsctlError(error).message
}

export async function runClient(spec: ClientSpec, target: Target, counters: SharedCounters, control: ClientControl): Promise<ClientResult> {
  const result: ClientResult = {id: spec.id, kind: spec.kind, msgs: 0, bytes: 0, start: 0, end: 0}
  let nc: NatsConnection | undefined
  let finished = false
  try {
    const {connect} = await import('@nats-io/transport-node')
    const opts = await connectionOptions(target)
    opts.name = `natsctl-bench ${spec.id}`
    try {
      nc = await connect(opts)
    } catch (error) {
      throw toNatsctlError(error, {servers: target.servers})
    }
    const conn = nc
    // A connection that closes before the client is done is a failure of the run, whatever the reason.
    const dropped = conn.closed().then((error) => {
      if (!finished) return `connection closed${error ? `: ${describe(error)}` : ''}`
      return undefined
    })
    const work = runKind(conn, spec, counters, control, result)
    const outcome = await Promise.race([work.then(() => undefined), dropped])
    if (outcome) {
      result.error = `client ${spec.id}: ${outcome}`
      // Let the client record what it counted before the connection went away.
      await Promise.race([work.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 200))])
    }
  } catch (error) {
    result.error = `client ${spec.id}: ${describe(error)}`
    control.ready(result.error)
  } finally {
    finished = true
    if (nc && !nc.isClosed()) {
      await Promise.race([nc.drain(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]).catch(() => {})
      if (!nc.isClosed()) await nc.close().catch(() => {})
    }
  }
  return result
}

async function runKind(nc: NatsConnection, spec: ClientSpec, counters: SharedCounters, control: ClientControl, result: ClientResult): Promise<void> {
  switch (spec.kind) {
    case 'pub':
      return runPublisher(nc, spec, counters, control, result)
    case 'sub':
      return runSubscriber(nc, spec, counters, control, result)
    case 'request':
      return runRequester(nc, spec, counters, control, result)
    case 'reply':
      return runReplier(nc, spec, counters, control, result)
    case 'jspub':
      return runJsPublisher(nc, spec, counters, control, result)
    default: {
      // The JetStream readers, KV and atomic batch clients (loaded only by the runs that use them).
      const {JS_RUNNERS} = await import('./jsclients.js')
      const runner = JS_RUNNERS[spec.kind]
      if (!runner) throw new Error(`unknown client kind ${spec.kind}`)
      return runner(nc, spec, counters, control, result)
    }
  }
}

async function buildHeaders(spec: ClientSpec) {
  if (spec.headers.length === 0) return undefined
  const {headers} = await import('@nats-io/transport-node')
  const h = headers()
  for (const [k, v] of spec.headers) h.append(k, v)
  return h
}

export const subjectFor = (spec: ClientSpec) => (n: number) =>
  spec.multisubject ? multiSubject(spec.subject, n, spec.multisubjectMax) : spec.subject

async function runPublisher(nc: NatsConnection, spec: ClientSpec, counters: SharedCounters, control: ClientControl, result: ClientResult) {
  const payload = payloadOf(spec.size)
  const headers = await buildHeaders(spec)
  await nc.flush()
  control.ready()
  await control.go
  result.start = wallNow()
  // NATSCTL_BENCH_PLAIN_PUBLISH=1 forces the nc.publish()-per-message loop (raw-publish.ts).
  const sent = await publishMessages(nc, {
    subject: spec.subject,
    msgs: spec.msgs,
    payload,
    headers,
    multisubjectMax: spec.multisubject ? spec.multisubjectMax : undefined,
    rate: spec.rate,
    onProgress: (n) => {
      counters.progress[spec.slot] = n
    },
    stopped: () => control.isStopped(),
  })
  result.end = wallNow()
  result.msgs = sent
  result.bytes = sent * spec.size
}

async function runSubscriber(nc: NatsConnection, spec: ClientSpec, counters: SharedCounters, control: ClientControl, result: ClientResult) {
  let received = 0
  let bytes = 0
  let first = 0
  let last = 0
  let failure: Error | undefined
  let finish!: () => void
  const done = new Promise<void>((resolve) => (finish = resolve))
  const sub = nc.subscribe(spec.multisubject ? `${spec.subject}.*` : spec.subject, {
    callback(error, msg) {
      if (error) {
        failure = error
        finish()
        return
      }
      last = performance.now()
      if (received === 0) first = last
      received++
      bytes += msg.data.length
      if ((received & 1023) === 0) counters.progress[spec.slot] = received
      if (received === spec.msgs) finish()
    },
  })
  await nc.flush()
  control.ready()
  await control.go
  await Promise.race([
    done,
    control.stop,
    sub.closed.then((e) => {
      if (e) failure = e
    }),
  ])
  sub.unsubscribe()
  counters.progress[spec.slot] = received
  const origin = performance.timeOrigin
  result.msgs = received
  result.bytes = bytes
  result.start = received ? origin + first : wallNow()
  result.end = received ? origin + last : result.start
  if (failure) throw failure
}

/**
 * Sequential requests, each timed from send to reply. Instead of `nc.request()` (which per request builds a
 * request object, a new inbox token, a timer and a promise chain) the requester keeps one reply
 * subscription on its own inbox (`<inbox>.*`) and one request in flight: the request frame
 * `PUB subject <inbox>.<seq> size` is encoded once, only the sequence digits are rewritten per request, and
 * it is handed to the client's write path; the reply to that exact sequence resolves the pending request
 * (a late or duplicate reply to an earlier one is ignored), and a single watchdog timer enforces the timeout. No responders (a 503 status reply) and timeouts fail the client.
 * With headers or --multisubject each request goes through `nc.publish(subject, payload, {reply})`.
 */
async function runRequester(nc: NatsConnection, spec: ClientSpec, counters: SharedCounters, control: ClientControl, result: ClientResult) {
  const {createInbox} = await import('@nats-io/transport-node')
  const payload = payloadOf(spec.size)
  const headers = await buildHeaders(spec)
  const subjectOf = subjectFor(spec)
  const latency = new Histogram()
  const inbox = createInbox(spec.inboxPrefix)
  const width = 10
  const replyTo = (n: number) => `${inbox}.${String(n).padStart(width, '0')}`
  let pending: {resolve: () => void; reject: (error: Error) => void; since: number; reply: string} | undefined
  const sub = nc.subscribe(`${inbox}.*`, {
    callback(error, msg) {
      const current = pending
      if (!current || (!error && msg.subject !== current.reply)) return
      pending = undefined
      if (error) current.reject(error)
      else if (msg.headers?.code === 503) current.reject(noResponders(spec.subject))
      else current.resolve()
    },
  })
  const watchdog = setInterval(
    () => {
      if (pending && performance.now() - pending.since > spec.timeoutMs) {
        const current = pending
        pending = undefined
        current.reject(new Error(`request timed out after ${spec.timeoutMs}ms waiting for a reply on "${spec.subject}"`))
      }
    },
    Math.max(10, Math.min(1000, spec.timeoutMs / 4)),
  )
  // One request at a time, each a copy of one pre-encoded frame with its own reply subject (raw-publish.ts).
  const writer = headers || spec.multisubject ? undefined : rawWriter(nc)
  const head = `PUB ${spec.subject} ${replyTo(0)} ${payload.length}\r\n`
  const digitsAt = head.indexOf(replyTo(0)) + inbox.length + 1
  const frame = writer ? Buffer.concat([Buffer.from(head, 'latin1'), payload, Buffer.from('\r\n')]) : undefined
  await nc.flush()
  control.ready()
  await control.go
  result.start = wallNow()
  const started = performance.now()
  let done = 0
  try {
    for (; done < spec.msgs && !control.isStopped(); done++) {
      if (spec.rate > 0) {
        const wait = started + (done / spec.rate) * 1000 - performance.now()
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      }
      const reply = replyTo(done)
      const t0 = performance.now()
      const replied = new Promise<void>((resolve, reject) => (pending = {resolve, reject, since: t0, reply}))
      // The first request goes through the public API, so the client validates the subject and size.
      if (writer && frame && done > 0) {
        // A fresh copy: the socket may still hold the previous frame.
        const out = Buffer.from(frame)
        out.write(reply.slice(-width), digitsAt, 'latin1')
        writer.write(out, 1, payload.length)
      } else {
        nc.publish(subjectOf(done), payload, {reply, ...(headers ? {headers} : {})})
      }
      await replied
      latency.record((performance.now() - t0) * 1e6)
      counters.progress[spec.slot] = done + 1
    }
  } finally {
    // Counted even when the client fails: the requests answered until then.
    clearInterval(watchdog)
    sub.unsubscribe()
    result.end = wallNow()
    result.msgs = done
    result.bytes = done * spec.size
    result.latency = latency.toJSON()
  }
}

async function runReplier(nc: NatsConnection, spec: ClientSpec, counters: SharedCounters, control: ClientControl, result: ClientResult) {
  const payload = payloadOf(spec.size)
  let answered = 0
  let bytes = 0
  let first = 0
  let last = 0
  let finish!: () => void
  const done = new Promise<void>((resolve) => (finish = resolve))
  const target = BigInt(spec.sharedTarget ?? 0)
  const sub = nc.subscribe(spec.multisubject ? `${spec.subject}.*` : spec.subject, {
    queue: REPLY_QUEUE,
    callback(error, msg) {
      if (error) return finish()
      last = performance.now()
      if (answered === 0) first = last
      msg.respond(payload)
      answered++
      bytes += msg.data.length
      counters.progress[spec.slot] = answered
      if (target > 0n && Atomics.add(counters.total, 0, 1n) + 1n >= target) finish()
    },
  })
  // Another replier may have reached the shared target: look now and then.
  const poll = target > 0n ? setInterval(() => Atomics.load(counters.total, 0) >= target && finish(), 50) : undefined
  await nc.flush()
  control.ready()
  await control.go
  await Promise.race([done, control.stop, sub.closed])
  if (poll) clearInterval(poll)
  // Let the last responses leave before the connection drains.
  await nc.flush()
  sub.unsubscribe()
  const origin = performance.timeOrigin
  result.msgs = answered
  result.bytes = bytes
  result.start = answered ? origin + first : wallNow()
  result.end = answered ? origin + last : result.start
}

/** The client's JetStream handle with the run's domain or API prefix and timeout. */
export async function jetStreamClient(nc: NatsConnection, js: NonNullable<ClientSpec['js']>) {
  const {jetstream} = await import('@nats-io/jetstream')
  return jetstream(nc, {
    ...(js.domain ? {domain: js.domain} : {}),
    ...(js.apiPrefix ? {apiPrefix: js.apiPrefix} : {}),
    timeout: js.timeoutMs,
  })
}

async function runJsPublisher(nc: NatsConnection, spec: ClientSpec, counters: SharedCounters, control: ClientControl, result: ClientResult) {
  const js = spec.js!
  const client = await jetStreamClient(nc, js)
  const payload = payloadOf(spec.size)
  const headers = await buildHeaders(spec)
  const subjectOf = subjectFor(spec)
  const latency = new Histogram()
  const window = Math.max(1, js.batch)
  const msgIdOf = js.dedup ? (seq: number) => `${spec.runId}-${spec.id}-${seq}` : undefined
  const publishOne = async (seq: number) => {
    const t0 = performance.now()
    await client.publish(subjectOf(seq), payload, {
      timeout: js.timeoutMs,
      ...(msgIdOf ? {msgID: msgIdOf(seq)} : {}),
      ...(headers ? {headers} : {}),
    })
    latency.record((performance.now() - t0) * 1e6)
  }
  // Without a raw writer (or with NATSCTL_BENCH_PLAIN_PUBLISH=1), js.publish() per message.
  const {jsWindowPublisher} = await import('./jspublisher.js')
  const fast = await jsWindowPublisher(nc, {
    subjectOf,
    payload,
    headers: spec.headers,
    msgIdOf,
    inboxPrefix: spec.inboxPrefix,
    timeoutMs: js.timeoutMs,
    latency,
  })
  await nc.flush()
  control.ready()
  await control.go
  result.start = wallNow()
  const started = performance.now()
  let acked = 0
  let sent = 0
  try {
    while (sent < spec.msgs && !control.isStopped()) {
      if (spec.rate > 0) {
        const wait = started + (sent / spec.rate) * 1000 - performance.now()
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      }
      if (sent === 0 || !fast) {
        // The first message (and every one without the fast path) through js.publish(): a missing stream or
        // a bad subject give the client library's own error.
        const n = sent === 0 ? 1 : Math.min(window, spec.msgs - sent)
        await Promise.all(Array.from({length: n}, (_, j) => publishOne(sent + j)))
        sent += n
        acked += n
      } else {
        // Pipelined acknowledgements: a window of --batch publishes, then wait for all of their acks.
        const n = Math.min(window, spec.msgs - sent)
        acked += await fast.window(sent, sent + n)
        sent += n
      }
      counters.progress[spec.slot] = acked
    }
  } finally {
    // Counted even when the client fails: what was acknowledged until then.
    fast?.close()
    result.end = wallNow()
    result.msgs = acked
    result.bytes = acked * spec.size
    result.latency = latency.toJSON()
  }
}
