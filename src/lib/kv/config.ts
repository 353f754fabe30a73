// `kv add`'s flags into the key-value client's bucket options, checked before anything is created.

import type {Interfaces} from '@oclif/core'
import type {StreamSource} from '@nats-io/jetstream'
import type {KvOptions} from '@nats-io/kv'

import {UsageError} from '../errors.js'
import {Flags} from '../oclif.js'
import {applyExternal, parseSourceSpec} from '../jetstream/sources.js'
import {parseDuration, parseSize} from '../units.js'

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
