// Completes a stream configuration the way natscli does: every value no flag gave is asked, in natscli's
// order with its labels and defaults, when someone can answer (a terminal, no --defaults); otherwise it
// takes that default. The only values without a default (the name, a plain stream's subjects) are errors
// naming their flag when nobody can answer.

import type {StreamConfig, StreamSource} from '@nats-io/jetstream'

import {UsageError} from '../errors.js'
import {confirm, input, select, validInteger, validWith} from '../ui/prompt.js'
import {parseDuration, parseSize} from '../units.js'
import {formatGoDuration} from '../format.js'
import {defaultConfig, msToNanos, nanosToMs, type PartialStreamConfig, splitSubjects} from './config.js'
import type {StreamFlagValues} from './flags.js'
import {domainApiPrefix, parseStartTime} from './sources.js'

interface CompleteOptions {
  /** A person can answer and --defaults was not given. */
  ask: boolean
  /** Could a person answer at all (a terminal)? Decides between asking and "pass --flag" for required values. */
  interactive: boolean
  /** The account only accepts streams with a size limit: the default becomes 256 MiB, as in natscli. */
  maxBytesRequired?: boolean
}

const REQUIRED_MAX_BYTES = 256 * 1024 * 1024

export async function askStreamName(options: CompleteOptions): Promise<string> {
  if (!options.interactive) throw new UsageError('a stream name is required: pass it as the NAME argument')
  return (await input('Stream Name', {validate: (v) => (/^[^\s.*>]+$/.test(v.trim()) ? true : 'a name without spaces, dots, * or >')})).trim()
}

/** Asks (or defaults) every missing field, in natscli's order. */
export async function completeStreamConfig(
  cfg: PartialStreamConfig,
  flags: StreamFlagValues,
  options: CompleteOptions,
): Promise<PartialStreamConfig> {
  const out: PartialStreamConfig = {...cfg}
  const {ask} = options
  const replicated = Boolean(out.mirror || out.sources?.length)

  if (out.subjects === undefined && !replicated) {
    if (!options.interactive) throw new UsageError('subjects are required: pass --subjects')
    const answer = await input('Subjects', {validate: (v) => (splitSubjects([v])!.length > 0 ? true : 'at least one subject')})
    out.subjects = splitSubjects([answer])
  }

  const defaults = defaultConfig(out)
  if (out.storage === undefined) {
    out.storage = (ask ? await select('Storage', ['file', 'memory'], {default: 'file'}) : defaults.storage) as StreamConfig['storage']
  }
  if (out.num_replicas === undefined) {
    out.num_replicas = ask ? Number(await input('Replication', {default: '1', validate: validInteger(1)})) : defaults.num_replicas
  }
  if (out.retention === undefined) {
    out.retention = (
      ask
        ? await select(
            'Retention Policy',
            [
              {name: 'Limits', value: 'limits'},
              {name: 'Interest', value: 'interest'},
              {name: 'Work Queue', value: 'workqueue'},
            ],
            {default: 'limits'},
          )
        : defaults.retention
    ) as StreamConfig['retention']
  }
  if (out.discard === undefined) {
    out.discard = (
      ask
        ? await select(
            'Discard Policy',
            [
              {name: 'New', value: 'new'},
              {name: 'Old', value: 'old'},
            ],
            {default: 'old'},
          )
        : defaults.discard
    ) as StreamConfig['discard']
  }
  if (out.max_msgs === undefined) {
    out.max_msgs = ask ? Number(await input('Stream Messages Limit', {default: '-1', validate: validInteger(-1)})) : -1
  }
  if (out.max_msgs_per_subject === undefined) {
    out.max_msgs_per_subject = ask ? Number(await input('Per Subject Messages Limit', {default: '-1', validate: validInteger(-1)})) : -1
  }
  if (out.max_bytes === undefined) {
    const required = options.maxBytesRequired === true
    out.max_bytes = ask
      ? parseSize(
          await input(required ? 'Total Stream Size (MaxBytes is required per Account Settings)' : 'Total Stream Size', {
            default: required ? '256MiB' : '-1',
            validate: (v) => (required && parseSizeOrNaN(v) <= 0 ? 'this account requires a size limit, like 256MiB' : validWith(parseSize)(v)),
          }),
        )
      : required
        ? REQUIRED_MAX_BYTES
        : -1
  }
  if (out.max_age === undefined) {
    out.max_age = ask ? msToNanos(parseDuration(await input('Message TTL', {default: '-1', validate: validWith(parseDuration)}))) : 0
  }
  if (out.max_msg_size === undefined) {
    out.max_msg_size = ask ? parseSize(await input('Max Message Size', {default: '-1', validate: validWith(parseSize)})) : -1
  }
  if (out.duplicate_window === undefined && !out.mirror) {
    const fallback = defaultConfig(out).duplicate_window ?? msToNanos(120_000)
    out.duplicate_window = ask
      ? msToNanos(
          parseDuration(
            await input('Duplicate tracking time window', {default: formatGoDuration(nanosToMs(fallback)), validate: validWith(parseDuration)}),
          ),
        )
      : fallback
  }
  if (out.allow_rollup_hdrs === undefined) {
    out.allow_rollup_hdrs = ask ? await confirm('Allow message Roll-ups', false) : false
  }
  if (out.deny_delete === undefined) {
    out.deny_delete = ask ? !(await confirm('Allow message deletion', true)) : false
  }
  if (out.deny_purge === undefined) {
    out.deny_purge = ask ? !(await confirm('Allow purging subjects or the entire stream', true)) : false
  }

  if (ask && out.mirror && !flags.mirror?.trim().startsWith('{')) {
    out.mirror = await askSource(out.mirror, mirrorLabels, {
      external: flags['mirror-domain'] !== undefined || flags['mirror-api-prefix'] !== undefined,
      filter: flags['mirror-filter'] !== undefined,
      start: flags['mirror-start-seq'] !== undefined || flags['mirror-start-time'] !== undefined,
    })
  }
  if (ask && out.sources) {
    const given = flags.source ?? []
    const sources: StreamSource[] = []
    for (const [i, src] of out.sources.entries()) {
      const isJson = given[i]?.trim().startsWith('{') ?? false
      sources.push(isJson ? src : await askSource(src, sourceLabels(src.name), {external: src.external !== undefined, filter: false, start: false}))
    }
    out.sources = sources
  }

  for (const [key, value] of Object.entries(defaults)) {
    if ((out as Record<string, unknown>)[key] === undefined) (out as Record<string, unknown>)[key] = value
  }
  return out
}

function parseSizeOrNaN(value: string): number {
  try {
    return parseSize(value)
  } catch {
    return Number.NaN
  }
}

interface SourceLabels {
  adjustStart: string
  startSeq: string
  startTime: string
  adjustFilter: string
  filter: string
  transform: string
  domain: string
  domainName: string
  domainDeliver: string
  account: string
  accountApi: string
  accountDeliver: string
}

const mirrorLabels: SourceLabels = {
  adjustStart: 'Adjust mirror start',
  startSeq: 'Mirror Start Sequence',
  startTime: 'Mirror Start Time (YYYY:MM:DD HH:MM:SS)',
  adjustFilter: 'Adjust mirror filter and transform',
  filter: 'Filter mirror by subject (hit enter to finish)',
  transform: 'Subject transform destination',
  domain: 'Import mirror from a different JetStream domain',
  domainName: 'Foreign JetStream domain name',
  domainDeliver: 'Delivery prefix',
  account: 'Import mirror from a different account',
  accountApi: 'Foreign account API prefix',
  accountDeliver: 'Foreign account delivery prefix',
}

function sourceLabels(name: string): SourceLabels {
  return {
    adjustStart: `Adjust source "${name}" start`,
    startSeq: `${name} Source Start Sequence`,
    startTime: `${name} Source UTC Time Stamp (YYYY:MM:DD HH:MM:SS)`,
    adjustFilter: `Adjust source "${name}" filter and transform`,
    filter: `Filter source "${name}" by subject (hit enter to finish)`,
    transform: 'Subject transform destination',
    domain: `Import "${name}" from a different JetStream domain`,
    domainName: `${name} Source foreign JetStream domain name`,
    domainDeliver: `${name} Source foreign JetStream domain delivery prefix`,
    account: `Import "${name}" from a different account`,
    accountApi: `${name} Source foreign account API prefix`,
    accountDeliver: `${name} Source foreign account delivery prefix`,
  }
}

/** natscli's mirror/source questions: start, filter and transform, then another domain or account. */
async function askSource(
  src: StreamSource,
  labels: SourceLabels,
  given: {external: boolean; filter: boolean; start: boolean},
): Promise<StreamSource> {
  const out: StreamSource = {...src}
  if (!given.start && (await confirm(labels.adjustStart, false))) {
    const seq = Number(await input(labels.startSeq, {default: '0', validate: validInteger(0)}))
    if (seq > 0) out.opt_start_seq = seq
    else {
      const when = (
        await input(labels.startTime, {validate: (v) => (v.trim() === '' ? true : validWith((x) => parseStartTime(x, 'the start time'))(v))})
      ).trim()
      if (when !== '') out.opt_start_time = parseStartTime(when, 'the start time')
    }
  }
  if (!given.filter && (await confirm(labels.adjustFilter, false))) {
    const transforms: Array<{src: string; dest: string}> = []
    for (;;) {
      const filter = (await input(labels.filter)).trim()
      if (filter === '') break
      const dest = (await input(labels.transform)).trim()
      transforms.push({dest, src: filter})
    }
    // One filter without a transform is the filter_subject every server understands; more need 2.10.
    if (transforms.length === 1 && transforms[0].dest === '') out.filter_subject = transforms[0].src
    else if (transforms.length > 0) out.subject_transforms = transforms
  }
  if (!given.external && !out.external) {
    if (await confirm(labels.domain, false)) {
      const domain = (await input(labels.domainName, {validate: validWith(domainApiPrefix)})).trim()
      const deliver = (await input(labels.domainDeliver)).trim()
      out.external = {api: domainApiPrefix(domain), deliver}
    } else if (await confirm(labels.account, false)) {
      const api = (await input(labels.accountApi, {validate: (v) => (v.trim() === '' ? 'an API prefix, like $JS.API' : true)})).trim()
      const deliver = (await input(labels.accountDeliver)).trim()
      out.external = {api, deliver}
    }
  }
  return out
}
