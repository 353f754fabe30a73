// `server report ...`: natscli's report tables built from the system replies. Pure: each builder takes the
// replies and the sort/top choices and returns the tables (title, head, rows with a totals row) to render,
// and the commands return the JSON. Sorting is biggest first (the "top" of a report), --reverse flips it.

import {formatBytes, formatCount, formatDuration} from '../format.js'
import type {TableSpec} from '../ui/table.js'
import type {ConnInfo, Connz, Healthz, Jsz, LeafInfo, Leafz, MetaClusterInfo, ServerIdentity, SysReply} from './sys.js'

interface SortChoice {
  sort: string
  reverse?: boolean
  top?: number
}

/** Sorts by a numeric or text key, biggest (or alphabetical for text) first; ties by the tie-breaker. */
function sortBy<T>(items: T[], key: (item: T) => number | string, tie: (item: T) => string, reverse = false): T[] {
  const sorted = [...items].sort((a, b) => {
    const x = key(a)
    const y = key(b)
    let order: number
    if (typeof x === 'string' || typeof y === 'string') order = String(x).localeCompare(String(y))
    else order = y - x
    return order !== 0 ? order : tie(a).localeCompare(tie(b))
  })
  return reverse ? sorted.reverse() : sorted
}

function top<T>(items: T[], n: number | undefined): T[] {
  return n !== undefined && n > 0 ? items.slice(0, n) : items
}

// ---- jetstream ----

interface JetStreamReport {
  tables: TableSpec[]
  metaLeader?: string
  warnings: string[]
}

/**
 * `server report jetstream --account A`: each server's figures for that account alone (natscli's
 * report), from the account detail the server sent (jsz asked with account, streams and consumers).
 * A server without the account reports zeros.
 */
export function scopeToAccount(replies: SysReply<Jsz>[], account: string): SysReply<Jsz>[] {
  return replies.map((r) => {
    const detail = r.data.account_details?.find((a) => a.name === account)
    const streams = (detail?.stream_detail ?? []) as Array<{state?: {messages?: number; consumer_count?: number}}>
    return {
      ...r,
      data: {
        ...r.data,
        memory: detail?.memory ?? 0,
        storage: detail?.storage ?? 0,
        bytes: (detail?.memory ?? 0) + (detail?.storage ?? 0),
        api: detail?.api ?? {total: 0, errors: 0},
        streams: streams.length,
        consumers: streams.reduce((n, sd) => n + (sd.state?.consumer_count ?? 0), 0),
        messages: streams.reduce((n, sd) => n + (sd.state?.messages ?? 0), 0),
      },
    }
  })
}

export function jetStreamReport(replies: SysReply<Jsz>[], choice: SortChoice): JetStreamReport {
  const key = (r: SysReply<Jsz>): number | string => {
    const d = r.data
    switch (choice.sort) {
      case 'name':
        return r.server.name
      case 'streams':
        return d.streams
      case 'consumers':
        return d.consumers
      case 'msgs':
        return d.messages
      case 'mbytes':
      case 'bytes':
        return d.bytes
      case 'mem':
        return d.memory
      case 'file':
      case 'store':
        return d.storage
      case 'api':
        return d.api.total
      case 'err':
        return d.api.errors
      default:
        return `${r.server.cluster ?? ''}\u0000${r.server.name}`
    }
  }
  const sorted = top(
    sortBy(replies, key, (r) => r.server.name, choice.reverse),
    choice.top,
  )
  const showDomain = replies.some((r) => r.data.config?.domain)
  const head = [
    'Server',
    'Cluster',
    ...(showDomain ? ['Domain'] : []),
    'Streams',
    'Consumers',
    'Messages',
    'Bytes',
    'Memory',
    'File',
    'API Req',
    'API Err',
    'Pending',
  ]
  const leaders = replies.filter((r) => r.data.meta_cluster?.leader === r.server.name)
  const metaLeader = replies.find((r) => r.data.meta_cluster?.leader)?.data.meta_cluster?.leader
  const rows: string[][] = sorted.map((r) => {
    const d = r.data
    return [
      r.server.name + (d.meta_cluster?.leader === r.server.name ? '*' : ''),
      r.server.cluster ?? '',
      ...(showDomain ? [d.config?.domain ?? ''] : []),
      formatCount(d.streams),
      formatCount(d.consumers),
      formatCount(d.messages),
      formatBytes(d.bytes),
      formatBytes(d.memory),
      formatBytes(d.storage),
      formatCount(d.api.total),
      formatCount(d.api.errors),
      formatCount(d.meta_cluster?.pending ?? 0),
    ]
  })
  const sum = (pick: (d: Jsz) => number) => sorted.reduce((n, r) => n + pick(r.data), 0)
  rows.push([
    'Totals',
    '',
    ...(showDomain ? [''] : []),
    formatCount(sum((d) => d.streams)),
    formatCount(sum((d) => d.consumers)),
    formatCount(sum((d) => d.messages)),
    formatBytes(sum((d) => d.bytes)),
    formatBytes(sum((d) => d.memory)),
    formatBytes(sum((d) => d.storage)),
    formatCount(sum((d) => d.api.total)),
    formatCount(sum((d) => d.api.errors)),
    formatCount(sum((d) => d.meta_cluster?.pending ?? 0)),
  ])
  const firstNumber = showDomain ? 3 : 2
  const tables: TableSpec[] = [{title: 'JetStream Summary', head, rows, alignRight: head.map((_, i) => i).filter((i) => i >= firstNumber)}]
  const warnings: string[] = []
  const expected = Math.max(0, ...replies.map((r) => r.data.meta_cluster?.cluster_size ?? 0))
  if (expected > 0 && leaders.length === 0) {
    warnings.push(
      `No cluster meta leader found. The cluster expects ${expected} nodes but only ${replies.length} responded. JetStream operation requires at least ${Math.floor(expected / 2) + 1} up nodes.`,
    )
  }
  for (const leader of leaders) tables.push(metaTable(leader.server, leader.data.meta_cluster!))
  const offline = leaders.flatMap((l) => (l.data.meta_cluster?.replicas ?? []).filter((p) => p.offline || !p.current).map((p) => p.name))
  if (offline.length) warnings.push(`meta group peers not current or offline: ${offline.join(', ')}`)
  return {tables, metaLeader, warnings}
}

function metaTable(leader: ServerIdentity, meta: MetaClusterInfo): TableSpec {
  const peers = [...(meta.replicas ?? []), {name: meta.leader ?? leader.name, current: true, offline: false, active: 0, lag: 0, peer: meta.peer}]
  peers.sort((a, b) => a.name.localeCompare(b.name))
  return {
    title: `RAFT Meta Group Information - Lead cluster: ${meta.name ?? leader.cluster ?? ''}`,
    head: ['Connection Name', 'ID', 'Leader', 'Current', 'Online', 'Active', 'Lag'],
    rows: peers.map((p) => [
      p.name,
      p.peer ?? '',
      p.name === meta.leader ? 'yes' : '',
      String(p.current),
      String(!p.offline),
      formatDuration(Math.round((p.active ?? 0) / 1_000_000)),
      formatCount(p.lag ?? 0),
    ]),
  }
}

// ---- connections ----

/** natscli's connection JSON: the connection's fields plus the server it is on. */
export type ServerConn = ConnInfo & {server: ServerIdentity}

export function flatConnections(replies: SysReply<Connz>[]): ServerConn[] {
  return replies.flatMap((r) => (r.data.connections ?? []).map((c) => ({...c, server: r.server})))
}

function connKey(sort: string): (c: ConnInfo) => number {
  switch (sort) {
    case 'in-bytes':
      return (c) => c.in_bytes
    case 'out-bytes':
      return (c) => c.out_bytes
    case 'in-msgs':
      return (c) => c.in_msgs
    case 'out-msgs':
      return (c) => c.out_msgs
    case 'uptime':
      return (c) => -Date.parse(c.start)
    case 'cid':
      return (c) => c.cid
    default:
      return (c) => c.subscriptions
  }
}

export function sortConnections(conns: ServerConn[], choice: SortChoice): ServerConn[] {
  return sortBy(conns, connKey(choice.sort), (c) => `${c.server.name}\u0000${String(c.cid).padStart(12, '0')}`, choice.reverse)
}

export function connectionTables(conns: ServerConn[], choice: SortChoice): TableSpec[] {
  const sorted = sortConnections(conns, choice)
  const shown = top(sorted, choice.top)
  const rows = shown.map((c) => [
    c.kind && c.kind !== 'Client' ? `${c.kind[0]}${c.cid}` : String(c.cid),
    (c.name || c.mqtt_client || '').slice(0, 40),
    c.server.name,
    c.server.cluster ?? '',
    `${c.ip}:${c.port}`,
    c.account ?? '',
    c.uptime,
    formatCount(c.in_msgs),
    formatCount(c.out_msgs),
    formatBytes(c.in_bytes),
    formatBytes(c.out_bytes),
    formatCount(c.subscriptions),
  ])
  if (conns.length > 1) {
    const sum = (pick: (c: ConnInfo) => number) => conns.reduce((n, c) => n + pick(c), 0)
    rows.push([
      '',
      `Totals for ${formatCount(conns.length)} connections`,
      '',
      '',
      '',
      '',
      '',
      formatCount(sum((c) => c.in_msgs)),
      formatCount(sum((c) => c.out_msgs)),
      formatBytes(sum((c) => c.in_bytes)),
      formatBytes(sum((c) => c.out_bytes)),
      formatCount(sum((c) => c.subscriptions)),
    ])
  }
  const perServer = new Map<string, {cluster: string; conns: number}>()
  for (const c of conns) {
    const entry = perServer.get(c.server.name) ?? {cluster: c.server.cluster ?? '', conns: 0}
    entry.conns++
    perServer.set(c.server.name, entry)
  }
  const tables: TableSpec[] = [
    {
      title: `Top ${shown.length} Connections out of ${formatCount(conns.length)} by ${choice.sort}`,
      head: ['CID', 'Name', 'Server', 'Cluster', 'IP', 'Account', 'Uptime', 'In Msgs', 'Out Msgs', 'In Bytes', 'Out Bytes', 'Subs'],
      rows,
      alignRight: [7, 8, 9, 10, 11],
    },
  ]
  if (perServer.size > 0) {
    tables.push({
      title: 'Connections per server',
      head: ['Server', 'Cluster', 'Connections'],
      rows: [...perServer.entries()]
        .sort((a, b) => b[1].conns - a[1].conns || a[0].localeCompare(b[0]))
        .map(([name, s]) => [name, s.cluster, String(s.conns)]),
      alignRight: [2],
    })
  }
  return tables
}

// ---- accounts ----

export interface AccountActivity {
  account: string
  connections: number
  in_msgs: number
  out_msgs: number
  in_bytes: number
  out_bytes: number
  subscriptions: number
  server: ServerIdentity[]
}

export function accountActivity(conns: ServerConn[], choice: SortChoice): AccountActivity[] {
  const byName = new Map<string, AccountActivity>()
  for (const c of conns) {
    const name = c.account ?? ''
    const a = byName.get(name) ?? {account: name, connections: 0, in_msgs: 0, out_msgs: 0, in_bytes: 0, out_bytes: 0, subscriptions: 0, server: []}
    a.connections++
    a.in_msgs += c.in_msgs
    a.out_msgs += c.out_msgs
    a.in_bytes += c.in_bytes
    a.out_bytes += c.out_bytes
    a.subscriptions += c.subscriptions
    if (!a.server.some((s) => s.id === c.server.id)) a.server.push(c.server)
    byName.set(name, a)
  }
  const key = (a: AccountActivity): number => {
    switch (choice.sort) {
      case 'in-bytes':
        return a.in_bytes
      case 'out-bytes':
        return a.out_bytes
      case 'in-msgs':
        return a.in_msgs
      case 'out-msgs':
        return a.out_msgs
      case 'conns':
        return a.connections
      default:
        return a.subscriptions
    }
  }
  return top(
    sortBy([...byName.values()], key, (a) => a.account, choice.reverse),
    choice.top,
  )
}

export function accountTable(accounts: AccountActivity[]): TableSpec {
  return {
    title: `${accounts.length} Accounts Overview`,
    head: ['Account', 'Connections', 'In Msgs', 'Out Msgs', 'In Bytes', 'Out Bytes', 'Subs'],
    rows: accounts.map((a) => [
      a.account,
      formatCount(a.connections),
      formatCount(a.in_msgs),
      formatCount(a.out_msgs),
      formatBytes(a.in_bytes),
      formatBytes(a.out_bytes),
      formatCount(a.subscriptions),
    ]),
    alignRight: [1, 2, 3, 4, 5, 6],
  }
}

// ---- leafnodes ----

export type ServerLeaf = LeafInfo & {server: ServerIdentity}

export function leafnodes(replies: SysReply<Leafz>[], choice: SortChoice): ServerLeaf[] {
  const all = replies.flatMap((r) => (r.data.leafs ?? []).map((l) => ({...l, server: r.server})))
  const key = (l: ServerLeaf): number | string => {
    switch (choice.sort) {
      case 'name':
        return l.name ?? ''
      case 'account':
        return l.account
      case 'subs':
        return l.subscriptions
      case 'in-bytes':
        return l.in_bytes
      case 'out-bytes':
        return l.out_bytes
      case 'in-msgs':
        return l.in_msgs
      case 'out-msgs':
        return l.out_msgs
      default:
        return l.server.name
    }
  }
  return top(
    sortBy(all, key, (l) => `${l.server.name}\u0000${l.name ?? ''}\u0000${l.port}`, choice.reverse),
    choice.top,
  )
}

export function leafTable(leafs: ServerLeaf[]): TableSpec {
  const short = (account: string) => (account.length > 23 ? `${account.slice(0, 10)}...${account.slice(-10)}` : account)
  return {
    title: 'Leafnode Report',
    head: ['Server', 'Name', 'Account', 'Address', 'RTT', 'Msgs In', 'Msgs Out', 'Bytes In', 'Bytes Out', 'Subs', 'Compressed', 'Spoke'],
    rows: leafs.map((l) => [
      l.server.name,
      l.name ?? '',
      short(l.account),
      `${l.ip}:${l.port}`,
      l.rtt ?? '',
      formatCount(l.in_msgs),
      formatCount(l.out_msgs),
      formatBytes(l.in_bytes),
      formatBytes(l.out_bytes),
      formatCount(l.subscriptions),
      l.compression ?? 'false',
      String(Boolean(l.is_spoke)),
    ]),
    alignRight: [5, 6, 7, 8, 9],
  }
}

// ---- health ----

export function healthTable(replies: SysReply<Healthz>[], choice: SortChoice): {table: TableSpec; ok: number; failing: number} {
  const sorted = top(
    sortBy(
      replies,
      (r) => r.server.name,
      (r) => r.server.id,
      choice.reverse,
    ),
    choice.top,
  )
  const rows: string[][] = []
  let ok = 0
  let failing = 0
  let errors = 0
  for (const r of sorted) {
    const code = r.data.status_code ?? (r.data.status === 'ok' ? 200 : 503)
    if (code === 200) ok++
    else failing++
    rows.push([r.server.name, r.server.cluster ?? '', r.server.domain ?? '', `${r.data.status} (${code})`, '', r.data.error ?? ''])
    const list = r.data.errors ?? []
    errors += list.length || (r.data.error ? 1 : 0)
    const show = list.length > 10 ? 9 : list.length
    for (const e of list.slice(0, show)) rows.push(['', '', '', '', e.type, e.error])
    if (show !== list.length) rows.push(['', '', '', `${list.length - show} more errors`, '', ''])
  }
  const clusters = new Set(sorted.map((r) => r.server.cluster ?? ''))
  rows.push([formatCount(sorted.length), formatCount(clusters.size), '', `ok: ${ok} / err: ${failing}`, '', formatCount(errors)])
  return {table: {title: 'Health Report', head: ['Server', 'Cluster', 'Domain', 'Status', 'Type', 'Error'], rows}, ok, failing}
}
