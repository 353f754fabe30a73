// The verdicts of `server check ...`: natscli's health checks (jsm.go's monitor package) as pure functions
// of what the server reported and the thresholds given, each adding OK/WARNING/CRITICAL messages and
// performance data to a CheckResult. The commands fetch the data; these decide. Durations are milliseconds
// in the options, seconds in the performance data (as natscli's), nanoseconds where the server sends Go
// durations (`active`). Unit-tested with server-shaped data.

import type {CheckResult} from './check.js'
import {formatDuration} from '../format.js'

const NS_PER_MS = 1e6

/** A threshold given in ms, in seconds (perf data), 0 when not set. */
const secs = (ms: number | undefined) => (ms && ms > 0 ? ms / 1000 : 0)

// ---------------------------------------------------------------------------------------------------------
// Thresholds: "critical below warning inverts the check" (natscli's rule for counts)

/**
 * natscli's count check: with critical >= warning, values at or above the thresholds are bad; with critical
 * below warning, values at or below them are (fewer connections than expected...). Unset (undefined) skips.
 */
export function checkCount(
  r: CheckResult,
  label: string,
  value: number,
  warn: number | undefined,
  crit: number | undefined,
  invertible = true,
): void {
  if (warn === undefined && crit === undefined) return
  const w = warn ?? 0
  const c = crit ?? 0
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(2)
  if (c < w && !invertible) {
    r.critical(`${label} invalid thresholds`)
    return
  }
  const low = c < w
  const bad = (limit: number | undefined) => limit !== undefined && (low ? value <= limit : value >= limit)
  if (bad(crit)) r.critical(`${label} ${shown}`)
  else if (bad(warn)) r.warn(`${label} ${shown}`)
  else r.ok(`${label} ${shown}`)
}

// ---------------------------------------------------------------------------------------------------------
// connection

interface ConnectionMeasures {
  url: string
  connectMs: number
  rttMs: number
  /** The round trip of a message through the server, or undefined when it did not come back. */
  requestMs?: number
  echoed: boolean
}

interface ConnectionThresholds {
  connectWarn?: number
  connectCrit?: number
  rttWarn?: number
  rttCrit?: number
  reqWarn?: number
  reqCrit?: number
}

function timing(
  r: CheckResult,
  value: number,
  warn: number | undefined,
  crit: number | undefined,
  bad: (limit: number) => string,
  good: string,
): void {
  if (crit && value >= crit) r.critical(bad(crit))
  else if (warn && value >= warn) r.warn(bad(warn))
  else r.ok(good)
}

export function checkConnection(r: CheckResult, m: ConnectionMeasures, t: ConnectionThresholds): void {
  r.pd({
    name: 'connect_time',
    value: m.connectMs / 1000,
    warn: secs(t.connectWarn),
    crit: secs(t.connectCrit),
    unit: 's',
    help: 'Time taken to connect to NATS',
  })
  timing(
    r,
    m.connectMs,
    t.connectWarn,
    t.connectCrit,
    (l) => `connected to ${m.url}, connect time exceeded ${formatDuration(l)}`,
    `connected to ${m.url} in ${formatDuration(m.connectMs)}`,
  )
  r.pd({name: 'rtt', value: m.rttMs / 1000, warn: secs(t.rttWarn), crit: secs(t.rttCrit), unit: 's', help: 'The round-trip-time of the connection'})
  timing(r, m.rttMs, t.rttWarn, t.rttCrit, (l) => `rtt time exceeded ${formatDuration(l)}`, `rtt time ${formatDuration(m.rttMs)}`)
  if (m.requestMs === undefined) {
    r.critical("did not receive the message published to the connection's own inbox")
    return
  }
  r.pd({
    name: 'request_time',
    value: m.requestMs / 1000,
    warn: secs(t.reqWarn),
    crit: secs(t.reqCrit),
    unit: 's',
    help: 'Time taken for a full Request-Reply operation',
  })
  if (!m.echoed) r.critical('did not receive expected message')
  timing(
    r,
    m.requestMs,
    t.reqWarn,
    t.reqCrit,
    () => `round trip request took ${formatDuration(m.requestMs!)}`,
    `round trip took ${formatDuration(m.requestMs)}`,
  )
}

// ---------------------------------------------------------------------------------------------------------
// request

interface RequestExpectations {
  matchPayload?: RegExp
  matchHeaders?: Record<string, string>
  responseWarn?: number
  responseCrit?: number
}

interface RequestResponse {
  tookMs: number
  /** The reply, or why there is none (no responders, timeout). */
  data?: string
  headers?: (name: string) => string | undefined
  error?: string
}

export function checkRequest(r: CheckResult, res: RequestResponse, e: RequestExpectations): void {
  r.pd({
    name: 'time',
    value: Math.round(res.tookMs) / 1000,
    warn: secs(e.responseWarn),
    crit: secs(e.responseCrit),
    unit: 's',
    help: 'How long the request took',
  })
  if (res.error !== undefined) {
    r.critical(`could not send request: ${res.error}`)
    return
  }
  if (e.matchPayload && !e.matchPayload.test(res.data ?? '')) r.critical('response does not match regexp')
  for (const [name, want] of Object.entries(e.matchHeaders ?? {})) {
    const got = res.headers?.(name) ?? ''
    if (got !== want) r.critical(`invalid header ${JSON.stringify(name)} = ${JSON.stringify(got)}`)
  }
  const took = formatDuration(Math.round(res.tookMs))
  if (e.responseCrit && res.tookMs > e.responseCrit) r.critical(`response took ${took}`)
  else if (e.responseWarn && res.tookMs > e.responseWarn) r.warn(`response took ${took}`)
  r.okIfClean('Valid response')
}

// ---------------------------------------------------------------------------------------------------------
// meta (the JetStream meta group, from the meta leader's jsz)

interface MetaPeer {
  name: string
  current: boolean
  offline?: boolean
  /** Nanoseconds since the peer was last heard from. */
  active: number
  lag?: number
}

interface MetaThresholds {
  expect?: number
  lagCritical?: number
  seenCritical?: number
}

export function checkMeta(r: CheckResult, meta: {leader?: string; replicas?: MetaPeer[]} | undefined, t: MetaThresholds): void {
  if (!meta) {
    r.critical('no cluster information (JetStream is not clustered, or not enabled)')
    return
  }
  if (!meta.leader) {
    r.critical('No leader')
    return
  }
  const replicas = meta.replicas ?? []
  const peers = replicas.length + 1
  r.pd({name: 'peers', value: peers, warn: t.expect ?? 0, crit: t.expect ?? 0, help: 'Configured RAFT peers'})
  if (t.expect && peers !== t.expect) r.critical(`${peers} peers of expected ${t.expect}`)
  const notCurrent = replicas.filter((p) => !p.current)
  const offline = replicas.filter((p) => p.offline)
  const inactive = t.seenCritical ? replicas.filter((p) => p.active > t.seenCritical! * NS_PER_MS) : []
  const lagged = t.lagCritical ? replicas.filter((p) => (p.lag ?? 0) > t.lagCritical!) : []
  r.pd(
    {name: 'peer_offline', value: offline.length, help: 'Offline RAFT peers'},
    {name: 'peer_not_current', value: notCurrent.length, help: 'RAFT peers that are not current'},
    {name: 'peer_inactive', value: inactive.length, help: 'Inactive RAFT peers'},
    {name: 'peer_lagged', value: lagged.length, help: 'RAFT peers that are lagged more than configured threshold'},
  )
  const names = (list: MetaPeer[]) => ` (${list.map((p) => p.name).join(', ')})`
  if (notCurrent.length) r.critical(`${notCurrent.length} not current${names(notCurrent)}`)
  if (inactive.length) r.critical(`${inactive.length} inactive more than ${formatDuration(t.seenCritical!)}${names(inactive)}`)
  if (offline.length) r.critical(`${offline.length} offline${names(offline)}`)
  if (lagged.length) r.critical(`${lagged.length} lagged more than ${t.lagCritical} ops${names(lagged)}`)
  r.okIfClean(`${peers} peers led by ${meta.leader}`)
}

// ---------------------------------------------------------------------------------------------------------
// jetstream (the account's usage against its limits, and the health of replicated streams)

interface JsAccountUsage {
  memory: number
  storage: number
  streams: number
  consumers: number
  limits: {max_memory: number; max_storage: number; max_streams: number; max_consumers: number}
}

/** Percent thresholds; -1 (or undefined) switches one off. */
interface JsAccountThresholds {
  memWarn?: number
  memCrit?: number
  storeWarn?: number
  storeCrit?: number
  streamsWarn?: number
  streamsCrit?: number
  consumersWarn?: number
  consumersCrit?: number
}

export function checkJsAccount(r: CheckResult, info: JsAccountUsage, t: JsAccountThresholds): void {
  const item = (name: string, unit: string, warn = -1, crit = -1, max: number, current: number) => {
    const pct = max > 0 ? Math.trunc((current / max) * 100) : 0
    r.pd({name, value: current, unit, help: `JetStream ${name} resource usage`})
    r.pd({
      name: `${name}_pct`,
      value: pct,
      unit: '%',
      warn: Math.max(warn, 0),
      crit: Math.max(crit, 0),
      help: `JetStream ${name} resource usage in percent`,
    })
    if (warn !== -1 && crit !== -1 && warn >= crit) {
      r.critical(`${name}: invalid thresholds`)
      return
    }
    if (pct > 100) {
      r.critical(`${name}: exceed server limits`)
      return
    }
    if (warn >= 0 && crit >= 0) {
      if (pct > crit) r.critical(`${pct}% ${name}`)
      else if (pct > warn) r.warn(`${pct}% ${name}`)
    }
  }
  item('memory', 'B', t.memWarn, t.memCrit, info.limits.max_memory, info.memory)
  item('storage', 'B', t.storeWarn, t.storeCrit, info.limits.max_storage, info.storage)
  item('streams', '', t.streamsWarn, t.streamsCrit, info.limits.max_streams, info.streams)
  item('consumers', '', t.consumersWarn, t.consumersCrit, info.limits.max_consumers, info.consumers)
}

interface StreamClusterInfo {
  config: {name: string; num_replicas: number}
  cluster?: {leader?: string; replicas?: Array<{name: string; current: boolean; offline?: boolean; active: number; lag?: number}>}
}

interface ReplicaThresholds {
  /** ms */
  seenCritical?: number
  lagCritical?: number
}

/**
 * Replicated streams: a leader, as many replicas as configured, none offline, seen recently and not
 * lagging. natscli counts the unhealthy streams; natsctl also says which and why (up to five).
 * `null` in `infos` is a stream whose info could not be loaded.
 */
export function checkStreamReplicas(r: CheckResult, infos: Array<StreamClusterInfo | {name: string; error: string}>, t: ReplicaThresholds): void {
  let ok = 0
  let noLeader = 0
  let missing = 0
  let lagged = 0
  let unseen = 0
  let failed = 0
  const reasons: string[] = []
  for (const info of infos) {
    if ('error' in info) {
      failed++
      reasons.push(`${info.name}: ${info.error}`)
      continue
    }
    const name = info.config.name
    const replicas = info.config.num_replicas ?? 1
    if (replicas <= 1) {
      ok++
      continue
    }
    const cluster = info.cluster
    if (!cluster) {
      failed++
      reasons.push(`${name}: no cluster information`)
      continue
    }
    if (!cluster.leader) {
      noLeader++
      reasons.push(`${name}: no leader`)
      continue
    }
    const peers = cluster.replicas ?? []
    if (peers.length !== replicas - 1) {
      missing++
      reasons.push(`${name}: ${peers.length + 1} of ${replicas} replicas`)
      continue
    }
    let healthy = true
    for (const p of peers) {
      if (p.offline) {
        failed++
        reasons.push(`${name}: replica ${p.name} offline`)
      } else if (t.seenCritical && t.seenCritical > 0 && p.active > t.seenCritical * NS_PER_MS) {
        unseen++
        reasons.push(`${name}: replica ${p.name} not seen for ${formatDuration(p.active / NS_PER_MS)}`)
      } else if (t.lagCritical && t.lagCritical > 0 && (p.lag ?? 0) > t.lagCritical) {
        lagged++
        reasons.push(`${name}: replica ${p.name} ${p.lag} operations behind`)
      } else continue
      healthy = false
    }
    if (healthy) ok++
  }
  r.pd(
    {name: 'replicas_ok', value: ok, help: 'Streams with healthy cluster state'},
    {name: 'replicas_no_leader', value: noLeader, help: 'Streams with no leader elected'},
    {name: 'replicas_missing_replicas', value: missing, help: 'Streams where there are fewer known replicas than configured'},
    {name: 'replicas_lagged', value: lagged, crit: t.lagCritical ?? 0, help: `Streams with > ${t.lagCritical ?? 0} lagged replicas`},
    {
      name: 'replicas_not_seen',
      value: unseen,
      crit: secs(t.seenCritical),
      unit: 's',
      help: `Streams with replicas seen > ${formatDuration(t.seenCritical ?? 0)} ago`,
    },
    {name: 'replicas_fail', value: failed, help: 'Streams unhealthy cluster state'},
  )
  const unhealthy = noLeader + missing + lagged + unseen + failed
  if (unhealthy > 0) {
    const shown = reasons.slice(0, 5).join('; ') + (reasons.length > 5 ? `; and ${reasons.length - 5} more` : '')
    r.critical(`${unhealthy} unhealthy streams (${shown})`)
  }
}

// ---------------------------------------------------------------------------------------------------------
// stream

export interface StreamHealthOptions {
  lagCritical?: number
  /** ms */
  seenCritical?: number
  minSources?: number
  maxSources?: number
  peerExpect?: number
  peerLagCritical?: number
  /** ms */
  peerSeenCritical?: number
  msgsWarn?: number
  msgsCritical?: number
  subjectsWarn?: number
  subjectsCritical?: number
}

interface SourceState {
  name: string
  lag: number
  /** ns */
  active: number
}

interface StreamHealthInfo extends StreamClusterInfo {
  config: StreamClusterInfo['config'] & {mirror?: {name: string}; metadata?: Record<string, string>}
  state: {messages: number; num_subjects?: number}
  mirror?: SourceState
  sources?: SourceState[]
}

/** natscli's stream metadata keys (`io.nats.monitor.lag-critical: 200`) and the option each sets. */
export const STREAM_METADATA: Record<string, {option: keyof StreamHealthOptions; duration?: boolean}> = {
  'io.nats.monitor.lag-critical': {option: 'lagCritical'},
  'io.nats.monitor.seen-critical': {option: 'seenCritical', duration: true},
  'io.nats.monitor.min-sources': {option: 'minSources'},
  'io.nats.monitor.max-sources': {option: 'maxSources'},
  'io.nats.monitor.peer-expect': {option: 'peerExpect'},
  'io.nats.monitor.peer-lag-critical': {option: 'peerLagCritical'},
  'io.nats.monitor.peer-seen-critical': {option: 'peerSeenCritical', duration: true},
  'io.nats.monitor.msgs-warn': {option: 'msgsWarn'},
  'io.nats.monitor.msgs-critical': {option: 'msgsCritical'},
  'io.nats.monitor.subjects-warn': {option: 'subjectsWarn'},
  'io.nats.monitor.subjects-critical': {option: 'subjectsCritical'},
}

/** Options from metadata (as STREAM_METADATA or CONSUMER_METADATA say), with the flags given winning. */
export function optionsFromMetadata<T extends object>(
  metadata: Record<string, string> | undefined,
  keys: Record<string, {option: keyof T; duration?: boolean}>,
  parseDuration: (text: string, what: string) => number,
  flags: Partial<T>,
): T {
  const out: Record<string, unknown> = {}
  for (const [key, {option, duration}] of Object.entries(keys)) {
    const text = metadata?.[key]
    if (text === undefined) continue
    const value = duration ? parseDuration(text, `metadata ${key}`) : Number(text)
    if (!Number.isFinite(value)) throw new Error(`could not configure based on metadata: ${key}: ${JSON.stringify(text)} is not a number`)
    out[option as string] = value
  }
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) out[k] = v
  return out as T
}

export function checkStream(r: CheckResult, si: StreamHealthInfo, o: StreamHealthOptions): void {
  streamCluster(r, si, o)
  streamMessages(r, si, o)
  streamSubjects(r, si, o)
  streamSources(r, si, o)
  streamMirror(r, si, o)
}

function streamCluster(r: CheckResult, si: StreamHealthInfo, o: StreamHealthOptions): void {
  const replicas = si.config.num_replicas ?? 1
  const cluster = si.cluster
  if ((!cluster || replicas <= 1) && !(o.peerExpect && o.peerExpect > 0)) return
  if (!cluster || replicas <= 1) {
    r.critical('Stream is not clustered')
    return
  }
  if (!cluster.leader) {
    r.critical('No leader')
    return
  }
  const peers = cluster.replicas ?? []
  const n = peers.length + 1
  if (o.peerExpect && n !== o.peerExpect) {
    r.critical(`Expected ${o.peerExpect} replicas got ${n}`)
    return
  }
  r.ok(`${n} peers`)
  const offline = peers.filter((p) => p.offline)
  const lagged = o.peerLagCritical ? peers.filter((p) => (p.lag ?? 0) > o.peerLagCritical!) : []
  const inactive = o.peerSeenCritical ? peers.filter((p) => p.active > o.peerSeenCritical! * NS_PER_MS) : []
  if (offline.length) r.critical(`${offline.length} replicas offline (${offline.map((p) => p.name).join(', ')})`)
  if (o.peerLagCritical) {
    if (lagged.length) r.critical(`${lagged.length} replicas lagged`)
    else r.ok('replicas are current')
  }
  if (o.peerSeenCritical) {
    if (inactive.length) r.critical(`${inactive.length} replicas inactive`)
    else r.ok('replicas are active')
  }
}

function streamMessages(r: CheckResult, si: StreamHealthInfo, o: StreamHealthOptions): void {
  const warn = o.msgsWarn ?? 0
  const crit = o.msgsCritical ?? 0
  if (warn <= 0 && crit <= 0) return
  const msgs = si.state.messages
  r.pd({name: 'messages', value: msgs, warn, crit, help: 'Messages stored in the stream'})
  if (crit > 0 && msgs <= crit) r.critical(`${msgs} messages`)
  else if (warn > 0 && msgs <= warn) r.warn(`${msgs} messages`)
  else r.ok(`${msgs} messages`)
}

function streamSubjects(r: CheckResult, si: StreamHealthInfo, o: StreamHealthOptions): void {
  const warn = o.subjectsWarn ?? 0
  const crit = o.subjectsCritical ?? 0
  if (warn <= 0 && crit <= 0) return
  const n = si.state.num_subjects ?? 0
  const ascending = warn < crit
  r.pd({name: 'subjects', value: n, warn, crit, help: 'Number of subjects stored in the stream'})
  if (ascending ? n >= crit : n <= crit) r.critical(`${n} subjects`)
  else if (ascending ? n >= warn : n <= warn) r.warn(`${n} subjects`)
  else r.ok(`${n} subjects`)
}

function streamSources(r: CheckResult, si: StreamHealthInfo, o: StreamHealthOptions): void {
  const sources = si.sources ?? []
  const count = sources.length
  r.pd({name: 'sources', value: count, warn: o.minSources ?? 0, crit: o.maxSources ?? 0, help: 'Number of sources being consumed by this stream'})
  if (o.minSources && count < o.minSources) r.critical(`${count} sources`)
  else if (o.maxSources && count > o.maxSources) r.critical(`${count} sources`)
  else r.ok(`${count} sources`)
  if (!(o.lagCritical && o.lagCritical > 0) && !(o.seenCritical && o.seenCritical > 0)) return
  const lagged = o.lagCritical ? sources.filter((s) => s.lag >= o.lagCritical!) : []
  const inactive = o.seenCritical ? sources.filter((s) => s.active >= o.seenCritical! * NS_PER_MS) : []
  r.pd(
    {name: 'sources_lagged', value: lagged.length, help: 'Number of sources that are behind more than the configured threshold'},
    {name: 'sources_inactive', value: inactive.length, help: 'Number of sources that are inactive'},
  )
  if (lagged.length) r.critical(`${lagged.length} sources are lagged`)
  else r.ok(`${count} sources current`)
  if (inactive.length) r.critical(`${inactive.length} sources are inactive`)
  else r.ok(`${count} sources active`)
}

function streamMirror(r: CheckResult, si: StreamHealthInfo, o: StreamHealthOptions): void {
  if ((!(o.lagCritical && o.lagCritical > 0) && !(o.seenCritical && o.seenCritical > 0)) || (si.sources ?? []).length > 0) return
  const mirror = si.config.mirror
  const state = si.mirror
  if (!mirror) {
    r.critical('not mirrored')
    return
  }
  if (!state) {
    r.critical('invalid state')
    return
  }
  r.pd(
    {name: 'lag', value: state.lag, crit: o.lagCritical ?? 0, help: 'Number of operations this peer is behind its origin'},
    {
      name: 'active',
      value: state.active / 1e9,
      crit: secs(o.seenCritical),
      unit: 's',
      help: 'Indicates if this peer is active and catching up if lagged',
    },
  )
  let ok = true
  if (o.lagCritical && state.lag >= o.lagCritical) {
    r.critical(`Mirror Lag ${state.lag}`)
    ok = false
  }
  if (o.seenCritical && state.active >= o.seenCritical * NS_PER_MS) {
    r.critical(`Mirror Seen ${formatDuration(state.active / NS_PER_MS)}`)
    ok = false
  }
  if (ok) r.ok(`Mirror ${mirror.name}`)
}

// ---------------------------------------------------------------------------------------------------------
// consumer

interface ConsumerHealthOptions {
  outstandingAckCritical?: number
  waitingCritical?: number
  unprocessedCritical?: number
  /** ms */
  lastDeliveryCritical?: number
  /** ms */
  lastAckCritical?: number
  redeliveryCritical?: number
}

export const CONSUMER_METADATA: Record<string, {option: keyof ConsumerHealthOptions; duration?: boolean}> = {
  'io.nats.monitor.outstanding-ack-critical': {option: 'outstandingAckCritical'},
  'io.nats.monitor.waiting-critical': {option: 'waitingCritical'},
  'io.nats.monitor.unprocessed-critical': {option: 'unprocessedCritical'},
  'io.nats.monitor.last-delivery-critical': {option: 'lastDeliveryCritical', duration: true},
  'io.nats.monitor.last-ack-critical': {option: 'lastAckCritical', duration: true},
  'io.nats.monitor.redelivery-critical': {option: 'redeliveryCritical'},
}

export interface ConsumerHealthInfo {
  num_ack_pending: number
  num_waiting: number
  num_pending: number
  num_redelivered: number
  delivered: {last_active?: string}
  ack_floor: {last_active?: string}
}

export function checkConsumer(r: CheckResult, ci: ConsumerHealthInfo, o: ConsumerHealthOptions, now = Date.now()): void {
  const lastDelivery = ci.delivered.last_active ? Date.parse(ci.delivered.last_active) : undefined
  const lastAck = ci.ack_floor.last_active ? Date.parse(ci.ack_floor.last_active) : undefined
  r.pd(
    {name: 'ack_pending', value: ci.num_ack_pending, crit: o.outstandingAckCritical ?? 0, help: 'The number of messages waiting to be Acknowledged'},
    {name: 'pull_waiting', value: ci.num_waiting, crit: o.waitingCritical ?? 0, help: 'The number of waiting Pull requests'},
    {name: 'pending', value: ci.num_pending, crit: o.unprocessedCritical ?? 0, help: 'The number of messages that have not yet been consumed'},
    {name: 'redelivered', value: ci.num_redelivered, crit: o.redeliveryCritical ?? 0, help: 'The number of messages currently being redelivered'},
  )
  if (lastDelivery !== undefined)
    r.pd({
      name: 'last_delivery',
      value: (now - lastDelivery) / 1000,
      unit: 's',
      crit: secs(o.lastDeliveryCritical),
      help: 'Seconds since the last message was delivered',
    })
  if (lastAck !== undefined)
    r.pd({
      name: 'last_ack',
      value: (now - lastAck) / 1000,
      unit: 's',
      crit: secs(o.lastAckCritical),
      help: 'Seconds since the last message was acknowledged',
    })

  const count = (limit: number | undefined, value: number, label: string) => {
    if (!limit || limit <= 0) return
    if (value >= limit) r.critical(`${label}: ${value}`)
    else r.ok(`${label}: ${value}`)
  }
  count(o.outstandingAckCritical, ci.num_ack_pending, 'Ack Pending')
  count(o.waitingCritical, ci.num_waiting, 'Waiting Pulls')
  count(o.unprocessedCritical, ci.num_pending, 'Unprocessed Messages')
  count(o.redeliveryCritical, ci.num_redelivered, 'Redelivered')
  const age = (limit: number | undefined, last: number | undefined, none: string, label: string) => {
    if (!limit || limit <= 0) return
    if (last === undefined) r.critical(none)
    else if (now - last >= limit) r.critical(`${label} ${formatDuration(now - last)} ago`)
    else r.ok(`${label} ${formatDuration(now - last)} ago`)
  }
  age(o.lastDeliveryCritical, lastDelivery, 'No deliveries', 'Last delivery')
  age(o.lastAckCritical, lastAck, 'No acks', 'Last ack')
}

// ---------------------------------------------------------------------------------------------------------
// server (one server's varz)

interface ServerThresholds {
  cpuWarn?: number
  cpuCrit?: number
  memWarn?: number
  memCrit?: number
  connWarn?: number
  connCrit?: number
  subsWarn?: number
  subsCrit?: number
  /** ms */
  uptimeWarn?: number
  /** ms */
  uptimeCrit?: number
  authRequired?: boolean
  tlsRequired?: boolean
  jsRequired?: boolean
}

interface ServerVarz {
  server_name: string
  start: string
  now: string
  cpu: number
  mem: number
  connections: number
  subscriptions: number
  auth_required?: boolean
  tls_required?: boolean
  jetstream?: {config?: unknown}
}

export function checkServer(r: CheckResult, vz: ServerVarz, name: string, t: ServerThresholds): void {
  if (vz.server_name !== name) {
    r.critical(`result from wrong server ${JSON.stringify(vz.server_name)}`)
    return
  }
  if (t.jsRequired) {
    if (vz.jetstream?.config) r.ok('JetStream enabled')
    else r.critical('JetStream not enabled')
  }
  if (t.tlsRequired) {
    if (vz.tls_required) r.ok('TLS required')
    else r.critical('TLS not required')
  }
  if (t.authRequired) {
    if (vz.auth_required) r.ok('Authentication required')
    else r.critical('Authentication not required')
  }
  const upMs = Date.parse(vz.now) - Date.parse(vz.start)
  if (t.uptimeWarn || t.uptimeCrit) {
    const warn = t.uptimeWarn ?? 0
    const crit = t.uptimeCrit ?? 0
    if (crit > warn) r.critical('Up invalid thresholds')
    else if (upMs <= crit) r.critical(`Up ${formatDuration(upMs)}`)
    else if (upMs <= warn) r.warn(`Up ${formatDuration(upMs)}`)
    else r.ok(`Up ${formatDuration(upMs)}`)
  }
  r.pd(
    {name: 'uptime', value: upMs / 1000, warn: secs(t.uptimeWarn), crit: secs(t.uptimeCrit), unit: 's', help: 'NATS Server uptime in seconds'},
    {name: 'cpu', value: vz.cpu, warn: t.cpuWarn ?? 0, crit: t.cpuCrit ?? 0, unit: '%', help: 'NATS Server CPU usage in percentage'},
    {name: 'mem', value: vz.mem, warn: t.memWarn ?? 0, crit: t.memCrit ?? 0, help: 'NATS Server memory usage in bytes'},
    {name: 'connections', value: vz.connections, warn: t.connWarn ?? 0, crit: t.connCrit ?? 0, help: 'Active connections'},
    {name: 'subscriptions', value: vz.subscriptions, warn: t.subsWarn ?? 0, crit: t.subsCrit ?? 0, help: 'Active subscriptions'},
  )
  checkCount(r, 'CPU', vz.cpu, t.cpuWarn, t.cpuCrit, false)
  checkCount(r, 'Memory', vz.mem, t.memWarn, t.memCrit, false)
  checkCount(r, 'Connections', vz.connections, t.connWarn, t.connCrit)
  checkCount(r, 'Subscriptions', vz.subscriptions, t.subsWarn, t.subsCrit)
}

// ---------------------------------------------------------------------------------------------------------
// kv

interface KvThresholds {
  valuesWarn?: number
  valuesCrit?: number
}

export function checkKvValues(r: CheckResult, values: number, t: KvThresholds): void {
  const warn = t.valuesWarn ?? -1
  const crit = t.valuesCrit ?? -1
  r.pd({name: 'values', value: values, warn: Math.max(warn, 0), crit: Math.max(crit, 0), help: 'How many values are stored in the bucket'})
  if (warn < 0 && crit < 0) return
  const low = crit < warn
  const bad = (limit: number) => limit > -1 && (low ? values <= limit : values >= limit)
  if (bad(crit)) r.critical(`${values} values`)
  else if (bad(warn)) r.warn(`${values} values`)
  else r.ok(`${values} values`)
}

// ---------------------------------------------------------------------------------------------------------
// message (the last message on a subject of a stream)

interface MessageExpectations {
  /** ms */
  ageWarn?: number
  /** ms */
  ageCrit?: number
  content?: RegExp
  bodyTimestamp?: boolean
}

export function checkMessage(
  r: CheckResult,
  msg: {time: string; data: string; size: number},
  stream: string,
  subject: string,
  e: MessageExpectations,
  now = Date.now(),
): void {
  let ts = Date.parse(msg.time)
  if (e.bodyTimestamp) {
    const text = msg.data.trim()
    if (!/^-?\d+$/.test(text)) {
      r.critical(`invalid timestamp body: ${JSON.stringify(text.slice(0, 40))} is not a unix time in seconds`)
      return
    }
    ts = Number(text) * 1000
  }
  const age = now - ts
  r.pd(
    {name: 'age', value: Math.round(age) / 1000, warn: secs(e.ageWarn), crit: secs(e.ageCrit), unit: 's', help: 'The age of the message'},
    {name: 'size', value: msg.size, unit: 'B', help: 'The size of the message'},
  )
  if (e.ageCrit && age > e.ageCrit) r.critical(`${formatDuration(Math.round(age))} old`)
  else if (e.ageWarn && age > e.ageWarn) r.warn(`${formatDuration(Math.round(age))} old`)
  if (e.content && !e.content.test(msg.data)) r.critical(`does not match regex: ${e.content.source}`)
  r.okIfClean(`Valid message on ${stream} > ${subject}`)
}
