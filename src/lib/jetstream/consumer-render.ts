// Human views of consumers in natscli's layout: `consumer info` (Configuration, Cluster Information, State
// sections), the `consumer ls` table and the `consumer report` table. Pure string building over the
// server's ConsumerInfo (no client import).

import type {ClusterInfo, ConsumerConfig, ConsumerInfo} from '@nats-io/jetstream'

import {formatAgo, formatBytes, formatCount, formatDuration, formatTime} from '../format.js'
import {type Row, renderSections, type Section} from '../ui/columns.js'
import type {TableSpec} from '../ui/table.js'
import {nanosToMs} from './config.js'

function duration(ns: number | undefined): string {
  return formatDuration(nanosToMs(ns ?? 0))
}

function title(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

function isPull(config: Partial<ConsumerConfig>): boolean {
  return !config.deliver_subject
}

function deliverPolicyText(c: Partial<ConsumerConfig>): string {
  switch (c.deliver_policy) {
    case 'all': {
      return 'All'
    }
    case 'last': {
      return 'Last'
    }
    case 'new': {
      return 'New'
    }
    case 'last_per_subject': {
      return 'Last Per Subject'
    }
    case 'by_start_time': {
      return `Since ${formatTime(c.opt_start_time)}`
    }
    case 'by_start_sequence': {
      return `From Sequence ${formatCount(c.opt_start_seq ?? 0)}`
    }
    default: {
      return String(c.deliver_policy ?? '')
    }
  }
}

/** natscli's backoff list: every period, or the first and last five of a long one. */
function backoffText(backoff: number[]): string {
  const show = (ns: number) => duration(ns)
  if (backoff.length > 15) {
    return `${[...backoff.slice(0, 5).map(show), '...', ...backoff.slice(-5).map(show)].join(', ')} (${backoff.length} total)`
  }
  return backoff.map(show).join(', ')
}

/** The server sends `last_active` as a timestamp (the client's type says nanoseconds). */
function lastActive(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function sinceText(last: unknown, now: number): string {
  const when = lastActive(last)
  return when ? ` Last delivery: ${formatAgo(when, now)} ago` : ''
}

/** `consumer info` (and the view after add/edit). */
export function renderConsumerInfo(info: ConsumerInfo, now = Date.now()): string {
  const c = info.config
  const sections: Section[] = []
  const cfg: Row[] = []
  if (c.name) cfg.push(['Name', c.name])
  if (c.durable_name && c.durable_name !== c.name) cfg.push(['Durable Name', c.durable_name])
  if (c.description) cfg.push(['Description', c.description])
  if (c.deliver_subject) cfg.push(['Delivery Subject', c.deliver_subject])
  else cfg.push(['Pull Mode', 'true'])
  if (c.filter_subject) cfg.push(['Filter Subject', c.filter_subject])
  else if (c.filter_subjects?.length) cfg.push(['Filter Subjects', c.filter_subjects.join(', ')])
  cfg.push(['Deliver Policy', deliverPolicyText(c)])
  if (c.deliver_group && c.deliver_subject) cfg.push(['Deliver Queue Group', c.deliver_group])
  cfg.push(['Ack Policy', title(String(c.ack_policy))])
  if (c.ack_policy !== 'none') cfg.push(['Ack Wait', duration(c.ack_wait)])
  cfg.push(['Replay Policy', title(String(c.replay_policy))])
  if (c.max_deliver !== undefined && c.max_deliver !== -1 && c.max_deliver !== 0) cfg.push(['Maximum Deliveries', formatCount(c.max_deliver)])
  if (c.sample_freq) cfg.push(['Sampling Rate', c.sample_freq])
  if (c.rate_limit_bps) cfg.push(['Rate Limit', `${formatBytes(Math.floor(c.rate_limit_bps / 8))} / second`])
  if (c.max_ack_pending && c.max_ack_pending > 0) cfg.push(['Max Ack Pending', formatCount(c.max_ack_pending)])
  if (c.max_waiting && c.max_waiting > 0) cfg.push(['Max Waiting Pulls', formatCount(c.max_waiting)])
  if (c.idle_heartbeat) cfg.push(['Idle Heartbeat', duration(c.idle_heartbeat)])
  if (c.deliver_subject) cfg.push(['Flow Control', String(Boolean(c.flow_control))])
  if (c.headers_only) cfg.push(['Headers Only', 'true'])
  if (c.inactive_threshold && !c.deliver_subject) cfg.push(['Inactive Threshold', duration(c.inactive_threshold)])
  if (c.max_expires) cfg.push(['Max Pull Expire', duration(c.max_expires)])
  if (c.max_batch) cfg.push(['Max Pull Batch', formatCount(c.max_batch)])
  if (c.max_bytes) cfg.push(['Max Pull MaxBytes', formatBytes(c.max_bytes)])
  if (c.backoff?.length) cfg.push(['Backoff', backoffText(c.backoff)])
  if (c.num_replicas) cfg.push(['Replicas', String(c.num_replicas)])
  if (c.mem_storage) cfg.push(['Memory Storage', 'true'])
  sections.push({rows: cfg, title: 'Configuration'})

  if (info.cluster?.name) sections.push({rows: clusterRows(info.cluster), title: 'Cluster Information'})

  const state: Row[] = []
  const d = info.delivered
  state.push([
    'Last Delivered Message',
    `Consumer sequence: ${formatCount(d.consumer_seq)} Stream sequence: ${formatCount(d.stream_seq)}${sinceText(d.last_active, now)}`,
  ])
  if (c.ack_policy !== 'none') {
    const a = info.ack_floor
    const acked = lastActive(a.last_active)
    const last = acked ? ` Last Ack: ${formatAgo(acked, now)} ago` : ''
    state.push(['Acknowledgment Floor', `Consumer sequence: ${formatCount(a.consumer_seq)} Stream sequence: ${formatCount(a.stream_seq)}${last}`])
    state.push([
      'Outstanding Acks',
      c.max_ack_pending && c.max_ack_pending > 0
        ? `${formatCount(info.num_ack_pending)} out of maximum ${formatCount(c.max_ack_pending)}`
        : formatCount(info.num_ack_pending),
    ])
    state.push(['Redelivered Messages', formatCount(info.num_redelivered)])
  }
  state.push(['Unprocessed Messages', formatCount(info.num_pending)])
  if (c.deliver_subject) {
    state.push(['Active Interest', info.push_bound ? (c.deliver_group ? `Active using Queue Group ${c.deliver_group}` : 'Active') : 'No interest'])
  } else {
    state.push([
      'Waiting Pulls',
      c.max_waiting && c.max_waiting > 0
        ? `${formatCount(info.num_waiting)} of maximum ${formatCount(c.max_waiting)}`
        : `${formatCount(info.num_waiting)} of unlimited`,
    ])
  }
  sections.push({rows: state, title: 'State'})

  return renderSections(`Information for Consumer ${info.stream_name} > ${info.name} created ${formatTime(info.created)}`, sections).replace(
    /\n+$/,
    '',
  )
}

/** Cluster rows: the leader, then each replica with whether it is current and when it was last seen. */
function clusterRows(cluster: ClusterInfo): Row[] {
  const rows: Row[] = [['Name', cluster.name ?? '']]
  rows.push(['Leader', cluster.leader || 'none (no leader elected)'])
  for (const peer of cluster.replicas ?? []) {
    const seen = !peer.active || peer.active <= 0 ? 'not seen' : `seen ${duration(peer.active)} ago`
    const parts = [peer.name, peer.current ? 'current' : 'outdated']
    if (peer.offline) parts.push('OFFLINE')
    parts.push(seen)
    if (peer.lag) parts.push(`${formatCount(peer.lag)} operations behind`)
    rows.push(['Replica', parts.join(', ')])
  }
  return rows
}

/** natscli's compact cluster cell: the leader marked `*`, replicas that are offline or behind marked `!`. */
function clusterCell(cluster: ClusterInfo | undefined): string {
  if (!cluster) return ''
  const names: string[] = []
  if (cluster.leader) names.push(`${cluster.leader}*`)
  for (const peer of cluster.replicas ?? []) names.push(peer.offline || !peer.current ? `${peer.name}!` : peer.name)
  return names.sort().join(', ')
}

/** `consumer ls`: natscli's table. */
export function consumerListTable(stream: string, consumers: ConsumerInfo[], now = Date.now()): TableSpec {
  return {
    alignRight: [3, 4],
    head: ['Name', 'Description', 'Created', 'Ack Pending', 'Unprocessed', 'Last Delivery'],
    rows: consumers.map((c) => [
      c.name,
      c.config.description ?? '',
      formatTime(c.created),
      formatCount(c.num_ack_pending),
      formatCount(c.num_pending),
      lastActive(c.delivered.last_active) ? formatAgo(lastActive(c.delivered.last_active), now) : 'never',
    ]),
    title: `Consumers for Stream ${stream}`,
  }
}

/** `consumer report STREAM`: one row per consumer. `streamMessages` turns unprocessed into a percentage. */
export function consumerReportTable(stream: string, consumers: ConsumerInfo[], streamMessages: number): TableSpec {
  return {
    alignRight: [3, 4, 5, 6, 7, 8],
    head: ['Consumer', 'Mode', 'Ack Policy', 'Ack Wait', 'Delivered', 'Ack Pending', 'Redelivered', 'Unprocessed', 'Ack Floor', 'Cluster'],
    rows: consumers.map((c) => {
      const pct = streamMessages > 0 ? Math.min(100, Math.floor((c.num_pending / streamMessages) * 100)) : 100
      return [
        c.name,
        isPull(c.config) ? 'Pull' : 'Push',
        title(String(c.config.ack_policy)),
        c.config.ack_policy === 'none' ? '' : duration(c.config.ack_wait),
        formatCount(c.delivered.stream_seq),
        formatCount(c.num_ack_pending),
        formatCount(c.num_redelivered),
        c.num_pending > 0 ? `${formatCount(c.num_pending)} / ${pct}%` : '0',
        formatCount(c.ack_floor.stream_seq),
        clusterCell(c.cluster),
      ]
    }),
    title: `Consumer report for ${stream} with ${formatCount(consumers.length)} consumers`,
  }
}

/** Durations are nanoseconds on the wire: the edit difference shows them as people write them. */
const DURATION_FIELDS = new Set(['ack_wait', 'idle_heartbeat', 'inactive_threshold', 'max_expires'])

function showValue(key: string, value: unknown): string {
  if (value === undefined) return '(unset)'
  if (DURATION_FIELDS.has(key) && typeof value === 'number') return value <= 0 ? '0s' : duration(value)
  if (key === 'backoff' && Array.isArray(value)) return `[${(value as number[]).map((ns) => duration(ns)).join(', ')}]`
  return JSON.stringify(value)
}

/** `consumer edit`'s difference, old -> new, one field a line. */
export function renderConsumerDiff(changes: Array<{field: string; old: unknown; new: unknown}>): string {
  return ['Differences (-old +new):', ...changes.map((c) => `  ${c.field}: ${showValue(c.field, c.old)} -> ${showValue(c.field, c.new)}`)].join('\n')
}
