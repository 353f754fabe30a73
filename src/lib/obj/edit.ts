// `object edit`'s flags (natscli's names) into the bucket's stream configuration: only what is given changes.

import type {Interfaces} from '@oclif/core'
import type {StreamConfig} from '@nats-io/jetstream'

import {UsageError} from '../errors.js'
import {ttlChange} from '../kv/config.js'
import {Flags} from '../oclif.js'
import {parseSize} from '../units.js'

export const objectBucketEditFlags = {
  description: Flags.string({description: 'a new description for the bucket'}),
  'max-bucket-size': Flags.string({description: 'the most bytes the bucket may hold, like 10GiB (-1: unlimited)', helpValue: 'BYTES'}),
  replicas: Flags.integer({description: 'how many copies of the data to keep in a cluster', min: 1}),
  ttl: Flags.string({description: 'how long to keep objects, like 30d (0: for ever)', helpValue: 'DURATION'}),
}

type ObjectBucketEditFlagValues = Partial<Interfaces.InferredFlags<typeof objectBucketEditFlags>>

/** The bucket's stream configuration with `object edit`'s flags applied; a usage error when nothing changes. */
export function editedObjectBucketConfig(current: StreamConfig, flags: ObjectBucketEditFlagValues): StreamConfig {
  const next: StreamConfig = {...current}
  if (flags.description !== undefined) next.description = flags.description
  if (flags.ttl !== undefined) Object.assign(next, ttlChange(current, flags.ttl))
  if (flags['max-bucket-size'] !== undefined) next.max_bytes = parseSize(flags['max-bucket-size'], '--max-bucket-size')
  if (flags.replicas !== undefined) next.num_replicas = flags.replicas
  if (Object.keys(objectBucketEditFlags).every((k) => flags[k as keyof ObjectBucketEditFlagValues] === undefined))
    throw new UsageError('nothing to change: give at least one setting (see --help)')
  return next
}
