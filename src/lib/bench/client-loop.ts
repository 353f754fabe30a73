// What every benchmark client does around its own work: start together with the others, pace to --rate,
// time what it waits for, and fill in its result even when it fails (what was done until then counts).
// The clients in clients.ts and jsclients.ts differ only in the work itself.

import type {NatsConnection} from '@nats-io/transport-node'

import {Histogram} from './histogram.js'
import {type ClientResult, type ClientSpec, type SharedCounters, wallNow} from './types.js'

/** How the run drives a client: the start signal, the stop signal, and the client's report that it is ready. */
export interface ClientControl {
  /** Resolves when every client is ready and the run starts. */
  go: Promise<void>
  /** Resolves when the run is stopped early (Ctrl-C, or subscribers given up on after publishers ended). */
  stop: Promise<void>
  isStopped(): boolean
  /** Set up and waiting for go; `error` when setting up failed (the run then stops before it starts). */
  ready(error?: string): void
}

/** Waits until `rate` operations a second allow operation `n` (0 = no limit). */
export async function pace(rate: number, started: number, n: number): Promise<void> {
  if (rate <= 0) return
  const wait = started + (n / rate) * 1000 - performance.now()
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
}

/**
 * Set-up is over: flushes (so set-up errors surface now), tells the run this client is ready, waits for go
 * and marks the start. Returns the start on the monotonic clock, for `pace`.
 */
export async function startTogether(nc: NatsConnection, control: ClientControl, result: ClientResult): Promise<number> {
  await nc.flush()
  control.ready()
  await control.go
  result.start = wallNow()
  return performance.now()
}

/** Fills in the result: the end, what was counted, and the latency when the client measured one. */
export function settle(result: ClientResult, msgs: number, bytes: number, latency?: Histogram): void {
  result.end = wallNow()
  result.msgs = msgs
  result.bytes = bytes
  if (latency) result.latency = latency.toJSON()
}

/** One step of a measured loop: how many messages it completed and how many bytes they carried. */
export interface Step {
  msgs: number
  bytes: number
}

/**
 * The loop of a client that waits for each step before the next (a request, a get, a put, a fetch, an
 * atomic batch): `step(done, started)` until --msgs are done or the run stops, each step paced to --rate
 * (unless the step paces itself) and timed into the latency histogram when it moved anything. `beforeEnd`
 * runs after the last step, inside the measured time (e.g. a flush of fire-and-forget acks).
 */
export async function measuredLoop(
  nc: NatsConnection,
  spec: ClientSpec,
  counters: SharedCounters,
  control: ClientControl,
  result: ClientResult,
  step: (done: number, started: number) => Promise<Step>,
  options: {pacedByStep?: boolean; beforeEnd?: () => Promise<unknown>} = {},
): Promise<void> {
  const latency = new Histogram()
  let msgs = 0
  let bytes = 0
  const started = await startTogether(nc, control, result)
  try {
    while (msgs < spec.msgs && !control.isStopped()) {
      if (!options.pacedByStep) await pace(spec.rate, started, msgs)
      const t0 = performance.now()
      const moved = await step(msgs, started)
      if (moved.msgs > 0) latency.record((performance.now() - t0) * 1e6)
      msgs += moved.msgs
      bytes += moved.bytes
      counters.progress[spec.slot] = msgs
    }
    await options.beforeEnd?.()
  } finally {
    settle(result, msgs, bytes, latency)
  }
}
