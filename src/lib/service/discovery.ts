// NATS micro services discovery (`service ls|info|stats|ping`): services answer `$SRV.PING|INFO|STATS`,
// `$SRV.<VERB>.<name>` and `$SRV.<VERB>.<name>.<id>` with JSON typed `io.nats.micro.v1.<verb>_response`.
// One request, replies gathered until they stop: the first may take up to the timeout, then the wait ends
// after a short quiet interval (3x the first reply's time, 250 ms at least), as sys.ts does for servers.
// Replies of another type are ignored (natscli does the same: anyone can answer on $SRV). The views (tables,
// sections) are built here from the typed replies, pure and unit-testable.

import type {NatsConnection} from '@nats-io/transport-node'

import {NatsctlError} from '../errors.js'

type Verb = 'PING' | 'INFO' | 'STATS'

interface ServiceIdentity {
  name: string
  id: string
  version: string
  metadata?: Record<string, string> | null
}

interface EndpointInfo {
  name: string
  subject: string
  queue_group?: string
  metadata?: Record<string, string> | null
}

export interface InfoResponse extends ServiceIdentity {
  type: 'io.nats.micro.v1.info_response'
  description?: string
  endpoints: EndpointInfo[]
}

interface EndpointStats {
  name: string
  subject: string
  queue_group?: string
  num_requests: number
  num_errors: number
  last_error?: string
  /** Nanoseconds. */
  processing_time: number
  /** Nanoseconds. */
  average_processing_time: number
  data?: unknown
}

export interface StatsResponse extends ServiceIdentity {
  type: 'io.nats.micro.v1.stats_response'
  started: string
  endpoints: EndpointStats[]
}

const TYPES: Record<Verb, string> = {
  PING: 'io.nats.micro.v1.ping_response',
  INFO: 'io.nats.micro.v1.info_response',
  STATS: 'io.nats.micro.v1.stats_response',
}

/** `$SRV.VERB`, `$SRV.VERB.name`, `$SRV.VERB.name.id`. */
function serviceSubject(verb: Verb, name?: string, id?: string): string {
  if (!name) return `$SRV.${verb}`
  return id ? `$SRV.${verb}.${name}.${id}` : `$SRV.${verb}.${name}`
}

interface GatherServicesOptions {
  timeoutMs: number
  inboxPrefix?: string
  /** Stop at this many replies (one instance asked by id). */
  expect?: number
  idleMs?: number
  /** Each reply with its time since the request, as it arrives. */
  onReply?: (reply: unknown, rttMs: number) => void
}

interface Gathered<T> {
  reply: T
  /** Milliseconds from the request to this reply. */
  rttMs: number
}

/** Asks and gathers the replies of the right type. No responders is an empty list (nobody runs that service). */
export async function gatherServices<T extends ServiceIdentity>(
  nc: NatsConnection,
  verb: Verb,
  name: string | undefined,
  id: string | undefined,
  options: GatherServicesOptions,
): Promise<Gathered<T>[]> {
  const {createInbox} = await import('@nats-io/transport-node')
  const inbox = createInbox(options.inboxPrefix)
  const subject = serviceSubject(verb, name, id)
  const out: Gathered<T>[] = []
  const started = performance.now()
  return new Promise((resolve, reject) => {
    let idle: NodeJS.Timeout | undefined
    let settled = false
    let firstRtt = 0
    const end = (error?: Error) => {
      if (settled) return
      settled = true
      clearTimeout(overall)
      clearTimeout(idle)
      sub.unsubscribe()
      if (error) reject(error)
      else resolve(out)
    }
    const overall = setTimeout(() => end(), options.timeoutMs)
    const sub = nc.subscribe(inbox, {
      callback: (error, msg) => {
        if (settled) return
        if (error) return end(error)
        // No responders: the server's 503 status on the inbox.
        if (msg.data.length === 0 && msg.headers?.status === '503') return end()
        const rttMs = performance.now() - started
        let parsed: unknown
        try {
          parsed = msg.json()
        } catch {
          return
        }
        if (!isTyped(parsed, TYPES[verb])) return
        if (out.length === 0) firstRtt = rttMs
        out.push({reply: parsed as T, rttMs})
        options.onReply?.(parsed, rttMs)
        if (options.expect && out.length >= options.expect) return end()
        clearTimeout(idle)
        idle = setTimeout(() => end(), options.idleMs ?? Math.max(250, 3 * firstRtt))
      },
    })
    try {
      nc.publish(subject, '', {reply: inbox})
    } catch (error) {
      end(error as Error)
    }
  })
}

function isTyped(value: unknown, type: string): boolean {
  const v = value as {type?: unknown; name?: unknown; id?: unknown}
  return Boolean(v) && typeof v === 'object' && v.type === type && typeof v.name === 'string' && typeof v.id === 'string'
}

/** Sorted by name, then id (natscli's order). */
export function byNameAndId<T extends ServiceIdentity>(list: T[]): T[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
}

/** natscli's words when nobody answered. */
export function noInstances(name?: string): NatsctlError {
  return new NatsctlError(name ? `no instances of service "${name}" found` : 'no service instances found')
}

// ---------------------------------------------------------------------------------------------------------
// Views

interface ServiceSummary {
  name: string
  versions: string[]
  instances: number
  description: string
}

/** One row per service: its versions, how many instances answered, its description. */
export function summarise(infos: InfoResponse[]): ServiceSummary[] {
  const byName = new Map<string, ServiceSummary>()
  for (const info of byNameAndId(infos)) {
    const s = byName.get(info.name) ?? {name: info.name, versions: [], instances: 0, description: info.description ?? ''}
    if (!s.versions.includes(info.version)) s.versions.push(info.version)
    s.instances++
    if (!s.description && info.description) s.description = info.description
    byName.set(info.name, s)
  }
  return [...byName.values()]
}

/** Nanoseconds as natscli prints a processing time. */
export function nanosText(ns: number, formatDuration: (ms: number) => string): string {
  return formatDuration(ns / 1e6)
}

interface StatsTotals {
  requests: number
  errors: number
  /** ns */
  processing: number
  /** ns */
  average: number
}

export function statsTotals(stats: StatsResponse[]): StatsTotals {
  let requests = 0
  let errors = 0
  let processing = 0
  for (const s of stats) {
    for (const e of s.endpoints ?? []) {
      requests += e.num_requests
      errors += e.num_errors
      processing += e.processing_time
    }
  }
  return {requests, errors, processing, average: requests + errors > 0 ? processing / (requests + errors) : 0}
}
