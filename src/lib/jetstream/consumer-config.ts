// ConsumerConfig from flags and from JSON files: pure functions (no client import), unit-tested. The
// questions for values no flag gave live in consumer-prompts.ts; the views in consumer-render.ts.

import type {ConsumerConfig} from '@nats-io/jetstream'

import {NatsctlError, UsageError} from '../errors.js'
import {parseDuration, parseSize} from '../units.js'
import {compareVersions, msToNanos} from './config.js'
import type {ConsumerFlagValues} from './consumer-flags.js'
import {readConfigJson} from './config-file.js'

export type PartialConsumerConfig = Partial<ConsumerConfig>

/** natscli's backoff defaults (--backoff-steps 10, --backoff-min 1m, --backoff-max 20m). */
const BACKOFF_DEFAULTS = {max: '20m', min: '1m', steps: 10}

/** A consumer name: no spaces, dots, wildcards or path separators (the server's and natscli's rule). */
export function checkConsumerName(name: string): void {
  if (name === '' || /[\s.*>/\\]/.test(name)) {
    throw new UsageError(`invalid consumer name "${name}": it cannot be empty or contain spaces, ".", "*", ">", "/" or "\\"`)
  }
}

/** Duration flag -> nanoseconds; `-1` and 0 mean "not set" where natscli treats them so. */
function nanosFlag(value: string, flag: string): number {
  return msToNanos(parseDuration(value, `--${flag} duration`))
}

/** natscli's jsm.LinearBackoffPeriods: `steps` periods from min, growing by (max-min)/steps, in whole ms. */
export function linearBackoff(steps: number, minMs: number, maxMs: number): number[] {
  if (steps < 1) throw new UsageError('backoff steps must be 1 or more')
  if (minMs <= 0) throw new UsageError('the minimum backoff period cannot be 0')
  if (maxMs <= 0) throw new UsageError('the maximum backoff period cannot be 0')
  let [lo, hi] = [minMs, maxMs]
  if (hi < lo) [lo, hi] = [hi, lo]
  const step = Math.floor(((hi - lo) * 1_000_000) / steps) // in nanoseconds, like Go's integer division
  const periods: number[] = []
  for (let i = 0; i < steps; i++) periods.push(lo * 1_000_000 + Math.round((i * step) / 1_000_000) * 1_000_000)
  return periods
}

/** --backoff none|linear with its steps, min and max: the periods in nanoseconds ([] for none). */
function backoffFromFlags(flags: ConsumerFlagValues): number[] | undefined {
  if (flags.backoff === undefined) {
    const given = ['backoff-steps', 'backoff-min', 'backoff-max'].find((f) => (flags as Record<string, unknown>)[f] !== undefined)
    if (given) throw new UsageError(`--${given} needs --backoff linear`)
    return undefined
  }
  if (flags.backoff === 'none') return []
  return linearBackoff(
    flags['backoff-steps'] ?? BACKOFF_DEFAULTS.steps,
    parseDuration(flags['backoff-min'] ?? BACKOFF_DEFAULTS.min, '--backoff-min duration'),
    parseDuration(flags['backoff-max'] ?? BACKOFF_DEFAULTS.max, '--backoff-max duration'),
  )
}

/**
 * natscli's start policies: all, new (or next), last, subject (or last_per_subject), a stream sequence, or
 * a duration back from now. Returns the deliver_policy fields.
 */
export function deliverPolicy(policy: string, now = Date.now()): PartialConsumerConfig {
  const p = policy.trim().toLowerCase()
  if (p === 'all') return {deliver_policy: 'all' as ConsumerConfig['deliver_policy']}
  if (p === 'last') return {deliver_policy: 'last' as ConsumerConfig['deliver_policy']}
  if (p === 'new' || p === 'next') return {deliver_policy: 'new' as ConsumerConfig['deliver_policy']}
  if (p === 'subject' || p === 'last_per_subject' || p === 'last-per-subject') {
    return {deliver_policy: 'last_per_subject' as ConsumerConfig['deliver_policy']}
  }
  if (/^\d+$/.test(p)) {
    const seq = Number(p)
    if (seq < 1) throw new UsageError('a start sequence must be 1 or more')
    return {deliver_policy: 'by_start_sequence' as ConsumerConfig['deliver_policy'], opt_start_seq: seq}
  }
  let ms: number
  try {
    ms = parseDuration(policy)
  } catch {
    throw new UsageError(`invalid start policy "${policy}": use all, new, last, subject, a sequence or a duration like 1h`)
  }
  return {deliver_policy: 'by_start_time' as ConsumerConfig['deliver_policy'], opt_start_time: new Date(now - ms).toISOString()}
}

/** The filter subjects given (`--filter a --filter b`, or `--filter "a,b"`), as natscli splits them. */
export function splitFilters(values: string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined
  return values.flatMap((v) => v.split(/[\s,]+/)).filter((s) => s !== '')
}

/** Sets filter_subject (one) or filter_subjects (several, nats-server 2.10+). */
export function withFilters(cfg: PartialConsumerConfig, filters: string[]): PartialConsumerConfig {
  const out = {...cfg}
  delete out.filter_subject
  delete out.filter_subjects
  if (filters.length === 1) out.filter_subject = filters[0]
  else if (filters.length > 1) out.filter_subjects = filters
  return out
}

/**
 * The configuration fields the editable flags set, and only those (for `consumer edit`, and the first half
 * of `consumer add`): what is absent was not given.
 */
export function editableFromFlags(flags: ConsumerFlagValues): PartialConsumerConfig {
  let cfg: PartialConsumerConfig = {}
  if (flags.description !== undefined) cfg.description = flags.description
  if (flags.wait !== undefined) cfg.ack_wait = nanosFlag(flags.wait, 'wait')
  if (flags['max-deliver'] !== undefined) cfg.max_deliver = flags['max-deliver']
  if (flags['max-pending'] !== undefined) cfg.max_ack_pending = flags['max-pending']
  if (flags.sample !== undefined) cfg.sample_freq = flags.sample > 0 ? String(flags.sample) : ''
  if (flags['max-pull-batch'] !== undefined) cfg.max_batch = flags['max-pull-batch']
  if (flags['max-pull-expire'] !== undefined) cfg.max_expires = nanosFlag(flags['max-pull-expire'], 'max-pull-expire')
  if (flags['max-pull-bytes'] !== undefined) cfg.max_bytes = parseSize(flags['max-pull-bytes'], '--max-pull-bytes')
  if (flags['inactive-threshold'] !== undefined) cfg.inactive_threshold = nanosFlag(flags['inactive-threshold'], 'inactive-threshold')
  if (flags['headers-only'] !== undefined) cfg.headers_only = flags['headers-only']
  if (flags.target !== undefined) cfg.deliver_subject = flags.target
  if (flags.replicas !== undefined) cfg.num_replicas = flags.replicas
  const backoff = backoffFromFlags(flags)
  if (backoff !== undefined) cfg.backoff = backoff
  const filters = splitFilters(flags.filter)
  if (filters !== undefined) cfg = withFilters(cfg, filters)
  return cfg
}

/** Every field the flags set, for `consumer add` (and `consumer copy`'s overrides). */
export function configFromFlags(flags: ConsumerFlagValues): PartialConsumerConfig {
  if (flags.pull && flags.target !== undefined) throw new UsageError('--pull and --target cannot be combined: a consumer is either pull or push')
  const cfg = editableFromFlags(flags)
  if (flags.ack !== undefined) cfg.ack_policy = flags.ack as ConsumerConfig['ack_policy']
  if (flags.deliver !== undefined) Object.assign(cfg, deliverPolicy(flags.deliver))
  if (flags['deliver-group'] !== undefined) cfg.deliver_group = flags['deliver-group']
  if (flags.replay !== undefined) cfg.replay_policy = flags.replay as ConsumerConfig['replay_policy']
  if (flags.bps !== undefined) cfg.rate_limit_bps = flags.bps
  if (flags.heartbeat !== undefined) cfg.idle_heartbeat = flags.heartbeat.trim() === '-1' ? 0 : nanosFlag(flags.heartbeat, 'heartbeat')
  if (flags['flow-control'] !== undefined) cfg.flow_control = flags['flow-control']
  if (flags['max-waiting'] !== undefined) cfg.max_waiting = flags['max-waiting']
  if (flags.memory) cfg.mem_storage = true
  return cfg
}

/**
 * natscli's rules that hold whatever was asked: settings that only make sense for push consumers, no
 * redelivery limit without acknowledgements, a max-deliver above the number of backoff periods.
 */
export function finishConfig(cfg: PartialConsumerConfig): PartialConsumerConfig {
  const out = {...cfg}
  const push = Boolean(out.deliver_subject)
  if (!push) {
    if (out.rate_limit_bps) throw new UsageError('--bps (rate limits) is only possible on push consumers: give --target')
    if (out.idle_heartbeat) throw new UsageError('pull consumers do not support idle heartbeats: --heartbeat needs --target')
    if (out.flow_control) throw new UsageError('--flow-control is only possible on push consumers: give --target')
    if (out.deliver_group) throw new UsageError('--deliver-group is only possible on push consumers: give --target')
    delete out.deliver_subject
  } else {
    if (out.max_waiting) throw new UsageError('--max-waiting is only possible on pull consumers')
    if (out.deliver_group && out.flow_control) throw new UsageError('--flow-control cannot be used with --deliver-group (queue groups)')
    if (out.deliver_group && out.idle_heartbeat) throw new UsageError('--heartbeat cannot be used with --deliver-group (queue groups)')
    if (out.flow_control && !out.idle_heartbeat) throw new UsageError('--flow-control needs an idle heartbeat: give --heartbeat')
  }
  if (out.ack_policy === 'none') out.max_deliver = -1
  if (out.backoff?.length && (out.max_deliver === undefined || out.max_deliver === -1)) {
    // The server needs more deliveries than backoff periods (natscli works around it the same way).
    out.max_deliver = out.backoff.length + 1
  }
  if (out.backoff && out.backoff.length === 0) delete out.backoff
  if (out.deliver_policy === 'last_per_subject' && !out.filter_subject && !out.filter_subjects?.length) out.filter_subject = '>'
  for (const key of ['description', 'deliver_group', 'sample_freq'] as const) if (out[key] === '') delete out[key]
  return out
}

/** Reads and parses `--config FILE`: a ConsumerConfig, or `consumer info --json` output (its `.config`). */
export function readConsumerConfigFile(file: string): PartialConsumerConfig {
  return readConfigJson<PartialConsumerConfig>(file, 'consumer')
}

/** Fields servers before 2.10 (or 2.11) do not know: named with the version they need. */
const NEWER_FIELDS: Array<{field: string; min: string; present: (cfg: Record<string, unknown>) => boolean}> = [
  {field: 'filter_subjects', min: '2.10.0', present: (c) => Array.isArray(c.filter_subjects) && c.filter_subjects.length > 0},
  {field: 'metadata', min: '2.10.0', present: (c) => typeof c.metadata === 'object' && c.metadata !== null && Object.keys(c.metadata).length > 0},
  {
    field: 'pause_until',
    min: '2.11.0',
    present: (c) => typeof c.pause_until === 'string' && c.pause_until !== '' && !c.pause_until.startsWith('0001-'),
  },
  {field: 'priority_groups', min: '2.11.0', present: (c) => Array.isArray(c.priority_groups) && c.priority_groups.length > 0},
  {
    field: 'priority_policy',
    min: '2.11.0',
    present: (c) => typeof c.priority_policy === 'string' && c.priority_policy !== '' && c.priority_policy !== 'none',
  },
]

/**
 * Refuses fields the connected server is too old for, naming both versions (several --filter subjects on
 * 2.9, for example). Empty values of those fields, as a newer server prints them, are dropped instead.
 */
export function checkConsumerServerSupport(cfg: PartialConsumerConfig, serverVersion: string): PartialConsumerConfig {
  const out = {...cfg} as Record<string, unknown>
  for (const {field, min, present} of NEWER_FIELDS) {
    if (compareVersions(serverVersion, min) >= 0) continue
    if (present(out)) {
      const what = field === 'filter_subjects' ? 'several filter subjects (filter_subjects)' : `consumer setting "${field}"`
      throw new NatsctlError(
        `${what} need${field === 'filter_subjects' ? '' : 's'} nats-server ${min} or newer; the connected server is ${serverVersion}`,
      )
    }
    delete out[field]
  }
  return out as PartialConsumerConfig
}

/** A command that needs a newer server than the one connected: a clear error naming both versions. */
export function requireServerVersion(what: string, min: string, serverVersion: string): void {
  if (compareVersions(serverVersion, min) < 0) {
    throw new NatsctlError(`${what} needs nats-server ${min} or newer; the connected server is ${serverVersion}`)
  }
}
