// The consumer configuration flags, with natscli's names (cli/consumer_command.go addCreateFlags). `consumer
// add` takes them all; `consumer edit` only those the server lets change. No flag has an oclif default, so
// "not given" (undefined) stays distinguishable from a value: only values not given are asked or defaulted.

import type {Interfaces} from '@oclif/core'

import {Flags} from '../oclif.js'

/** Settings the server lets change on an existing consumer (natscli's `edit` set). */
export const consumerEditableFlags = {
  backoff: Flags.string({description: 'redelivery backoff policy: none, or linear (with --backoff-steps/-min/-max)', options: ['none', 'linear']}),
  'backoff-max': Flags.string({description: 'the longest backoff period generated, like 20m [default: 20m]'}),
  'backoff-min': Flags.string({description: 'the shortest backoff period generated, like 1m [default: 1m]'}),
  'backoff-steps': Flags.integer({description: 'number of periods in the backoff policy [default: 10]', min: 1}),
  description: Flags.string({description: 'a description of the consumer'}),
  filter: Flags.string({description: 'only messages on this subject (nats-server 2.9 takes one filter)', helpValue: 'SUBJECT', multiple: true}),
  'headers-only': Flags.boolean({allowNo: true, description: 'deliver only headers, no bodies (adds Nats-Msg-Size)'}),
  'inactive-threshold': Flags.string({description: 'remove the consumer after it has been idle this long, like 1h'}),
  'max-deliver': Flags.integer({description: 'maximum deliveries of one message (-1 unlimited)', helpValue: 'TRIES', min: -1}),
  'max-pending': Flags.integer({description: 'maximum messages awaiting acknowledgement before delivery pauses (0 the server default)', min: -1}),
  'max-pull-batch': Flags.integer({description: 'the largest batch a pull request may ask for', helpValue: 'BATCH_SIZE', min: 0}),
  'max-pull-bytes': Flags.string({description: 'the largest max-bytes a pull request may ask for, like 1MiB', helpValue: 'BYTES'}),
  'max-pull-expire': Flags.string({description: 'the longest expiry a pull request may ask for, like 30s', helpValue: 'EXPIRES'}),
  replicas: Flags.integer({description: 'replicas of the consumer state (default: as the stream)', min: 0}),
  sample: Flags.integer({description: 'percentage of acknowledgements to sample for monitoring (0-100)', max: 100, min: 0}),
  target: Flags.string({description: 'push consumer: deliver messages to this subject (otherwise a pull consumer)', helpValue: 'SUBJECT'}),
  wait: Flags.string({description: 'acknowledgement wait before redelivery, like 30s'}),
}

/** Settings only `consumer add` takes. */
const consumerCreateOnlyFlags = {
  ack: Flags.string({description: 'acknowledgement policy', options: ['none', 'all', 'explicit']}),
  bps: Flags.integer({description: 'push consumer: limit delivery to this many bits per second', min: 0}),
  deliver: Flags.string({
    description: 'start policy: all, new, last, subject (last per subject), a sequence, or a duration like 1h',
    helpValue: 'POLICY',
  }),
  'deliver-group': Flags.string({description: 'push consumer: deliver only to subscriptions in this queue group', helpValue: 'GROUP'}),
  ephemeral: Flags.boolean({description: 'create an ephemeral consumer (removed by the server when idle)'}),
  'flow-control': Flags.boolean({allowNo: true, description: 'push consumer: enable flow control (needs --heartbeat)'}),
  heartbeat: Flags.string({description: 'push consumer: idle heartbeat interval, like 30s (-1 disables)'}),
  'max-waiting': Flags.integer({description: 'pull consumer: maximum outstanding pull requests', helpValue: 'PULLS', min: 0}),
  memory: Flags.boolean({description: 'keep the consumer state in memory, whatever the stream storage'}),
  pull: Flags.boolean({description: 'a pull consumer (no delivery subject)'}),
  replay: Flags.string({description: 'replay policy', options: ['instant', 'original']}),
}

export const consumerConfigFlags = {...consumerEditableFlags, ...consumerCreateOnlyFlags}

/** Every consumer setting a flag can give, as parsed: undefined means "not given". */
export type ConsumerFlagValues = Partial<Interfaces.InferredFlags<typeof consumerConfigFlags>>
