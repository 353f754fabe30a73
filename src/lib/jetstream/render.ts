// Human views of streams, natscli's column layout (ui/columns.ts): a heading, then sections of
// right-aligned `Label: value` rows. Pure string building (no client import), so it is cheap and testable.

import type {StreamConfig, StreamInfo, StreamSource, StreamSourceInfo} from '@nats-io/jetstream'

import {apiErrorText} from '../errors.js'
import {formatBytes, formatCount, formatDuration, formatTime} from '../format.js'
import {type Row, renderSections, type Section} from '../ui/columns.js'
import {nanosToMs} from './config.js'

function limit(n: number | undefined, format: (n: number) => string = formatCount): string {
  return n === undefined || n < 0 ? 'unlimited' : format(n)
}

function nanosLimit(ns: number | undefined): string {
  return !ns || ns <= 0 ? 'unlimited' : formatDuration(nanosToMs(ns))
}

function title(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

function sourceRows(info: StreamSourceInfo | undefined, cfg: StreamSource): Row[] {
  const raw = info as (StreamSourceInfo & {external?: {api?: string; deliver?: string}; filter_subject?: string}) | undefined
  const external = cfg.external ?? raw?.external
  const rows: Row[] = [['Stream Name', cfg.name]]
  if (cfg.filter_subject) rows.push(['Subject Filter', cfg.filter_subject])
  for (const t of cfg.subject_transforms ?? []) rows.push(['Subject Transform', `${t.src} -> ${t.dest}`])
  if (cfg.opt_start_seq) rows.push(['Start Sequence', formatCount(cfg.opt_start_seq)])
  if (cfg.opt_start_time) rows.push(['Start Time', formatTime(cfg.opt_start_time)])
  if (external?.api) rows.push(['Ext. API Prefix', external.api])
  if (external?.deliver) rows.push(['Ext. Delivery Prefix', external.deliver])
  if (info) {
    rows.push(['Lag', formatCount(info.lag)])
    rows.push(['Last Seen', info.active < 0 ? 'never' : formatDuration(nanosToMs(info.active))])
    if (info.error) rows.push(['Error', apiErrorText(info.error)])
  }
  return rows
}

/** `stream info` (and the view after add/edit). */
export function renderStreamInfo(info: StreamInfo, options: {stateOnly?: boolean} = {}): string {
  const c = info.config as StreamConfig
  const sections: Section[] = []
  if (!options.stateOnly) {
    const main: Row[] = []
    if (c.description) main.push(['Description', c.description])
    if (c.subjects?.length) main.push(['Subjects', c.subjects.join(', ')])
    main.push(['Replicas', String(c.num_replicas)], ['Storage', title(String(c.storage))])
    if (c.placement?.cluster) main.push(['Placement Cluster', c.placement.cluster])
    if (c.placement?.tags?.length) main.push(['Placement Tags', c.placement.tags.join(', ')])
    sections.push({rows: main})

    const opts: Row[] = [
      ['Retention', retentionName(String(c.retention))],
      ['Acknowledgments', String(!c.no_ack)],
      ['Discard Policy', `${title(String(c.discard))}${c.discard_new_per_subject ? ' Per Subject' : ''}`],
    ]
    if (!c.mirror) opts.push(['Duplicate Window', formatDuration(nanosToMs(c.duplicate_window ?? 0))])
    opts.push(
      ['Direct Get', String(Boolean(c.allow_direct))],
      ['Allows Msg Delete', String(!c.deny_delete)],
      ['Allows Purge', String(!c.deny_purge)],
      ['Allows Rollups', String(Boolean(c.allow_rollup_hdrs))],
    )
    if (c.sealed) opts.push(['Sealed', 'true'])
    if (c.mirror_direct) opts.push(['Mirror Direct Get', 'true'])
    sections.push({rows: opts, title: 'Options'})

    sections.push({
      rows: [
        ['Maximum Messages', limit(c.max_msgs)],
        ['Maximum Per Subject', limit(c.max_msgs_per_subject)],
        ['Maximum Bytes', limit(c.max_bytes, formatBytes)],
        ['Maximum Age', nanosLimit(c.max_age)],
        ['Maximum Message Size', limit(c.max_msg_size, formatBytes)],
        ['Maximum Consumers', limit(c.max_consumers)],
      ],
      title: 'Limits',
    })

    if (c.republish) {
      sections.push({
        rows: [
          ['Source', c.republish.src ?? '>'],
          ['Destination', c.republish.dest],
          ['Headers Only', String(Boolean(c.republish.headers_only))],
        ],
        title: 'Republishing',
      })
    }

    if (info.cluster) {
      const cl = info.cluster
      const rows: Row[] = []
      if (cl.name) rows.push(['Name', cl.name])
      if (cl.leader) rows.push(['Leader', cl.leader])
      for (const peer of cl.replicas ?? []) {
        const state = [
          peer.current ? 'current' : 'outdated',
          peer.offline ? 'OFFLINE' : '',
          `seen ${formatDuration(nanosToMs(peer.active))} ago`,
          peer.lag ? `${formatCount(peer.lag)} operations behind` : '',
        ]
          .filter(Boolean)
          .join(', ')
        rows.push(['Replica', `${peer.name}, ${state}`])
      }
      sections.push({rows, title: 'Cluster Information'})
    }

    if (c.mirror) sections.push({rows: sourceRows(info.mirror, c.mirror), title: 'Mirror Information'})
    if (c.sources?.length) {
      const rows: Row[] = []
      for (const src of c.sources) {
        if (rows.length > 0) rows.push(['', ''])
        rows.push(
          ...sourceRows(
            info.sources?.find((s) => s.name === src.name),
            src,
          ),
        )
      }
      sections.push({rows, title: 'Source Information'})
    }
  }

  const s = info.state
  const state: Row[] = [
    ['Messages', formatCount(s.messages)],
    ['Bytes', formatBytes(s.bytes)],
    ['First Sequence', s.messages > 0 ? `${formatCount(s.first_seq)} @ ${formatTime(s.first_ts)}` : formatCount(s.first_seq)],
    ['Last Sequence', s.last_seq > 0 ? `${formatCount(s.last_seq)} @ ${formatTime(s.last_ts)}` : formatCount(s.last_seq)],
  ]
  if (s.num_deleted) state.push(['Deleted Messages', formatCount(s.num_deleted)])
  state.push(['Active Consumers', formatCount(s.consumer_count)])
  if (s.num_subjects !== undefined) state.push(['Number of Subjects', formatCount(s.num_subjects)])
  sections.push({rows: state, title: 'State'})

  const verb = options.stateOnly ? 'State' : 'Information'
  return renderSections(`${verb} for Stream ${c.name} created ${formatTime(info.created)}`, sections).replace(/\n+$/, '')
}

function retentionName(r: string): string {
  return r === 'workqueue' ? 'WorkQueue' : title(r)
}

/** Durations are nanoseconds on the wire: show them as people write them. */
const DURATION_FIELDS = new Set(['max_age', 'duplicate_window', 'subject_delete_marker_ttl'])

function showValue(key: string, value: unknown): string {
  if (value === undefined) return '(unset)'
  if (DURATION_FIELDS.has(key) && typeof value === 'number') return value <= 0 ? '0s' : formatDuration(nanosToMs(value))
  return JSON.stringify(value)
}

export interface ConfigChange {
  field: string
  old: unknown
  new: unknown
}

/** The fields whose values differ (deep compare by JSON), sorted by name. */
export function diffConfigs(oldCfg: Record<string, unknown>, newCfg: Record<string, unknown>): ConfigChange[] {
  const keys = [...new Set([...Object.keys(oldCfg), ...Object.keys(newCfg)])].sort()
  const changes: ConfigChange[] = []
  for (const key of keys) {
    const a = normalize(oldCfg[key])
    const b = normalize(newCfg[key])
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({field: key, new: newCfg[key], old: oldCfg[key]})
  }
  return changes
}

/** Absent, false, empty string and empty collections mean the same to the server. */
function normalize(value: unknown): unknown {
  if (value === undefined || value === null || value === false || value === '') return undefined
  if (Array.isArray(value)) return value.length === 0 ? undefined : value
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, normalize(v)] as const)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
    return entries.length === 0 ? undefined : Object.fromEntries(entries)
  }
  return value
}

export function renderDiff(changes: ConfigChange[]): string {
  return ['Differences (-old +new):', ...changes.map((c) => `  ${c.field}: ${showValue(c.field, c.old)} -> ${showValue(c.field, c.new)}`)].join('\n')
}
