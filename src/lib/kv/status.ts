// A bucket's configuration and state, from the stream behind it: natscli's `kv info` view and natsctl's
// `--json` shape for it (the same object for `kv add`, `kv info` and each row of `kv ls --json`).

import type {StreamInfo, StreamSource, StreamSourceInfo} from '@nats-io/jetstream'

import {formatBytes, formatCount, formatDuration, formatTime} from '../format.js'
import {nanosToMs} from '../jetstream/config.js'
import {type Row, renderSections, type Section} from '../ui/columns.js'
import {KV_PREFIX} from './open.js'

export interface BucketStatus {
  bucket: string
  description?: string
  /** Values kept per key. */
  history: number
  /** How long values live, in nanoseconds (0: for ever). */
  ttl: number
  /** Values stored (every revision kept, delete markers included). */
  values: number
  /** Bytes stored. */
  size: number
  max_value_size: number
  max_bucket_size: number
  replicas: number
  storage: string
  backing_store: 'JetStream'
  stream: string
  created: string
  /** When the last value was written (absent when the bucket is empty). */
  last_update?: string
  republish?: {src?: string; dest: string; headers_only?: boolean}
  mirror?: {bucket: string; external_api?: string; lag?: number; active_ns?: number}
  sources?: Array<{bucket: string; external_api?: string; lag?: number; active_ns?: number}>
  stream_info: StreamInfo
}

const unprefixed = (name: string) => (name.startsWith(KV_PREFIX) ? name.slice(KV_PREFIX.length) : name)

function sourceStatus(cfg: StreamSource, info: StreamSourceInfo | undefined) {
  return {
    bucket: unprefixed(cfg.name),
    ...(cfg.external?.api ? {external_api: cfg.external.api} : {}),
    ...(info ? {active_ns: info.active, lag: info.lag} : {}),
  }
}

export function bucketStatus(info: StreamInfo): BucketStatus {
  const c = info.config
  return {
    bucket: unprefixed(c.name),
    ...(c.description ? {description: c.description} : {}),
    history: c.max_msgs_per_subject,
    ttl: c.max_age,
    values: info.state.messages,
    size: info.state.bytes,
    max_value_size: c.max_msg_size ?? -1,
    max_bucket_size: c.max_bytes,
    replicas: c.num_replicas,
    storage: String(c.storage),
    backing_store: 'JetStream',
    stream: c.name,
    created: info.created,
    ...(info.state.last_seq > 0 ? {last_update: info.state.last_ts} : {}),
    ...(c.republish ? {republish: c.republish} : {}),
    ...(c.mirror ? {mirror: sourceStatus(c.mirror, info.mirror)} : {}),
    ...(c.sources?.length
      ? {
          sources: c.sources.map((s) =>
            sourceStatus(
              s,
              info.sources?.find((i) => i.name === s.name),
            ),
          ),
        }
      : {}),
    stream_info: withoutEnvelope(info),
  }
}

/** The API response's paging fields are not part of a stream's information. */
function withoutEnvelope(info: StreamInfo): StreamInfo {
  const {type: _type, total: _total, offset: _offset, limit: _limit, ...rest} = info as Record<string, unknown> & StreamInfo
  return rest as StreamInfo
}

const size = (n: number | undefined) => (n === undefined || n < 0 ? 'unlimited' : formatBytes(n))
const seen = (ns: number | undefined) => (ns === undefined || ns < 0 ? 'never' : formatDuration(nanosToMs(ns)))

/** natscli's `kv info` view. */
export function renderBucketStatus(info: StreamInfo): string {
  const s = bucketStatus(info)
  const c = info.config
  const rows: Row[] = [
    ['Bucket Name', s.bucket],
    ['History Kept', formatCount(s.history)],
    ['Values Stored', formatCount(s.values)],
    ['Backing Store Kind', s.backing_store],
  ]
  if (s.description) rows.push(['Description', s.description])
  rows.push(
    ['Bucket Size', formatBytes(s.size)],
    ['Maximum Bucket Size', size(s.max_bucket_size)],
    ['Maximum Value Size', size(s.max_value_size)],
    ['Maximum Age', s.ttl > 0 ? formatDuration(nanosToMs(s.ttl)) : 'unlimited'],
    ['JetStream Stream', s.stream],
    ['Storage', s.storage === 'memory' ? 'Memory' : 'File'],
  )
  if (c.num_replicas > 1) rows.push(['Replicas', formatCount(c.num_replicas)])
  if (c.republish) {
    rows.push([c.republish.headers_only ? 'Republishing Headers' : 'Republishing', `${c.republish.src ?? '>'} to ${c.republish.dest}`])
  }
  const sections: Section[] = [{rows, title: 'Configuration'}]
  if (s.mirror) {
    const m: Row[] = [['Origin Bucket', s.mirror.bucket]]
    if (s.mirror.external_api) m.push(['External API', s.mirror.external_api])
    m.push(['Last Seen', seen(s.mirror.active_ns)], ['Lag', formatCount(s.mirror.lag ?? 0)])
    sections.push({rows: m, title: 'Mirror Information'})
  }
  if (s.sources) {
    const m: Row[] = []
    for (const src of s.sources) {
      m.push(['Source Bucket', src.bucket])
      if (src.external_api) m.push(['External API', src.external_api])
      m.push(['Last Seen', seen(src.active_ns)], ['Lag', formatCount(src.lag ?? 0)])
    }
    sections.push({rows: m, title: 'Sources Information'})
  }
  if (info.cluster?.leader || info.cluster?.replicas?.length) {
    const m: Row[] = []
    if (info.cluster.name) m.push(['Name', info.cluster.name])
    if (info.cluster.leader) m.push(['Leader', info.cluster.leader])
    for (const peer of info.cluster.replicas ?? []) {
      m.push(['Replica', `${peer.name}, ${peer.current ? 'current' : 'outdated'}${peer.offline ? ', OFFLINE' : ''}, seen ${seen(peer.active)} ago`])
    }
    sections.push({rows: m, title: 'Cluster Information'})
  }
  return renderSections(`Information for Key-Value Store Bucket ${s.bucket} created ${formatTime(s.created)}`, sections).replace(/\n+$/, '')
}
