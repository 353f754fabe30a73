// System requests: ask every server (`$SYS.REQ.SERVER.PING[.KIND]`) or one (`$SYS.REQ.SERVER.<id>.KIND`) for
// its monitoring data, and gather the replies until they stop arriving: the first reply may take up to the
// timeout, later ones end the wait when none came for a short quiet interval (or when as many as expected
// answered). Used by `server ls/ping/info/report/request` and meant for `server check` and anything else that
// asks the system account. The NATS client is loaded lazily by the caller's connection; this module only
// needs it for the inbox.

import type {NatsConnection} from '@nats-io/transport-node'

import {NatsctlError} from '../errors.js'

/** The message a server that does not answer system requests gets (no responders, nobody answered, denied). */
export const NO_SYSTEM_ACCESS = 'no system account access: use a context with system account credentials'

/** The monitoring endpoints a server answers on the system account, by natsctl's (and the HTTP port's) names. */
export const KINDS = ['varz', 'connz', 'routez', 'gatewayz', 'leafz', 'subsz', 'jsz', 'accountz', 'healthz', 'statsz'] as const
export type Kind = (typeof KINDS)[number]

/** natscli's `server request` sub-command names and aliases, mapped to the kind they ask for. */
export const KIND_ALIASES: Record<string, Kind> = {
  variables: 'varz',
  var: 'varz',
  varz: 'varz',
  connections: 'connz',
  conn: 'connz',
  connz: 'connz',
  routes: 'routez',
  route: 'routez',
  routez: 'routez',
  gateways: 'gatewayz',
  gateway: 'gatewayz',
  gwy: 'gatewayz',
  gatewayz: 'gatewayz',
  leafnodes: 'leafz',
  leaf: 'leafz',
  leafz: 'leafz',
  subscriptions: 'subsz',
  sub: 'subsz',
  subsz: 'subsz',
  jetstream: 'jsz',
  js: 'jsz',
  jsz: 'jsz',
  accounts: 'accountz',
  acct: 'accountz',
  accountz: 'accountz',
  'jetstream-health': 'healthz',
  health: 'healthz',
  healthz: 'healthz',
  statistics: 'statsz',
  stats: 'statsz',
  statsz: 'statsz',
}

/** Who answered: the `server` block of every system reply. */
export interface ServerIdentity {
  name: string
  host: string
  id: string
  cluster?: string
  domain?: string
  ver: string
  tags?: string[]
  jetstream: boolean
  seq: number
  time: string
}

/** One server's reply: its identity, the data (or an error it reported), and when it arrived. */
export interface SysReply<T = Record<string, unknown>> {
  server: ServerIdentity
  data: T
  error?: {code: number; description: string}
  /** Milliseconds from the request to this reply. */
  rttMs: number
}

interface MsgCounter {
  sent: number
  bytes: number
}

/** `$SYS.REQ.SERVER.PING` (statsz): what `server ls` and `server ping` show. */
export interface Statsz {
  start: string
  mem: number
  cores: number
  cpu: number
  connections: number
  total_connections: number
  active_accounts: number
  subscriptions: number
  sent: {msgs: number; bytes: number}
  received: {msgs: number; bytes: number}
  slow_consumers: number
  routes?: Array<{rid: number; name: string; sent: MsgCounter; received: MsgCounter; pending: number}>
  gateways?: Array<{gwid: number; name: string; inbound_connections: number}>
  active_servers?: number
  jetstream?: {meta?: {name?: string; leader?: string; cluster_size?: number}}
}

export interface Varz {
  server_id: string
  server_name: string
  version: string
  git_commit?: string
  go: string
  host: string
  port: number
  ip?: string
  auth_required?: boolean
  tls_required?: boolean
  connect_urls?: string[]
  ws_connect_urls?: string[]
  max_connections: number
  max_subscriptions?: number
  max_payload: number
  max_pending: number
  tls_timeout: number
  write_deadline: number
  start: string
  now: string
  uptime: string
  config_load_time: string
  mem: number
  cores: number
  gomaxprocs?: number
  cpu: number
  connections: number
  total_connections: number
  routes: number
  remotes: number
  leafnodes: number
  in_msgs: number
  out_msgs: number
  in_bytes: number
  out_bytes: number
  slow_consumers: number
  subscriptions: number
  tags?: string[]
  system_account?: string
  cluster?: {name?: string; addr?: string; cluster_port?: number; urls?: string[]}
  gateway?: {name?: string; host?: string; port?: number; gateways?: Array<{name: string}>}
  leaf?: {host?: string; port?: number; remotes?: Array<{url?: string; urls?: string[]}>}
  jetstream?: {
    config?: {max_memory: number; max_storage: number; store_dir?: string; domain?: string; sync_interval?: number; sync_always?: boolean}
    stats?: {memory: number; storage: number; accounts: number; ha_assets?: number; api: {total: number; errors: number; level?: number}}
    limits?: {max_ha_assets?: number; max_ack_pending?: number; max_request_batch?: number; duplicate_window?: number}
    meta?: {name?: string; leader?: string; cluster_size?: number}
  }
}

export interface ConnInfo {
  cid: number
  kind?: string
  type?: string
  ip: string
  port: number
  start: string
  last_activity?: string
  rtt?: string
  uptime: string
  idle?: string
  pending_bytes?: number
  in_msgs: number
  out_msgs: number
  in_bytes: number
  out_bytes: number
  subscriptions: number
  subscriptions_list?: string[]
  name?: string
  lang?: string
  version?: string
  authorized_user?: string
  account?: string
  reason?: string
  mqtt_client?: string
}

export interface Connz {
  server_id: string
  now: string
  num_connections: number
  total: number
  offset: number
  limit: number
  connections: ConnInfo[]
}

interface PeerInfo {
  name: string
  current: boolean
  offline?: boolean
  active: number
  lag?: number
  peer?: string
}

export interface MetaClusterInfo {
  name?: string
  leader?: string
  peer?: string
  replicas?: PeerInfo[]
  cluster_size: number
  pending?: number
}

export interface Jsz {
  server_id: string
  now: string
  disabled?: boolean
  config?: {max_memory: number; max_storage: number; store_dir?: string; domain?: string}
  memory: number
  storage: number
  reserved_memory?: number
  reserved_storage?: number
  accounts: number
  ha_assets: number
  api: {total: number; errors: number}
  streams: number
  consumers: number
  messages: number
  bytes: number
  meta_cluster?: MetaClusterInfo
  account_details?: Array<{
    name: string
    id: string
    memory: number
    storage: number
    api: {total: number; errors: number}
    stream_detail?: unknown[]
  }>
}

export interface LeafInfo {
  name?: string
  is_spoke?: boolean
  account: string
  ip: string
  port: number
  rtt?: string
  in_msgs: number
  out_msgs: number
  in_bytes: number
  out_bytes: number
  subscriptions: number
  compression?: string
}

export interface Leafz {
  server_id: string
  now: string
  leafnodes: number
  leafs: LeafInfo[]
}

export interface Healthz {
  status: string
  status_code?: number
  error?: string
  errors?: Array<{type: string; error: string}>
}

interface GatherOptions {
  timeoutMs: number
  /** Stop as soon as this many servers answered. */
  expect?: number
  /** The quiet interval after a reply that ends the wait; by default 3x the first reply's time, 250 ms at least. */
  idleMs?: number
  /** The request body (event filter and the endpoint's options); empty when absent. */
  body?: Record<string, unknown>
  inboxPrefix?: string
  /** Called with each reply as it arrives (for `server ping`'s running output). */
  onReply?: (reply: SysReply<unknown>) => void
  /**
   * Without `expect`, stop once as many servers answered as the first statsz reply says are active (natscli
   * does the same); the quiet interval still ends the wait when fewer do.
   */
  expectActive?: boolean
}

/**
 * Sends one system request and gathers the replies. No responders (the account is not the system account)
 * and no reply at all both mean the caller has no system access: that is the error.
 */
export async function gather<T>(nc: NatsConnection, subject: string, options: GatherOptions): Promise<SysReply<T>[]> {
  const {gatherReplies} = await import('../gather.js')
  const replies = await gatherReplies<SysReply<T>>(nc, subject, {
    timeoutMs: options.timeoutMs,
    idleMs: options.idleMs,
    inboxPrefix: options.inboxPrefix,
    body: options.body ? JSON.stringify(options.body) : '',
    noResponders: new NatsctlError(NO_SYSTEM_ACCESS),
    accept(msg, rttMs) {
      try {
        return normalise<T>(msg.json(), rttMs)
      } catch {
        return undefined // not a system reply (nothing else should answer on this inbox)
      }
    },
    onResult: (reply) => options.onReply?.(reply as SysReply<unknown>),
    enough(replies) {
      const active = options.expectActive ? (replies[0].data as {active_servers?: number}).active_servers : undefined
      const expect = options.expect ?? active
      return Boolean(expect && replies.length >= expect)
    },
  })
  if (replies.length === 0) throw new NatsctlError(`${NO_SYSTEM_ACCESS} (no server answered ${subject})`)
  return replies
}

/** statsz replies carry `statsz`, the others `data` (or `error`): one shape for all. */
function normalise<T>(raw: unknown, rttMs: number): SysReply<T> {
  const r = raw as {server?: ServerIdentity; statsz?: T; data?: T; error?: {code: number; description: string}}
  if (!r || typeof r !== 'object' || !r.server) throw new Error('not a system reply')
  return {server: r.server, data: (r.statsz ?? r.data ?? {}) as T, ...(r.error ? {error: r.error} : {}), rttMs}
}

/** A server ID (56 characters, upper case, starting with N) rather than a name. */
function isServerId(value: string): boolean {
  return /^N[A-Z2-7]{55}$/.test(value)
}

function pingSubject(kind: Kind): string {
  return kind === 'statsz' ? '$SYS.REQ.SERVER.PING' : `$SYS.REQ.SERVER.PING.${kind.toUpperCase()}`
}

export interface RequestOptions {
  timeoutMs: number
  /** One server, by name or ID; every server when absent. */
  server?: string
  /** The endpoint's options (connz `subscriptions`, jsz `accounts`...), sent in the body. */
  options?: Record<string, unknown>
  /** Event filters: cluster, host, server name (natscli's --name: the servers match it), tags, domain. */
  filter?: {cluster?: string; host?: string; name?: string; tags?: string[]; domain?: string}
  expect?: number
  idleMs?: number
  inboxPrefix?: string
  onReply?: (reply: SysReply<unknown>) => void
  expectActive?: boolean
}

/**
 * Asks every server (or the one named) for KIND. A server named but not answering is an error that says so;
 * a server reporting an error for the request (an unknown account...) is one too.
 */
export async function serverRequest<T>(nc: NatsConnection, kind: Kind, options: RequestOptions): Promise<SysReply<T>[]> {
  const body: Record<string, unknown> = {...options.options}
  const filter = options.filter ?? {}
  if (filter.cluster) body.cluster = filter.cluster
  if (filter.host) body.host = filter.host
  if (filter.name) body.server_name = filter.name
  if (filter.tags?.length) body.tags = filter.tags
  if (filter.domain) body.domain = filter.domain
  let subject = pingSubject(kind)
  let expect = options.expect
  if (options.server) {
    expect = 1
    if (isServerId(options.server)) subject = `$SYS.REQ.SERVER.${options.server}.${kind.toUpperCase()}`
    else {
      body.server_name = options.server
      // Older servers match names by substring: ask for all that match, keep the exact one.
      expect = undefined
    }
  }
  let replies: SysReply<T>[]
  try {
    replies = await gather<T>(nc, subject, {
      timeoutMs: options.timeoutMs,
      expect,
      idleMs: options.idleMs,
      body: Object.keys(body).length ? body : undefined,
      inboxPrefix: options.inboxPrefix,
      onReply: options.onReply,
      expectActive: options.expectActive,
    })
  } catch (error) {
    // Nobody answered a request for one server: the server is unknown (the account may well be fine).
    if (options.server && error instanceof NatsctlError && /no server answered/.test(error.message)) {
      throw new NatsctlError(`server "${options.server}" did not answer: check the name or ID (natsctl server ls lists them)`)
    }
    throw error
  }
  if (options.server) {
    const exact = replies.filter((r) => r.server.name === options.server || r.server.id === options.server)
    if (exact.length === 0) throw new NatsctlError(`server "${options.server}" did not answer: check the name or ID (natsctl server ls lists them)`)
    replies = exact
  }
  const failed = replies.find((r) => r.error)
  if (failed && replies.every((r) => r.error)) {
    throw new NatsctlError(`${failed.server.name}: ${failed.error!.description} (${failed.error!.code})`)
  }
  return replies
}
