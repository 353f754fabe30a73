// Plain, serializable descriptions of a benchmark client and its result: they cross worker_threads
// boundaries, so no functions, no class instances.

import type {HistogramData} from './histogram.js'

export type ClientKind = 'jsconsume' | 'jspub' | 'pub' | 'reply' | 'request' | 'sub'

export interface JsClientOptions {
  stream: string
  domain?: string
  apiPrefix?: string
  timeoutMs: number
  /** jspub: messages in flight before waiting for their acks. jsconsume: messages per pull. */
  batch: number
  /** jspub: set Nats-Msg-Id on every message. */
  dedup?: boolean
  /** jsconsume: the durable pull consumer's name; absent means an ordered consumer per client. */
  consumer?: string
  acks?: 'explicit' | 'none'
}

export interface ClientSpec {
  kind: ClientKind
  /** natscli's client id: P0, P1, ... for publishers/requesters, S0, ... for subscribers/consumers. */
  id: string
  /** Position in the progress display (0-based across all clients of the run). */
  slot: number
  subject: string
  /** Messages this client sends or expects. For reply, 0 means until stopped. */
  msgs: number
  size: number
  multisubject: boolean
  multisubjectMax: number
  headers: Array<[string, string]>
  /** Messages per second for this client; 0 means as fast as possible. */
  rate: number
  timeoutMs: number
  /** The target's inbox prefix, for the requesters' reply subscription. */
  inboxPrefix?: string
  runId: string
  /** reply: stop when all repliers together have answered this many (0 = until stopped). */
  sharedTarget?: number
  js?: JsClientOptions
}

export interface ClientResult {
  id: string
  kind: ClientKind
  msgs: number
  bytes: number
  /** Wall-clock start and end (epoch milliseconds with sub-millisecond precision, comparable across threads). */
  start: number
  end: number
  latency?: HistogramData
  /** Set when the client failed or its connection dropped: the run reports it and exits 1. */
  error?: string
}

/** Progress shared between threads: one counter per client slot, plus a total used by repliers. */
export interface SharedCounters {
  progress: Float64Array
  /** [0] = messages answered by all repliers together (Atomics). */
  total: BigInt64Array
}

export function sharedCounters(slots: number, buffers?: {progress: SharedArrayBuffer; total: SharedArrayBuffer}): SharedCounters {
  const progress = buffers?.progress ?? new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT * Math.max(1, slots))
  const total = buffers?.total ?? new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT)
  return {progress: new Float64Array(progress), total: new BigInt64Array(total)}
}

/** Wall-clock milliseconds with the monotonic clock's precision, comparable between worker threads. */
export function wallNow(): number {
  return performance.timeOrigin + performance.now()
}
