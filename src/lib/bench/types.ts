// Plain, serializable descriptions of a benchmark client and its result: they cross worker_threads
// boundaries, so no functions, no class instances.

import type {HistogramData} from './histogram.js'

export type ClientKind =
  'jsbatch' | 'jsconsume' | 'jsfetch' | 'jsget' | 'jsgetbatch' | 'jsordered' | 'jspub' | 'kvget' | 'kvput' | 'pub' | 'reply' | 'request' | 'sub'

/** Kinds that send (ids P0, P1, ...; --msgs split across them; --throughput applies); the others receive or read. */
export const SENDER_KINDS: ReadonlySet<ClientKind> = new Set<ClientKind>(['jsbatch', 'jspub', 'kvput', 'pub', 'request'])

/** What each kind does, for the per-client status line and the progress bar. */
export const KIND_VERBS: Record<ClientKind, {status: string; progress: string}> = {
  jsbatch: {status: 'publishing', progress: 'Batching'},
  jsconsume: {status: 'consuming', progress: 'Consuming'},
  jsfetch: {status: 'fetching', progress: 'Fetching'},
  jsget: {status: 'getting', progress: 'Getting'},
  jsgetbatch: {status: 'getting', progress: 'Getting'},
  jsordered: {status: 'consuming', progress: 'Receiving'},
  jspub: {status: 'publishing', progress: 'Publishing'},
  kvget: {status: 'getting', progress: 'Getting'},
  kvput: {status: 'putting', progress: 'Putting'},
  pub: {status: 'publishing', progress: 'Publishing'},
  reply: {status: 'replying to', progress: 'Replying'},
  request: {status: 'requesting', progress: 'Requesting'},
  sub: {status: 'expecting', progress: 'Receiving'},
}

export interface JsClientOptions {
  /** The stream (for kvput/kvget: the bucket's stream, KV_<bucket>). */
  stream: string
  domain?: string
  apiPrefix?: string
  timeoutMs: number
  /**
   * jspub: messages in flight before waiting for their acks (1 = synchronous). jsbatch: messages per atomic
   * batch. jsconsume/jsordered: messages buffered per pull. jsfetch: messages per fetch. jsgetbatch: messages
   * per batched direct get.
   */
  batch: number
  /** jspub/jsbatch: set Nats-Msg-Id on every message. */
  dedup?: boolean
  /** jsconsume/jsfetch: the durable pull consumer's name. */
  consumer?: string
  acks?: 'all' | 'explicit' | 'none'
  /** jsconsume/jsfetch: acknowledge and wait for the server's confirmation (natscli's --doubleack). */
  doubleAck?: boolean
  /** jsget/jsgetbatch: the first sequence to read. */
  startSeq?: number
  /** jsgetbatch: only messages on this subject (natscli's --filter, default >). */
  filter?: string
  /** kvput/kvget: the bucket. */
  bucket?: string
  /** kvput/kvget: first key of this client (keys are numbers: offset, offset+1, ...). */
  offset?: number
  /** kvput/kvget: random keys between 0 and this number instead of sequential ones (0 = sequential). */
  randomize?: number
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
