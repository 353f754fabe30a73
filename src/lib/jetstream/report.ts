// `stream report`: one row per stream, natscli's "Stream Report" table, and the "Replication Report" for
// mirrors and sources. Pure functions over StreamInfo (no client import).

import type {ClusterInfo, StreamInfo, StreamSourceInfo} from '@nats-io/jetstream'

import {formatBytes, formatCount, formatDuration} from '../format.js'
import {nanosToMs} from './config.js'

/** Streams that back key-value buckets and object stores: hidden unless --all (as in `stream ls`). */
const SYSTEM_PREFIXES = ['KV_', 'OBJ_']

export function isSystemStream(name: string): boolean {
  return SYSTEM_PREFIXES.some((p) => name.startsWith(p))
}

type ReportSort = 'bytes' | 'consumers' | 'messages' | 'name' | 'storage'

/**
 * natscli's cluster cell: the leader marked `*`, every replica that is offline or not current marked `!`,
 * sorted by name. Empty for a stream that is not clustered.
 */
function renderCluster(cluster: ClusterInfo | undefined): string {
  if (!cluster) return ''
  const peers: string[] = []
  if (cluster.leader) peers.push(`${cluster.leader}*`)
  for (const r of cluster.replicas ?? []) peers.push(r.offline || !r.current ? `${r.name}!` : r.name)
  return peers.sort().join(', ')
}

export function sortStreams(streams: StreamInfo[], sort: ReportSort): StreamInfo[] {
  const key = (s: StreamInfo): number | string => {
    switch (sort) {
      case 'consumers':
        return s.state.consumer_count
      case 'messages':
        return s.state.messages
      case 'name':
        return s.config.name
      case 'storage':
        return String(s.config.storage)
      default:
        return s.state.bytes
    }
  }
  // Ties fall back to the name, so the order is the same from run to run.
  return [...streams].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    if (ka < kb) return -1
    if (ka > kb) return 1
    return a.config.name < b.config.name ? -1 : a.config.name > b.config.name ? 1 : 0
  })
}

function lostCell(info: StreamInfo, raw: boolean): string {
  const lost = info.state.lost
  const msgs = lost?.msgs?.length ?? 0
  if (msgs === 0) return '0'
  return raw ? `${msgs} (${lost!.bytes})` : `${formatCount(msgs)} (${formatBytes(lost!.bytes)})`
}

function placementCell(info: StreamInfo): string {
  const p = info.config.placement
  if (!p) return ''
  let out = p.cluster ? `cluster: ${p.cluster} ` : ''
  if (p.tags?.length) out += `tags: ${p.tags.join(', ')}`
  return out.trim()
}

export const STREAM_REPORT_HEAD = ['Stream', 'Storage', 'Placement', 'Consumers', 'Messages', 'Bytes', 'Lost', 'Deleted', 'Replicas']

export function streamReportRows(streams: StreamInfo[], raw: boolean): string[][] {
  const n = (v: number) => (raw ? String(v) : formatCount(v))
  return streams.map((s) => {
    // Servers before 2.7 listed the deleted sequences instead of counting them.
    const deleted = s.state.deleted?.length ?? s.state.num_deleted ?? 0
    return [
      s.config.name,
      String(s.config.storage),
      placementCell(s),
      n(s.state.consumer_count),
      n(s.state.messages),
      raw ? String(s.state.bytes) : formatBytes(s.state.bytes),
      lostCell(s, raw),
      n(deleted),
      renderCluster(s.cluster),
    ]
  })
}

export const REPLICATION_HEAD = ['Stream', 'Kind', 'API Prefix', 'Source Stream', 'Filters and Transforms', 'Active', 'Lag', 'Error']

export function replicationRows(streams: StreamInfo[], raw: boolean): string[][] {
  const rows: string[][] = []
  const row = (stream: string, kind: string, src: StreamSourceInfo) => {
    const s = src as StreamSourceInfo & {external?: {api?: string}; filter_subject?: string; subject_transforms?: Array<{src: string; dest: string}>}
    const filters = (s.subject_transforms ?? []).map((t) => `${t.src} to ${t.dest}`)
    if (filters.length === 0 && s.filter_subject) filters.push(`${s.filter_subject} untransformed`)
    const active = s.active < 0 ? 'never' : raw ? String(s.active) : formatDuration(nanosToMs(s.active))
    const error = s.error ? `${s.error.description}` : ''
    rows.push([stream, kind, s.external?.api ?? '', s.name, filters.join(', '), active, raw ? String(s.lag) : formatCount(s.lag), error])
  }
  for (const s of streams) {
    if (s.mirror) row(s.config.name, 'Mirror', s.mirror)
    for (const src of s.sources ?? []) row(s.config.name, 'Source', src)
  }
  return rows
}
