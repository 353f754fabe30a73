// `server ls`: natscli's "Server Overview" and "Cluster Overview" tables from the statsz replies, the
// warnings natscli marks with an X in the totals (versions, routes, gateways) said in words, and who is
// missing when fewer servers answered than expected. Pure: the command gathers, this shapes.

import {formatBytes, formatCount, formatDuration} from '../format.js'
import type {Statsz, SysReply, Varz} from './sys.js'

export const LS_SORTS = ['name', 'cluster', 'conns', 'subs', 'routes', 'gws', 'mem', 'cpu', 'slow', 'uptime', 'rtt'] as const
type LsSort = (typeof LS_SORTS)[number]

interface ClusterSummary {
  name: string
  nodes: string[]
  /** How many members the cluster should have: its configured routes, the JetStream meta group's size. */
  expected: number
  gatewaysOut: number
  gatewaysIn: number
  connections: number
}

/** Sorts the replies as natscli does: biggest first by default (RTT: slowest first), --reverse flips it. */
export function sortServers(replies: SysReply<Statsz>[], sort: LsSort, reverse: boolean): SysReply<Statsz>[] {
  const key = (r: SysReply<Statsz>): number | string => {
    const s = r.data
    switch (sort) {
      case 'name':
        return r.server.name
      case 'cluster':
        return `${r.server.cluster ?? ''}\u0000${r.server.name}`
      case 'conns':
        return s.connections
      case 'subs':
        return s.subscriptions
      case 'routes':
        return s.routes?.length ?? 0
      case 'gws':
        return s.gateways?.length ?? 0
      case 'mem':
        return s.mem
      case 'cpu':
        return s.cpu
      case 'slow':
        return s.slow_consumers
      case 'uptime':
        return -Date.parse(s.start)
      default:
        return r.rttMs
    }
  }
  // Names and clusters read best alphabetically; numbers biggest first.
  const ascending = sort === 'name' || sort === 'cluster'
  const sorted = [...replies].sort((a, b) => {
    const x = key(a)
    const y = key(b)
    const order = x < y ? -1 : x > y ? 1 : a.server.name < b.server.name ? -1 : 1
    return ascending ? order : -order
  })
  return reverse ? sorted.reverse() : sorted
}

function jsCell(r: SysReply<Statsz>): string {
  if (!r.server.jetstream) return 'no'
  return r.server.domain || 'yes'
}

function uptimeMs(r: SysReply<Statsz>): number {
  return Math.max(0, Date.parse(r.server.time) - Date.parse(r.data.start))
}

/** The clusters the answering servers belong to, with the size each expects (from varz routes and JetStream). */
export function clusters(replies: SysReply<Statsz>[], varz: SysReply<Varz>[] = []): ClusterSummary[] {
  const byName = new Map<string, ClusterSummary>()
  for (const r of replies) {
    const name = r.server.cluster
    if (!name) continue
    let c = byName.get(name)
    if (!c) {
      c = {name, nodes: [], expected: 0, gatewaysOut: 0, gatewaysIn: 0, connections: 0}
      byName.set(name, c)
    }
    c.nodes.push(r.server.name)
    c.connections += r.data.connections
    c.gatewaysOut += r.data.gateways?.length ?? 0
    c.gatewaysIn += (r.data.gateways ?? []).reduce((n, g) => n + (g.inbound_connections ?? 0), 0)
    c.expected = Math.max(c.expected, (r.data.routes?.length ?? 0) + 1, r.data.jetstream?.meta?.cluster_size ?? 0)
  }
  for (const v of varz) {
    const c = v.server.cluster ? byName.get(v.server.cluster) : undefined
    // Configured routes name the other members (a route to itself, as in a shared config, is not one).
    const own = `${v.data.cluster?.addr ?? ''}:${v.data.cluster?.cluster_port ?? ''}`
    const routes = (v.data.cluster?.urls ?? []).filter((url) => !url.endsWith(own))
    if (c) c.expected = Math.max(c.expected, routes.length + 1)
  }
  return [...byName.values()].sort((a, b) => a.connections - b.connections)
}

/** natscli's X marks, said in words. */
export function warnings(replies: SysReply<Statsz>[], clusterList: ClusterSummary[]): string[] {
  const out: string[] = []
  const versions = new Map<string, string[]>()
  for (const r of replies) versions.set(r.server.ver, [...(versions.get(r.server.ver) ?? []), r.server.name])
  if (versions.size > 1) {
    const list = [...versions.entries()].map(([version, names]) => `${version} (${names.join(', ')})`).join(', ')
    out.push(`servers run different versions: ${list}`)
  }
  for (const c of clusterList) {
    if (c.nodes.length < c.expected) {
      out.push(`cluster ${c.name} has ${c.nodes.length} of the ${c.expected} servers its routes expect answering`)
    }
    const members = replies.filter((r) => r.server.cluster === c.name)
    const routeCounts = new Set(members.map((r) => r.data.routes?.length ?? 0))
    if (routeCounts.size > 1)
      out.push(
        `servers in cluster ${c.name} disagree on their routes: ${members.map((r) => `${r.server.name} ${r.data.routes?.length ?? 0}`).join(', ')}`,
      )
  }
  const gateways = new Set(replies.map((r) => r.data.gateways?.length ?? 0))
  if (gateways.size > 1)
    out.push(`servers disagree on their gateways: ${replies.map((r) => `${r.server.name} ${r.data.gateways?.length ?? 0}`).join(', ')}`)
  return out
}

/** Names the answering servers know of but that did not answer: route peers, JetStream peers, broker nodes. */
export function missingServers(replies: SysReply<Statsz>[], known: string[]): string[] {
  const answered = new Set(replies.map((r) => r.server.name))
  const names = new Set<string>()
  for (const r of replies) for (const route of r.data.routes ?? []) if (route.name) names.add(route.name)
  for (const name of known) names.add(name)
  return [...names].filter((name) => !answered.has(name)).sort()
}

export function overviewRows(replies: SysReply<Statsz>[]): string[][] {
  return replies.map((r) => {
    const s = r.data
    return [
      r.server.name,
      r.server.cluster ?? '',
      r.server.host,
      r.server.ver,
      jsCell(r),
      formatCount(s.connections),
      formatCount(s.subscriptions),
      String(s.routes?.length ?? 0),
      String(s.gateways?.length ?? 0),
      formatBytes(s.mem),
      s.cpu.toFixed(0),
      String(s.cores),
      formatCount(s.slow_consumers),
      formatDuration(Math.round(uptimeMs(r) / 1000) * 1000),
      formatDuration(Math.round(r.rttMs)),
    ]
  })
}

export function totalsRow(replies: SysReply<Statsz>[], clusterList: ClusterSummary[], warned: string[]): string[] {
  const sum = (pick: (s: Statsz) => number) => replies.reduce((n, r) => n + pick(r.data), 0)
  const mark = (text: string) => (warned.some((w) => w.includes(text)) ? 'X' : '')
  return [
    'Totals',
    String(clusterList.length),
    `${replies.length} servers`,
    mark('versions'),
    String(replies.filter((r) => r.server.jetstream).length),
    formatCount(sum((s) => s.connections)),
    formatCount(sum((s) => s.subscriptions)),
    mark('routes'),
    mark('gateways'),
    formatBytes(sum((s) => s.mem)),
    '',
    '',
    formatCount(sum((s) => s.slow_consumers)),
    '',
    '',
  ]
}

export const OVERVIEW_HEAD = [
  'Name',
  'Cluster',
  'Host',
  'Version',
  'JS',
  'Conns',
  'Subs',
  'Routes',
  'GWs',
  'Mem',
  'CPU %',
  'Cores',
  'Slow',
  'Uptime',
  'RTT',
]
