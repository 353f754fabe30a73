// StreamConfig from flags and from JSON files: pure functions (no client import), unit-tested. Prompts for
// the values not given live in prompts.ts; mirror and source specs in sources.ts.

import type {StreamConfig} from '@nats-io/jetstream'

import {NatsctlError, UsageError} from '../errors.js'
import {MAX_INT32, parseDuration, parseSize} from '../units.js'
import type {StreamFlagValues} from './flags.js'
import {mirrorFromFlags, sourcesFromFlags} from './sources.js'
import {readConfigJson} from './config-file.js'

export type PartialStreamConfig = Partial<StreamConfig> & {name?: string}

/** Milliseconds to the nanoseconds the server's durations use (-1 and 0 stay as they are: unlimited). */
export function msToNanos(ms: number): number {
  return ms <= 0 ? 0 : Math.round(ms * 1_000_000)
}

export function nanosToMs(ns: number): number {
  return ns / 1_000_000
}

/** `--subjects a,b --subjects "c d"` -> [a, b, c, d]. */
export function splitSubjects(values: string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined
  return values.flatMap((v) => v.split(/[\s,]+/)).filter((s) => s !== '')
}

function normalizeRetention(value: string): 'limits' | 'interest' | 'workqueue' {
  switch (value.toLowerCase().replaceAll(' ', '')) {
    case 'limits':
      return 'limits'
    case 'interest':
      return 'interest'
    case 'workq':
    case 'work':
    case 'workqueue':
      return 'workqueue'
    default:
      throw new UsageError(`invalid retention policy "${value}": use limits, interest or workq`)
  }
}

function normalizeStorage(value: string): 'file' | 'memory' {
  switch (value.toLowerCase()) {
    case 'file':
    case 'f':
      return 'file'
    case 'memory':
    case 'm':
      return 'memory'
    default:
      throw new UsageError(`invalid storage "${value}": use file or memory`)
  }
}

/**
 * The configuration fields the flags set, and only those: what is absent was not given (the caller asks
 * for it, defaults it, or keeps the existing value when editing).
 */
export function configFromFlags(flags: StreamFlagValues): PartialStreamConfig {
  const cfg: PartialStreamConfig = {}
  const subjects = splitSubjects(flags.subjects)
  if (subjects !== undefined) cfg.subjects = subjects
  if (flags.description !== undefined) cfg.description = flags.description
  if (flags.storage !== undefined) cfg.storage = normalizeStorage(flags.storage) as StreamConfig['storage']
  if (flags.replicas !== undefined) cfg.num_replicas = flags.replicas
  if (flags.retention !== undefined) cfg.retention = normalizeRetention(flags.retention) as StreamConfig['retention']
  if (flags.discard !== undefined) cfg.discard = flags.discard as StreamConfig['discard']
  if (flags['discard-per-subject'] !== undefined) cfg.discard_new_per_subject = flags['discard-per-subject']
  if (flags['max-msgs'] !== undefined) cfg.max_msgs = flags['max-msgs']
  if (flags['max-msgs-per-subject'] !== undefined) cfg.max_msgs_per_subject = flags['max-msgs-per-subject']
  if (flags['max-bytes'] !== undefined) cfg.max_bytes = parseSize(flags['max-bytes'], '--max-bytes')
  if (flags['max-age'] !== undefined) cfg.max_age = msToNanos(parseDuration(flags['max-age'], '--max-age'))
  if (flags['max-msg-size'] !== undefined) cfg.max_msg_size = parseSize(flags['max-msg-size'], '--max-msg-size', {max: MAX_INT32})
  if (flags['max-consumers'] !== undefined) cfg.max_consumers = flags['max-consumers']
  if (flags['dupe-window'] !== undefined) cfg.duplicate_window = msToNanos(parseDuration(flags['dupe-window'], '--dupe-window'))
  if (flags['allow-rollup'] !== undefined) cfg.allow_rollup_hdrs = flags['allow-rollup']
  if (flags['deny-delete'] !== undefined) cfg.deny_delete = flags['deny-delete']
  if (flags['deny-purge'] !== undefined) cfg.deny_purge = flags['deny-purge']
  if (flags['allow-direct'] !== undefined) cfg.allow_direct = flags['allow-direct']
  if (flags.ack !== undefined) cfg.no_ack = !flags.ack
  const mirror = mirrorFromFlags(flags)
  if (mirror) cfg.mirror = mirror
  const sources = sourcesFromFlags(flags)
  if (sources) cfg.sources = sources
  return cfg
}

/** What natscli (and --defaults) uses for every value nobody gave. */
export function defaultConfig(cfg: PartialStreamConfig): PartialStreamConfig {
  const maxAge = cfg.max_age ?? 0
  const twoMinutes = msToNanos(120_000)
  return {
    storage: 'file' as StreamConfig['storage'],
    num_replicas: 1,
    retention: 'limits' as StreamConfig['retention'],
    discard: 'old' as StreamConfig['discard'],
    max_msgs: -1,
    max_msgs_per_subject: -1,
    max_bytes: -1,
    max_age: 0,
    max_msg_size: -1,
    max_consumers: -1,
    // The server rejects a duplicate window longer than max-age; natscli shortens it the same way.
    ...(cfg.mirror ? {} : {duplicate_window: maxAge > 0 && maxAge < twoMinutes ? maxAge : twoMinutes}),
    allow_rollup_hdrs: false,
    deny_delete: false,
    deny_purge: false,
    allow_direct: true,
    no_ack: false,
  }
}

/** Fills every absent field with its default. */
export function withDefaults(cfg: PartialStreamConfig): PartialStreamConfig {
  const defaults = defaultConfig(cfg)
  const out: PartialStreamConfig = {...cfg}
  for (const [key, value] of Object.entries(defaults)) {
    if ((out as Record<string, unknown>)[key] === undefined) (out as Record<string, unknown>)[key] = value
  }
  return out
}

/** Reads and parses the `--config FILE` of stream add, edit and restore. */
export function readConfigFile(file: string): PartialStreamConfig {
  return readConfigJson<PartialStreamConfig>(file, 'stream')
}

/** A mirror takes every message of its origin, so it cannot also listen on subjects (natscli's rule). */
export function checkMirror(cfg: PartialStreamConfig): void {
  if (cfg.mirror && (cfg.subjects?.length ?? 0) > 0) {
    throw new NatsctlError('mirrors cannot listen for messages on subjects')
  }
  if (cfg.mirror && (cfg.sources?.length ?? 0) > 0) {
    throw new NatsctlError('a stream cannot both mirror a stream and have sources')
  }
}

/** Fields servers before 2.10 do not know: named with the version they need. */
const NEWER_FIELDS: Array<{field: string; min: string; present: (cfg: Record<string, unknown>) => boolean}> = [
  {field: 'metadata', min: '2.10.0', present: (c) => isNonEmptyObject(c.metadata)},
  {field: 'compression', min: '2.10.0', present: (c) => c.compression !== undefined && c.compression !== '' && c.compression !== 'none'},
  {field: 'first_seq', min: '2.10.0', present: (c) => typeof c.first_seq === 'number' && c.first_seq > 1},
  {field: 'subject_transform', min: '2.10.0', present: (c) => isNonEmptyObject(c.subject_transform)},
  {field: 'consumer_limits', min: '2.10.0', present: (c) => isNonEmptyObject(c.consumer_limits)},
  {field: 'allow_msg_ttl', min: '2.11.0', present: (c) => c.allow_msg_ttl === true},
  {
    field: 'subject_delete_marker_ttl',
    min: '2.11.0',
    present: (c) => typeof c.subject_delete_marker_ttl === 'number' && c.subject_delete_marker_ttl > 0,
  },
]

function isNonEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0
}

export function compareVersions(a: string, b: string): number {
  const pa = a
    .replace(/^v/, '')
    .split(/[.-]/)
    .map((x) => Number.parseInt(x, 10) || 0)
  const pb = b
    .replace(/^v/, '')
    .split(/[.-]/)
    .map((x) => Number.parseInt(x, 10) || 0)
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0)
  return 0
}

/**
 * Refuses fields the connected server is too old for, naming its version. Empty or default values of those
 * fields (as a newer server's `stream info --json` prints them) are dropped instead, so such files still load.
 */
export function checkServerSupport(cfg: PartialStreamConfig, serverVersion: string): PartialStreamConfig {
  const out = {...cfg} as Record<string, unknown>
  for (const {field, min, present} of NEWER_FIELDS) {
    if (compareVersions(serverVersion, min) >= 0) continue
    if (present(out)) {
      throw new NatsctlError(`stream setting "${field}" needs nats-server ${min} or newer; the connected server is ${serverVersion}`)
    }
    delete out[field]
  }
  for (const src of [cfg.mirror, ...(cfg.sources ?? [])]) {
    if (src?.subject_transforms?.length && compareVersions(serverVersion, '2.10.0') < 0) {
      throw new NatsctlError(`subject transforms of "${src.name}" need nats-server 2.10.0 or newer; the connected server is ${serverVersion}`)
    }
  }
  return out as PartialStreamConfig
}
