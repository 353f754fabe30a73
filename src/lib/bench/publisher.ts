// The publish hot loop. A per-message `nc.publish()` reaches about 1.2 M msgs/s at 128 B on a 2-core box:
// every call validates the subject, formats and encodes a "PUB subj len" line and pushes three buffers into
// the client's outbound queue. The server takes several times that. So, when the connection exposes its
// protocol handler (the real client's own outbound buffer and socket writer), we pre-encode whole frames
// once — "PUB subj len\r\n<payload>\r\n" (or HPUB with the encoded headers) — into a ~128 KiB block of
// identical frames and hand blocks to the client's write path (raw-publish.ts): one call per ~900 messages at 128 B, no per-message
// allocation. The first message of a run goes through `nc.publish()` so the client still validates the
// subject, headers and max_payload; the client's message and byte counters are kept up to date.
//
// Flow control: after every WINDOW bytes a flush (PING/PONG) is started and the previous one awaited, so at
// most two windows are in flight and RSS stays flat for any --msgs. The client's rate ends at a flush the
// server answered: everything counted was processed by the server.

import type {MsgHdrs, NatsConnection} from '@nats-io/transport-node'

import {rawWriter, type RawWriter} from './raw-publish.js'

// Tuned on a 2-core box: 128 KiB blocks and a 4 MiB flush window beat 32 KiB / 1 MiB by 25-40% at 128 B,
// with the same peak RSS (about 110-120 MB for the whole process at 128 B and 1 KiB).
const BLOCK_BYTES = 128 * 1024
const WINDOW_BYTES = 4 * 1024 * 1024

interface PublishPlan {
  subject: string
  msgs: number
  payload: Uint8Array
  headers?: MsgHdrs
  /** When set, message n goes to `<subject>.<n mod max, zero padded>`. */
  multisubjectMax?: number
  /** Messages per second; 0 = as fast as possible. */
  rate: number
  /** Called with the number sent so far, at most once per block. */
  onProgress: (sent: number) => void
  /** Stops early when it returns true (checked once per block). */
  stopped: () => boolean
}

export function multiSubject(subject: string, n: number, max: number): string {
  const width = String(Math.max(1, max - 1)).length
  return `${subject}.${String(n % max).padStart(width, '0')}`
}

/** Publishes `plan.msgs` messages; resolves with the number the server acknowledged by a flush. */
export async function publishMessages(nc: NatsConnection, plan: PublishPlan): Promise<number> {
  if (plan.msgs <= 0) return 0
  const writer = rawWriter(nc)
  const max = plan.multisubjectMax ?? 0
  const subjectOf = (n: number) => (max > 0 ? multiSubject(plan.subject, n, max) : plan.subject)
  // The first message through the public API: the client validates subject, headers and size.
  nc.publish(subjectOf(0), plan.payload, plan.headers ? {headers: plan.headers} : undefined)
  let sent = 1
  // The encoded header block comes from the client's own MsgHdrs implementation (not in its public type).
  const encoder = plan.headers as unknown as {encode?: () => Uint8Array} | undefined
  const headerBytes = encoder && typeof encoder.encode === 'function' ? encoder.encode() : undefined
  if (writer && (!plan.headers || headerBytes)) sent += await fastLoop(nc, writer, plan, subjectOf, headerBytes)
  else sent += await plainLoop(nc, plan, subjectOf)
  await nc.flush()
  plan.onProgress(sent)
  return sent
}

function encodeFrame(subject: string, payload: Uint8Array, headerBytes: Uint8Array | undefined): {frame: Buffer; subjectOffset: number} {
  const head = headerBytes
    ? `HPUB ${subject} ${headerBytes.length} ${headerBytes.length + payload.length}\r\n`
    : `PUB ${subject} ${payload.length}\r\n`
  const frame = Buffer.concat([Buffer.from(head, 'latin1'), headerBytes ?? Buffer.alloc(0), payload, Buffer.from('\r\n')])
  return {frame, subjectOffset: head.indexOf(' ') + 1}
}

async function fastLoop(
  nc: NatsConnection,
  writer: RawWriter,
  plan: PublishPlan,
  subjectOf: (n: number) => string,
  headerBytes: Uint8Array | undefined,
): Promise<number> {
  const {frame, subjectOffset} = encodeFrame(subjectOf(0), plan.payload, headerBytes)
  // Above the client's own flush threshold (32 KiB), so each block is written at once, without a copy.
  const perBlock = Math.max(1, Math.ceil(BLOCK_BYTES / frame.length))
  const block = Buffer.allocUnsafe(frame.length * perBlock)
  for (let i = 0; i < perBlock; i++) frame.copy(block, i * frame.length)
  const messageBytes = plan.payload.length + (headerBytes?.length ?? 0)
  const max = plan.multisubjectMax ?? 0
  const width = max > 0 ? String(Math.max(1, max - 1)).length : 0
  const digitsOffset = subjectOffset + plan.subject.length + 1

  const total = plan.msgs - 1
  let done = 0
  let windowBytes = 0
  let inFlight: Promise<void> | undefined
  const started = performance.now()
  while (done < total) {
    if (plan.stopped()) break
    const k = await dueNow(Math.min(perBlock, total - done), done, started, plan.rate)
    if (k === 0) continue
    let chunk = k === perBlock ? block : block.subarray(0, k * frame.length)
    if (width > 0) {
      // Only the zero-padded number differs between frames: rewrite those digits in a fresh copy (the socket
      // may still hold the previous chunk in its write queue, so it must not change under it).
      chunk = Buffer.from(chunk)
      for (let j = 0; j < k; j++) {
        chunk.write(String((done + 1 + j) % max).padStart(width, '0'), j * frame.length + digitsOffset, 'latin1')
      }
    }
    writer.write(chunk, k, k * messageBytes)
    done += k
    plan.onProgress(done + 1)
    windowBytes += k * frame.length
    if (windowBytes >= WINDOW_BYTES) {
      windowBytes = 0
      if (inFlight) await inFlight
      inFlight = nc.flush()
    }
  }
  if (inFlight) await inFlight
  return done
}

/**
 * How many of the next `wanted` messages may go now. Without a rate, all of them; with --throughput, those
 * due by now (so the run keeps the rate from its start), or none after waiting one message's interval.
 */
async function dueNow(wanted: number, done: number, started: number, rate: number): Promise<number> {
  if (rate <= 0) return wanted
  const due = Math.floor(((performance.now() - started) / 1000) * rate) - done
  if (due > 0) return Math.min(wanted, due)
  await sleep(Math.max(1, Math.ceil(1000 / rate)))
  return 0
}

/** The same loop over `nc.publish()` (used when there is no raw writer). */
async function plainLoop(nc: NatsConnection, plan: PublishPlan, subjectOf: (n: number) => string): Promise<number> {
  const opts = plan.headers ? {headers: plan.headers} : undefined
  const total = plan.msgs - 1
  const perFlush = Math.max(1, Math.floor(WINDOW_BYTES / (plan.payload.length + 64)))
  let done = 0
  let inFlight: Promise<void> | undefined
  const started = performance.now()
  while (done < total) {
    if (plan.stopped()) break
    const k = await dueNow(Math.min(perFlush, total - done), done, started, plan.rate)
    if (k === 0) continue
    for (let j = 0; j < k; j++) nc.publish(subjectOf(done + 1 + j), plan.payload, opts)
    done += k
    if (inFlight) await inFlight
    inFlight = nc.flush()
    plan.onProgress(done + 1)
  }
  if (inFlight) await inFlight
  return done
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
