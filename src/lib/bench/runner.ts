// Runs a benchmark's clients: one client in this thread, several in worker_threads (each with its own
// connection, so natsctl uses every core it is given). Every client gets ready first (connected, subscribed,
// flushed), then all start together. Senders end on their own; receivers end when they have everything, when
// they stop making progress after the senders finished (loss), or on Ctrl-C.

import {Worker} from 'node:worker_threads'

import type {Target} from '../target.js'
import type {ClientControl} from './client-loop.js'
import {runClient} from './clients.js'
import {startProgress} from './progress.js'
import {type ClientResult, type ClientSpec, KIND_VERBS, SENDER_KINDS, sharedCounters, type SharedCounters, wallNow} from './types.js'

interface RunPlan {
  target: Target
  clients: ClientSpec[]
  progress: boolean
  /** Resolves when the user interrupts the run (Ctrl-C). */
  interrupt?: Promise<unknown>
  /** After the senders finished, receivers that make no progress for this long are stopped. */
  stallMs?: number
  /** Run even a single client in a worker thread. */
  forceThreads?: boolean
  /** Every client is set up (connected, subscribed): called just before they are told to go. */
  onReady?: () => void
}

interface RunOutcome {
  results: ClientResult[]
  interrupted: boolean
  /** Receivers were stopped because they made no progress after the senders had finished. */
  stalled: boolean
  /** A client could not set up (connect, subscribe, find its consumer): nothing ran. */
  startupFailed: boolean
}

interface Host {
  /** Resolves when the client is set up; with an error message when it could not be. */
  ready: Promise<string | undefined>
  result: Promise<ClientResult>
  go(): void
  stop(): void
}

function isSender(spec: ClientSpec): boolean {
  return SENDER_KINDS.has(spec.kind)
}

function inProcessHost(spec: ClientSpec, target: Target, counters: SharedCounters): Host {
  let go!: () => void
  let stop!: () => void
  let ready!: (error?: string) => void
  let stopped = false
  const control: ClientControl = {
    go: new Promise<void>((resolve) => (go = resolve)),
    stop: new Promise<void>((resolve) => (stop = resolve)),
    isStopped: () => stopped,
    ready: (error) => ready(error),
  }
  const readyPromise = new Promise<string | undefined>((resolve) => (ready = resolve))
  return {
    ready: readyPromise,
    result: runClient(spec, target, counters, control),
    go,
    stop() {
      stopped = true
      stop()
      go()
    },
  }
}

function workerHost(spec: ClientSpec, target: Target, buffers: {progress: SharedArrayBuffer; total: SharedArrayBuffer}): Host {
  // From dist/ the worker is worker.js; under bin/dev.js (tsx, sources) it is worker.ts, loaded through tsx.
  const fromSource = import.meta.url.endsWith('.ts')
  const worker = new Worker(new URL(fromSource ? 'worker.ts' : 'worker.js', import.meta.url), {
    workerData: {spec, target, ...buffers},
    ...(fromSource ? {execArgv: [...process.execArgv, '--import', 'tsx']} : {}),
  })
  let ready!: (error?: string) => void
  const readyPromise = new Promise<string | undefined>((resolve) => (ready = resolve))
  const result = new Promise<ClientResult>((resolve) => {
    const failed = (message: string) => {
      const error = `client ${spec.id}: ${message}`
      ready(error)
      resolve({id: spec.id, kind: spec.kind, msgs: 0, bytes: 0, start: 0, end: 0, error})
    }
    worker.on('message', (message: {type: string; result?: ClientResult; error?: string}) => {
      if (message.type === 'ready') ready(message.error)
      if (message.type === 'result' && message.result) resolve(message.result)
    })
    worker.on('error', (error) => failed(error.message))
    worker.on('exit', (code) => failed(`worker exited with code ${code} before reporting`))
  })
  return {
    ready: readyPromise,
    result,
    go: () => worker.postMessage({type: 'go'}),
    stop: () => worker.postMessage({type: 'stop'}),
  }
}

export async function runBench(plan: RunPlan): Promise<RunOutcome> {
  const buffers = {
    progress: new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT * Math.max(1, plan.clients.length)),
    total: new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT),
  }
  const counters = sharedCounters(plan.clients.length, buffers)
  const threads = plan.forceThreads || plan.clients.length > 1
  const hosts = plan.clients.map((spec) => (threads ? workerHost(spec, plan.target, buffers) : inProcessHost(spec, plan.target, counters)))
  const results: Array<ClientResult | undefined> = plan.clients.map(() => undefined)
  const arrived: number[] = plan.clients.map(() => 0)
  for (const [i, host] of hosts.entries())
    void host.result.then((r) => {
      results[i] = r
      arrived[i] = wallNow()
    })

  const stopAll = () => {
    for (const h of hosts) h.stop()
  }

  let interrupted = false
  let stalled = false
  void plan.interrupt?.then(() => {
    interrupted = true
    stopAll()
  })

  // Everyone connected and subscribed before anyone publishes; a client that fails to start stops the run.
  const startup = await Promise.all(hosts.map((h) => h.ready))
  if (startup.some((error) => error !== undefined)) {
    stopAll()
    return {results: await Promise.all(hosts.map((h) => h.result)), interrupted, stalled, startupFailed: true}
  }

  const bars = plan.clients.map((spec) => ({label: `[${spec.slot + 1}]`, verb: KIND_VERBS[spec.kind].progress, total: spec.msgs}))
  const progress = startProgress(bars, counters.progress, plan.progress)
  for (const [i, h] of hosts.entries()) void h.result.then(() => progress.finish(i))
  plan.onReady?.()
  for (const h of hosts) h.go()

  const senders = hosts.filter((_, i) => isSender(plan.clients[i]))
  const receiverIndexes = plan.clients.map((spec, i) => (isSender(spec) ? -1 : i)).filter((i) => i >= 0)
  if (senders.length > 0 && receiverIndexes.length > 0) {
    await Promise.all(senders.map((h) => h.result))
    // Receivers get what is still on the wire; when their counts stop moving, what is missing was lost.
    const stallMs = plan.stallMs ?? 2000
    let last = -1
    let lastChange = Date.now()
    while (receiverIndexes.some((i) => results[i] === undefined)) {
      const sum = receiverIndexes.reduce((acc, i) => acc + counters.progress[plan.clients[i].slot], 0)
      if (sum !== last) {
        last = sum
        lastChange = Date.now()
      } else if (Date.now() - lastChange > stallMs) {
        stalled = true
        for (const i of receiverIndexes) hosts[i].stop()
        break
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  const all = await Promise.all(hosts.map((h) => h.result))
  progress.stop()
  return {
    results: all.map((r, i) => salvage(r, plan.clients[i], counters.progress[plan.clients[i].slot], arrived[i])),
    interrupted,
    stalled,
    startupFailed: false,
  }
}

/**
 * A client that failed mid-run (its connection dropped, the server was killed) returns before it could count
 * what it did; its progress counter still knows. Keep that measurement, so the report says what was done
 * before the failure (and the run still exits 1 for the error) instead of 0 msgs/sec (issue 15, item 17).
 */
function salvage(result: ClientResult, spec: ClientSpec, progress: number, arrivedAt: number): ClientResult {
  if (!result.error || result.start === 0 || !(progress > result.msgs)) return result
  const msgs = Math.floor(progress)
  return {
    ...result,
    msgs,
    bytes: Math.max(result.bytes, msgs * spec.size),
    end: result.end > result.start ? result.end : arrivedAt,
  }
}
