// Object store buckets and objects as natsctl shows them: natscli's views and natsctl's `--json` shapes.

import type {StreamInfo} from '@nats-io/jetstream'
import type {ObjectInfo} from '@nats-io/obj'

import {formatBytes, formatCount, formatDuration, formatTime} from '../format.js'
import {nanosToMs} from '../jetstream/config.js'
import {type Row, renderSections} from '../ui/columns.js'
import {OBJ_PREFIX} from './open.js'

export interface ObjectBucketStatus {
  bucket: string
  description?: string
  /** How long objects live, in nanoseconds (0: for ever). */
  ttl: number
  storage: string
  replicas: number
  sealed: boolean
  /** Bytes stored (chunks and metadata). */
  size: number
  max_bucket_size: number
  backing_store: 'JetStream'
  stream: string
  created: string
  last_update?: string
  stream_info: StreamInfo
}

export function objectBucketStatus(info: StreamInfo): ObjectBucketStatus {
  const c = info.config
  const {type: _type, total: _total, offset: _offset, limit: _limit, ...streamInfo} = info as Record<string, unknown> & StreamInfo
  return {
    bucket: c.name.startsWith(OBJ_PREFIX) ? c.name.slice(OBJ_PREFIX.length) : c.name,
    ...(c.description ? {description: c.description} : {}),
    ttl: c.max_age,
    storage: String(c.storage),
    replicas: c.num_replicas,
    sealed: Boolean(c.sealed),
    size: info.state.bytes,
    max_bucket_size: c.max_bytes,
    backing_store: 'JetStream',
    stream: c.name,
    created: info.created,
    ...(info.state.last_seq > 0 ? {last_update: info.state.last_ts} : {}),
    stream_info: streamInfo as StreamInfo,
  }
}

/** natscli's `object info BUCKET` view. */
export function renderObjectBucket(info: StreamInfo): string {
  const s = objectBucketStatus(info)
  const rows: Row[] = [['Bucket Name', s.bucket]]
  if (s.description) rows.push(['Description', s.description])
  rows.push(
    ['Replicas', formatCount(s.replicas)],
    ['TTL', s.ttl > 0 ? formatDuration(nanosToMs(s.ttl)) : 'unlimited'],
    ['Sealed', String(s.sealed)],
    ['Size', formatBytes(s.size)],
    ['Maximum Bucket Size', s.max_bucket_size < 0 ? 'unlimited' : formatBytes(s.max_bucket_size)],
    ['Storage', s.storage === 'memory' ? 'Memory' : 'File'],
    ['Backing Store Kind', s.backing_store],
    ['JetStream Stream', s.stream],
  )
  return renderSections(`Information for Object Store Bucket ${s.bucket} created ${formatTime(s.created)}`, [{rows, title: 'Configuration'}]).replace(
    /\n+$/,
    '',
  )
}

export interface ObjectJson {
  bucket: string
  name: string
  description?: string
  size: number
  chunks: number
  /** `SHA-256=` and the base64url digest, as stored. */
  digest: string
  mtime: string
  revision: number
  nuid: string
  deleted: boolean
  headers?: Record<string, string[]>
  link?: {bucket: string; name?: string}
}

type RawObjectInfo = Partial<ObjectInfo> & {headers?: unknown; options?: {link?: {bucket: string; name?: string}}}

export function objectJson(info: ObjectInfo | RawObjectInfo): ObjectJson {
  // ObjectInfo from info() wraps the server's record in getters; list() and watch() give the record itself.
  const raw = ((info as {info?: RawObjectInfo}).info ?? info) as RawObjectInfo
  const headers =
    raw.headers && typeof raw.headers === 'object' && Object.keys(raw.headers).length > 0
      ? (raw.headers as unknown as Record<string, string[]>)
      : undefined
  return {
    bucket: raw.bucket ?? '',
    name: raw.name ?? '',
    ...(raw.description ? {description: raw.description} : {}),
    size: raw.size ?? 0,
    chunks: raw.chunks ?? 0,
    digest: raw.digest ?? '',
    mtime: raw.mtime ?? '',
    revision: raw.revision ?? 0,
    nuid: raw.nuid ?? '',
    deleted: Boolean(raw.deleted),
    ...(headers ? {headers} : {}),
    ...(raw.options?.link ? {link: raw.options.link} : {}),
  }
}

/** `SHA-256=<base64url>` as natscli shows it: `SHA-256 <hex>`. */
export function digestHex(digest: string): string {
  const [kind, value] = digest.split('=', 2)
  if (!value && !digest.includes('=')) return digest
  return `${kind} ${Buffer.from(digest.slice(kind.length + 1), 'base64url').toString('hex')}`
}

/** natscli's `object info BUCKET NAME` view. */
export function renderObjectInfo(o: ObjectJson): string {
  const rows: Row[] = []
  if (o.description) rows.push(['Description', o.description])
  rows.push(['Size', formatBytes(o.size)], ['Modification Time', formatTime(o.mtime)], ['Chunks', formatCount(o.chunks)])
  if (o.digest) rows.push(['Digest', digestHex(o.digest)])
  if (o.link) rows.push(['Link', `${o.link.bucket}${o.link.name ? ` > ${o.link.name}` : ''}`])
  if (o.deleted) rows.push(['Deleted', 'true'])
  for (const [k, values] of Object.entries(o.headers ?? {})) for (const v of values) rows.push(['Header', `${k}: ${v}`])
  return renderSections(`Object information for ${o.bucket} > ${o.name}`, [{rows}]).replace(/\n+$/, '')
}
