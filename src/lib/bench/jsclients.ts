// The JetStream and key-value benchmark clients beyond `bench js pub`: consumers (ordered, callback consume,
// fetch), direct gets (one at a time, batched), KV put and get, and atomic batch publishing. Same rules as
// clients.ts: set up, report ready, wait for go, then count only what the server confirmed or delivered.
// Latency is recorded per operation the client waits for: a get, a put, a fetch, an atomic batch's commit.

import type {NatsConnection} from '@nats-io/transport-node'

import type {ClientControl} from './clients.js'
import {jetStreamClient, payloadOf, subjectFor} from './clients.js'
import {Histogram} from './histogram.js'
import {type ClientResult, type ClientSpec, type SharedCounters, wallNow} from './types.js'

type Runner = (nc: NatsConnection, spec: ClientSpec, counters: SharedCounters, control: ClientControl, result: ClientResult) => Promise<void>

/** Idle time after which a reading client gives up (no new message for the whole run, not just this client). */
const IDLE_MS = 6000

/** Waits until `rate` allows operation `n` (0 = no rate). */
async function pace(rate: number, started: number, n: number): Promise<void> {
  if (rate <= 0) return
  const wait = started + (n / rate) * 1000 - performance.now()
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
}

async function manager(nc: NatsConnection, spec: ClientSpec) {
  const js = spec.js!
  const {jetstreamManager} = await import('@nats-io/jetstream')
  return jetstreamManager(nc, {
    ...(js.domain ? {domain: js.domain} : {}),
    ...(js.apiPrefix ? {apiPrefix: js.apiPrefix} : {}),
    timeout: js.timeoutMs,
    checkAPI: false,
  })
}

/** `bench js ordered`: an ordered consumer per client, each reading --msgs from the start of the stream. */
const runJsOrdered: Runner = async (nc, spec, counters, control, result) => {
  const js = spec.js!
  const client = await jetStreamClient(nc, js)
  const consumer = await client.consumers.get(js.stream)
  control.ready()
  await control.go
  result.start = wallNow()
  let received = 0
  let bytes = 0
  const messages = await consumer.consume({max_messages: js.batch})
  const stop = control.stop.then(() => messages.close())
  for await (const m of messages) {
    received++
    bytes += m.data.length
    if ((received & 1023) === 0) counters.progress[spec.slot] = received
    if (received >= spec.msgs) break
  }
  await messages.close()
  void stop
  result.end = wallNow()
  // Ordered consumers stay on the server after the iterator ends (CLIENT-NOTES pitfall 4).
  await consumer.delete().catch(() => {})
  counters.progress[spec.slot] = received
  result.msgs = received
  result.bytes = bytes
}

/**
 * `bench js consume`: natscli's callback consumer on the shared durable. The clients consume until all of
 * them together have --msgs (counted in shared memory, so the total is exact and no client waits for
 * messages another one holds); a message past the total is handed back (nak) uncounted.
 */
const runJsConsume: Runner = async (nc, spec, counters, control, result) => {
  const js = spec.js!
  const client = await jetStreamClient(nc, js)
  const consumer = await client.consumers.get(js.stream, js.consumer!)
  const target = BigInt(spec.sharedTarget ?? spec.msgs)
  const ack = (js.acks ?? 'explicit') !== 'none'
  let received = 0
  let bytes = 0
  let failure: Error | undefined
  let confirmations: Promise<unknown> = Promise.resolve()
  let finish!: () => void
  const done = new Promise<void>((resolve) => (finish = resolve))
  control.ready()
  await control.go
  result.start = wallNow()
  const messages = await consumer.consume({
    max_messages: js.batch,
    callback(m) {
      const before = Atomics.load(counters.total, 0) >= target ? target : Atomics.add(counters.total, 0, 1n)
      if (before >= target) {
        if (ack) m.nak()
        finish()
        return
      }
      received++
      bytes += m.data.length
      if (ack) {
        if (js.doubleAck) {
          const confirmed = m.ackAck().then((ok) => {
            if (!ok) failure ??= new Error(`the server did not confirm the acknowledgement of message ${m.seq}`)
          })
          confirmations = Promise.all([confirmations, confirmed])
        } else {
          m.ack()
        }
      }
      if ((received & 1023) === 0) counters.progress[spec.slot] = received
      if (before + 1n >= target) finish()
    },
  })
  // Another client may have reached the total; and a run where no client gets anything for IDLE_MS fails.
  let seen = -1n
  let lastChange = performance.now()
  const poll = setInterval(() => {
    const total = Atomics.load(counters.total, 0)
    if (total >= target) return finish()
    if (total !== seen) {
      seen = total
      lastChange = performance.now()
    } else if (performance.now() - lastChange > IDLE_MS) {
      failure ??= new Error(`no messages for ${IDLE_MS / 1000}s after ${received} (all clients: ${total} of ${target})`)
      finish()
    }
  }, 50)
  const closed = messages.closed().then((error) => {
    if (error) failure ??= error
  })
  try {
    await Promise.race([done, control.stop, closed])
    await confirmations
    if (ack) await nc.flush()
    result.end = wallNow()
  } finally {
    clearInterval(poll)
    await messages.close()
    counters.progress[spec.slot] = received
    result.msgs = received
    result.bytes = bytes
    result.end ||= wallNow()
  }
  if (failure) throw failure
}

/** `bench js fetch`: the shared durable, each client fetching exactly its share in batches of --batch. */
const runJsFetch: Runner = async (nc, spec, counters, control, result) => {
  const js = spec.js!
  const client = await jetStreamClient(nc, js)
  const ack = (js.acks ?? 'explicit') !== 'none'
  const latency = new Histogram()
  let received = 0
  let bytes = 0
  // Each client pulls exactly its share, so no client holds messages another one is waiting for.
  const consumer = await client.consumers.get(js.stream, js.consumer!)
  control.ready()
  await control.go
  result.start = wallNow()
  let idle = 0
  try {
    while (received < spec.msgs && !control.isStopped()) {
      const want = Math.min(js.batch, spec.msgs - received)
      const t0 = performance.now()
      const batch = await consumer.fetch({max_messages: want, expires: 2000})
      let got = 0
      for await (const m of batch) {
        got++
        received++
        bytes += m.data.length
        if (ack) {
          if (js.doubleAck) {
            if (!(await m.ackAck())) throw new Error(`the server did not confirm the acknowledgement of message ${m.seq}`)
          } else {
            m.ack()
          }
        }
        if (got === want) break
      }
      // One fetch: from the pull request to its last message.
      if (got > 0) latency.record((performance.now() - t0) * 1e6)
      counters.progress[spec.slot] = received
      idle = got === 0 ? idle + 1 : 0
      if (idle >= 3) throw new Error(`no messages for 6s after ${received} of ${spec.msgs}`)
    }
    if (ack) await nc.flush()
  } finally {
    result.end = wallNow()
    result.msgs = received
    result.bytes = bytes
    result.latency = latency.toJSON()
  }
}

/** `bench js get sync`: direct gets one at a time, --msgs messages from the stream's first sequence. */
const runJsGet: Runner = async (nc, spec, counters, control, result) => {
  const js = spec.js!
  const jsm = await manager(nc, spec)
  const latency = new Histogram()
  const first = js.startSeq ?? 1
  let got = 0
  let bytes = 0
  await nc.flush()
  control.ready()
  await control.go
  result.start = wallNow()
  try {
    for (; got < spec.msgs && !control.isStopped(); got++) {
      const seq = first + got
      const t0 = performance.now()
      const m = await jsm.direct.getMessage(js.stream, {seq})
      latency.record((performance.now() - t0) * 1e6)
      if (!m) throw new Error(`message ${seq} not found in stream "${js.stream}"`)
      bytes += m.data.length
      if ((got & 255) === 0) counters.progress[spec.slot] = got
    }
  } finally {
    counters.progress[spec.slot] = got
    result.end = wallNow()
    result.msgs = got
    result.bytes = bytes
    result.latency = latency.toJSON()
  }
}

/** `bench js get batch`: batched direct gets of --batch messages (nats-server 2.11+), from the first sequence. */
const runJsGetBatch: Runner = async (nc, spec, counters, control, result) => {
  const js = spec.js!
  const jsm = await manager(nc, spec)
  const latency = new Histogram()
  let next = js.startSeq ?? 1
  let got = 0
  let bytes = 0
  await nc.flush()
  control.ready()
  await control.go
  result.start = wallNow()
  try {
    while (got < spec.msgs && !control.isStopped()) {
      const want = Math.min(js.batch, spec.msgs - got)
      const t0 = performance.now()
      const batch = await jsm.direct.getBatch(js.stream, {
        seq: next,
        batch: want,
        ...(js.filter && js.filter !== '>' ? {next_by_subj: js.filter} : {}),
      })
      let n = 0
      for await (const m of batch) {
        n++
        got++
        bytes += m.data.length
        next = m.seq + 1
      }
      latency.record((performance.now() - t0) * 1e6)
      counters.progress[spec.slot] = got
      if (n === 0) throw new Error(`no messages in stream "${js.stream}" from sequence ${next} (got ${got} of ${spec.msgs})`)
    }
  } finally {
    result.end = wallNow()
    result.msgs = got
    result.bytes = bytes
    result.latency = latency.toJSON()
  }
}

async function openBucket(nc: NatsConnection, spec: ClientSpec) {
  const js = spec.js!
  const {Kvm} = await import('@nats-io/kv')
  return new Kvm(await jetStreamClient(nc, js)).open(js.bucket!)
}

function keyOf(spec: ClientSpec, n: number): string {
  const js = spec.js!
  return String(js.randomize && js.randomize > 0 ? Math.floor(Math.random() * js.randomize) : (js.offset ?? 0) + n)
}

/** `bench kv put`: one put in flight, keys offset, offset+1, ... (or random with --randomize), a --size value. */
const runKvPut: Runner = async (nc, spec, counters, control, result) => {
  const kv = await openBucket(nc, spec)
  const payload = payloadOf(spec.size)
  const latency = new Histogram()
  let put = 0
  await nc.flush()
  control.ready()
  await control.go
  result.start = wallNow()
  const started = performance.now()
  try {
    for (; put < spec.msgs && !control.isStopped(); put++) {
      await pace(spec.rate, started, put)
      const t0 = performance.now()
      await kv.put(keyOf(spec, put), payload)
      latency.record((performance.now() - t0) * 1e6)
      if ((put & 255) === 0) counters.progress[spec.slot] = put
    }
  } finally {
    counters.progress[spec.slot] = put
    result.end = wallNow()
    result.msgs = put
    result.bytes = put * spec.size
    result.latency = latency.toJSON()
  }
}

/** `bench kv get`: one get in flight over the same keys `bench kv put` wrote; a missing key fails the client. */
const runKvGet: Runner = async (nc, spec, counters, control, result) => {
  const kv = await openBucket(nc, spec)
  const latency = new Histogram()
  let got = 0
  let bytes = 0
  await nc.flush()
  control.ready()
  await control.go
  result.start = wallNow()
  try {
    for (; got < spec.msgs && !control.isStopped(); got++) {
      const key = keyOf(spec, got)
      const t0 = performance.now()
      const entry = await kv.get(key)
      latency.record((performance.now() - t0) * 1e6)
      if (!entry || entry.operation !== 'PUT') throw new Error(`key "${key}" not found in bucket "${spec.js!.bucket}"`)
      bytes += entry.value.length
      if ((got & 255) === 0) counters.progress[spec.slot] = got
    }
  } finally {
    counters.progress[spec.slot] = got
    result.end = wallNow()
    result.msgs = got
    result.bytes = bytes
    result.latency = latency.toJSON()
  }
}

/**
 * `bench js pub batch`: atomic batch publish (nats-server 2.12+). Each batch of --batch messages carries
 * Nats-Batch-Id and Nats-Batch-Sequence; the last one also Nats-Batch-Commit: 1 and a reply subject, and the
 * stream answers it once for the whole batch. A batch counts when its commit is acknowledged without error;
 * latency is per batch, from its first message to the commit's acknowledgement.
 */
const runJsBatch: Runner = async (nc, spec, counters, control, result) => {
  const js = spec.js!
  const {headers: makeHeaders} = await import('@nats-io/transport-node')
  const payload = payloadOf(spec.size)
  const subjectOf = subjectFor(spec)
  const latency = new Histogram()
  const size = Math.max(1, js.batch)
  const headersFor = (batchId: string, seq: number, n: number, commit: boolean) => {
    const h = makeHeaders()
    for (const [k, v] of spec.headers) h.append(k, v)
    if (js.dedup) h.set('Nats-Msg-Id', `${spec.runId}-${spec.id}-${n}`)
    h.set('Nats-Batch-Id', batchId)
    h.set('Nats-Batch-Sequence', String(seq))
    if (commit) h.set('Nats-Batch-Commit', '1')
    return h
  }
  await nc.flush()
  control.ready()
  await control.go
  result.start = wallNow()
  const started = performance.now()
  let acked = 0
  let batchNo = 0
  try {
    while (acked < spec.msgs && !control.isStopped()) {
      const n = Math.min(size, spec.msgs - acked)
      const batchId = `${spec.runId}-${spec.id}-${batchNo++}`
      const t0 = performance.now()
      for (let j = 0; j < n - 1; j++) {
        await pace(spec.rate, started, acked + j)
        nc.publish(subjectOf(acked + j), payload, {headers: headersFor(batchId, j + 1, acked + j, false)})
      }
      await pace(spec.rate, started, acked + n - 1)
      const reply = await nc.request(subjectOf(acked + n - 1), payload, {headers: headersFor(batchId, n, acked + n - 1, true), timeout: js.timeoutMs})
      const text = new TextDecoder().decode(reply.data)
      let ackBody: {error?: {description?: string; err_code?: number}; count?: number} = {}
      try {
        ackBody = JSON.parse(text) as typeof ackBody
      } catch {
        throw new Error(`unexpected reply to the batch commit: ${text || `status ${reply.headers?.code ?? 'none'}`}`)
      }
      if (ackBody.error)
        throw new Error(`atomic batch rejected: ${ackBody.error.description ?? text}${ackBody.error.err_code ? ` (${ackBody.error.err_code})` : ''}`)
      if (ackBody.count !== undefined && ackBody.count !== n) throw new Error(`atomic batch committed ${ackBody.count} of ${n} messages`)
      latency.record((performance.now() - t0) * 1e6)
      acked += n
      counters.progress[spec.slot] = acked
    }
  } finally {
    result.end = wallNow()
    result.msgs = acked
    result.bytes = acked * spec.size
    result.latency = latency.toJSON()
  }
}

export const JS_RUNNERS: Partial<Record<ClientSpec['kind'], Runner>> = {
  jsbatch: runJsBatch,
  jsconsume: runJsConsume,
  jsfetch: runJsFetch,
  jsget: runJsGet,
  jsgetbatch: runJsGetBatch,
  jsordered: runJsOrdered,
  kvget: runKvGet,
  kvput: runKvPut,
}
