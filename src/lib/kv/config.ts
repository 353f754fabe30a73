// `kv add`'s flags into the key-value client's bucket options, checked before anything is created.

import type {Interfaces} from '@oclif/core'
import type {StreamConfig, StreamSource} from '@nats-io/jetstream'
import type {KvOptions} from '@nats-io/kv'

import {NatsctlError, toNatsctlError, UsageError} from '../errors.js'
import {Flags} from '../oclif.js'
import {applyExternal, parseSourceSpec} from '../jetstream/sources.js'
import {parseDuration, parseSize} from '../units.js'
import {KV_PREFIX} from './open.js'

export const bucketFlags = {
  description: Flags.string({description: 'a description for the bucket'}),
  history: Flags.integer({default: 1, description: 'how many values to keep per key (1 to 64)', max: 64, min: 1}),
  'max-bucket-size': Flags.string({description: 'the most bytes the bucket may hold, like 1GiB (-1: unlimited)', helpValue: 'BYTES'}),
  'max-value-size': Flags.string({description: 'the largest value, like 64KiB (-1: unlimited)', helpValue: 'BYTES'}),
  mirror: Flags.string({description: 'make this bucket a read-only mirror of BUCKET', exclusive: ['source'], helpValue: 'BUCKET'}),
  'mirror-domain': Flags.string({dependsOn: ['mirror'], description: 'the JetStream domain the mirrored bucket lives in'}),
  replicas: Flags.integer({default: 1, description: 'how many copies of the data to keep in a cluster', min: 1}),
  'republish-destination': Flags.string({description: 'also publish every change to this subject (core NATS)', helpValue: 'DEST'}),
  'republish-headers': Flags.boolean({dependsOn: ['republish-destination'], description: 'republish only the headers, no values'}),
  'republish-source': Flags.string({
    dependsOn: ['republish-destination'],
    description: 'which changes to republish (default: all, $KV.BUCKET.>)',
    helpValue: 'SRC',
  }),
  source: Flags.string({
    description: 'copy the values of BUCKET into this one (repeatable; JSON for a source in another domain)',
    helpValue: 'BUCKET',
    multiple: true,
  }),
  storage: Flags.string({default: 'file', description: 'where the server keeps the values', options: ['file', 'memory']}),
  ttl: Flags.string({description: 'how long to keep values, like 1h or 7d (default: for ever)', helpValue: 'DURATION'}),
}

type BucketFlagValues = Partial<Interfaces.InferredFlags<typeof bucketFlags>>

function atLeast(version: string | undefined, wantMajor: number, wantMinor: number): boolean {
  const [major, minor] = (version ?? '0.0').split('.').map(Number)
  return major > wantMajor || (major === wantMajor && minor >= wantMinor)
}

/** Republishing needs nats-server 2.9.0 or later. */
function supportsRepublish(version: string | undefined): boolean {
  return atLeast(version, 2, 9)
}

export function bucketOptions(bucket: string, flags: BucketFlagValues, serverVersion?: string): Partial<KvOptions> {
  const opts: Partial<KvOptions> = {
    history: flags.history ?? 1,
    replicas: flags.replicas ?? 1,
    storage: (flags.storage ?? 'file') as KvOptions['storage'],
  }
  if (flags.description) opts.description = flags.description
  if (flags.ttl !== undefined) {
    const ms = parseDuration(flags.ttl, '--ttl duration')
    if (ms < 0) throw new UsageError('--ttl must be a duration like 1h; leave it out to keep values for ever')
    opts.ttl = ms
  }
  if (flags['max-value-size'] !== undefined) opts.maxValueSize = parseSize(flags['max-value-size'], '--max-value-size')
  if (flags['max-bucket-size'] !== undefined) opts.max_bytes = parseSize(flags['max-bucket-size'], '--max-bucket-size')
  if (flags['republish-destination'] !== undefined) {
    if (!supportsRepublish(serverVersion)) {
      throw new UsageError(`republishing needs nats-server 2.9.0 or later (the server is ${serverVersion ?? 'unknown'})`)
    }
    opts.republish = {
      dest: flags['republish-destination'],
      src: flags['republish-source'] ?? `$KV.${bucket}.>`,
      ...(flags['republish-headers'] ? {headers_only: true} : {}),
    }
  }
  if (flags.mirror !== undefined) {
    if (flags.mirror === bucket && flags['mirror-domain'] === undefined) throw new UsageError('a bucket cannot mirror itself')
    opts.mirror = mirrorSource(flags.mirror, flags['mirror-domain'])
  }
  if (flags.source?.length) {
    opts.sources = flags.source.map((spec) => parseSourceSpec(spec, '--source'))
    // A bucket of another name keeps its values under its own subjects ($KV.OTHER.key): the server must
    // rewrite them to this bucket's, which takes subject transforms (nats-server 2.10).
    const renamed = opts.sources.find((src) => src.name.replace(/^KV_/, '') !== bucket)
    if (renamed && !atLeast(serverVersion, 2, 10)) {
      throw new UsageError(
        `--source ${renamed.name}: copying a bucket into one of another name needs nats-server 2.10 or later (the server is ${serverVersion ?? 'unknown'}); a bucket of the same name in another domain works`,
      )
    }
  }
  return opts
}

function mirrorSource(bucket: string, domain: string | undefined): StreamSource {
  if (!/^[-\w]+$/.test(bucket)) throw new UsageError(`invalid bucket name "${bucket}" in --mirror`)
  return applyExternal({name: bucket}, {domain}, 'mirror')
}

/** A `kv add` flag for `kv edit`: no default, so only what is given changes; a description of its own where `add`'s would mislead. */
function changeable<F extends {default?: unknown; description?: string}>(flag: F, description = flag.description): F {
  return {...flag, default: undefined, description}
}

/** `kv edit`'s flags (natscli's names): `kv add`'s, without defaults, and --no-mirror. */
export const bucketEditFlags = {
  description: changeable(bucketFlags.description, 'a new description for the bucket'),
  history: changeable(bucketFlags.history),
  'max-bucket-size': bucketFlags['max-bucket-size'],
  'max-value-size': bucketFlags['max-value-size'],
  'no-mirror': Flags.boolean({description: 'stop mirroring: make a mirror bucket an ordinary one (where the server allows it)'}),
  replicas: changeable(bucketFlags.replicas),
  'republish-destination': bucketFlags['republish-destination'],
  'republish-headers': bucketFlags['republish-headers'],
  'republish-source': bucketFlags['republish-source'],
  source: changeable(bucketFlags.source, 'also copy the values of BUCKET into this one (repeatable; JSON for a source in another domain)'),
  ttl: changeable(bucketFlags.ttl, 'how long to keep values, like 1h or 7d (0: for ever)'),
}

type BucketEditFlagValues = Partial<Interfaces.InferredFlags<typeof bucketEditFlags>>

const TWO_MINUTES_NS = 120 * 1e9

/**
 * A TTL as the stream's max_age (nanoseconds; 0 for ever), with the duplicate window kept within it, as the
 * server requires (it makes the window the TTL when a bucket is created with a TTL under two minutes).
 */
export function ttlChange(current: StreamConfig, text: string): Partial<StreamConfig> {
  const ms = parseDuration(text, '--ttl duration')
  if (ms < 0) throw new UsageError('--ttl must be a duration like 1h, or 0 to keep values for ever')
  const maxAge = ms * 1e6
  const window = current.duplicate_window || TWO_MINUTES_NS
  if (maxAge === 0) return {duplicate_window: window, max_age: 0}
  return {duplicate_window: Math.min(window, maxAge), max_age: maxAge}
}

/**
 * The bucket's stream configuration with `kv edit`'s flags applied (natscli's `kv edit`: each flag given
 * replaces that setting, --source adds sources, --no-mirror drops the mirror). Throws a usage error when
 * nothing would change.
 */
export function editedBucketConfig(bucket: string, current: StreamConfig, flags: BucketEditFlagValues, serverVersion?: string): StreamConfig {
  const next: StreamConfig = {...current}
  let changed = false
  const set = (patch: Partial<StreamConfig>) => {
    Object.assign(next, patch)
    changed = true
  }
  if (flags.description !== undefined) set({description: flags.description})
  if (flags.history !== undefined) set({max_msgs_per_subject: flags.history})
  if (flags.ttl !== undefined) set(ttlChange(current, flags.ttl))
  if (flags['max-value-size'] !== undefined) set({max_msg_size: parseSize(flags['max-value-size'], '--max-value-size')})
  if (flags['max-bucket-size'] !== undefined) set({max_bytes: parseSize(flags['max-bucket-size'], '--max-bucket-size')})
  if (flags.replicas !== undefined) set({num_replicas: flags.replicas})
  if (flags['republish-destination'] !== undefined) {
    if (!supportsRepublish(serverVersion)) {
      throw new UsageError(`republishing needs nats-server 2.9.0 or later (the server is ${serverVersion ?? 'unknown'})`)
    }
    set({
      republish: {
        dest: flags['republish-destination'],
        src: flags['republish-source'] ?? `$KV.${bucket}.>`,
        ...(flags['republish-headers'] ? {headers_only: true} : {}),
      },
    })
  }
  if (flags.source?.length) {
    const added = flags.source.map((spec) => kvStreamSource(bucket, parseSourceSpec(spec, '--source'), serverVersion))
    set({sources: [...(current.sources ?? []), ...added]})
  }
  if (flags['no-mirror']) {
    if (!current.mirror) throw new UsageError(`bucket "${bucket}" is not a mirror: --no-mirror has nothing to remove`)
    // (undefined, not absent: the client merges what it is given into the current configuration)
    return {...next, mirror: undefined, mirror_direct: false}
  }
  if (!changed) throw new UsageError('nothing to change: give at least one setting (see --help)')
  return next
}

/** A bucket as a stream source, as the key-value client writes it (KV_ name; another bucket's subjects renamed). */
function kvStreamSource(bucket: string, src: StreamSource, serverVersion?: string): StreamSource {
  const name = src.name.startsWith(KV_PREFIX) ? src.name.slice(KV_PREFIX.length) : src.name
  const out: StreamSource = {...src, name: `${KV_PREFIX}${name}`}
  if (!src.external && name !== bucket) {
    if (!atLeast(serverVersion, 2, 10)) {
      throw new UsageError(
        `--source ${name}: copying a bucket into one of another name needs nats-server 2.10 or later (the server is ${serverVersion ?? 'unknown'}); a bucket of the same name in another domain works`,
      )
    }
    out.subject_transforms = [{dest: `$KV.${bucket}.>`, src: `$KV.${name}.>`}]
  }
  return out
}

/** The server refused a bucket change: its words, after the bucket's name. */
export function notChanged(bucket: string, error: unknown): NatsctlError {
  return new NatsctlError(`bucket "${bucket}" was not changed: ${toNatsctlError(error, {resource: {bucket}}).message}`, {cause: error})
}

const SETTINGS: Array<[keyof StreamConfig, string]> = [
  ['description', '--description'],
  ['max_msgs_per_subject', '--history'],
  ['max_age', '--ttl'],
  ['max_msg_size', '--max-value-size'],
  ['max_bytes', '--max-bucket-size'],
  ['num_replicas', '--replicas'],
]

/**
 * The server may accept an update and keep a setting as it was (a sealed bucket keeps no TTL): a setting
 * asked for and not in the configuration it answers with is an error naming the flag.
 */
export function checkApplied(bucket: string, asked: StreamConfig, before: StreamConfig, after: StreamConfig): void {
  const kept = SETTINGS.filter(([key]) => asked[key] !== before[key] && (asked[key] ?? '') !== (after[key] ?? '')).map(([, flag]) => flag)
  if (kept.length > 0) {
    const sealed = after.sealed ? ' (the bucket is sealed)' : ''
    throw new NatsctlError(`bucket "${bucket}": the server accepted the change but did not apply ${kept.join(', ')}${sealed}`)
  }
}
