// The stream configuration flags `stream add` and `stream edit` share, with natscli's names. Booleans allow
// `--no-X` so edit can switch a setting off, and so "not given" (undefined) is distinguishable from false:
// only values not given are asked for or defaulted.

import type {Interfaces} from '@oclif/core'

import {Flags} from '../oclif.js'

export const streamConfigFlags = {
  subjects: Flags.string({description: 'subjects the stream listens on (repeatable, comma or space separated)', multiple: true}),
  description: Flags.string({description: 'a description of the stream'}),
  replicas: Flags.integer({description: 'number of replicas to keep', min: 1}),
  retention: Flags.string({description: 'retention policy', options: ['limits', 'interest', 'workq', 'work', 'workqueue']}),
  discard: Flags.string({description: 'discard policy when the stream is full', options: ['old', 'new']}),
  'discard-per-subject': Flags.boolean({allowNo: true, description: 'apply discard new per subject (with --max-msgs-per-subject)'}),
  'max-msgs': Flags.integer({description: 'maximum number of messages to keep (-1 unlimited)', min: -1}),
  'max-msgs-per-subject': Flags.integer({description: 'maximum messages to keep per subject (-1 unlimited)', min: -1}),
  'max-bytes': Flags.string({description: 'maximum size of the stream, like 1GB, 512MiB (-1 unlimited)'}),
  'max-age': Flags.string({description: 'maximum age of messages, like 1h, 7d, 1y (-1 unlimited)'}),
  'max-msg-size': Flags.string({description: 'maximum size of one message, like 1MiB (-1 unlimited)'}),
  'dupe-window': Flags.string({description: 'duplicate tracking window, like 2m'}),
  'allow-rollup': Flags.boolean({allowNo: true, description: 'allow Nats-Rollup headers to purge subjects or the stream'}),
  'deny-delete': Flags.boolean({allowNo: true, description: 'deny deleting messages through the API'}),
  'deny-purge': Flags.boolean({allowNo: true, description: 'deny purging the stream or subjects through the API'}),
  'allow-direct': Flags.boolean({allowNo: true, description: 'allow direct access to messages (default true)'}),
  ack: Flags.boolean({allowNo: true, description: 'acknowledge publishes (--no-ack turns acknowledgements off)'}),
}

/** Mirror and source flags: `stream add` uses them; `stream edit` accepts them only to refuse them. */
const helpGroup = 'MIRROR AND SOURCE'

export const replicationFlags = {
  mirror: Flags.string({helpGroup, description: 'mirror this stream: a stream name, or a StreamSource JSON object'}),
  'mirror-domain': Flags.string({helpGroup, description: 'JetStream domain of the mirrored stream (sets external.api to $JS.<domain>.API)'}),
  'mirror-api-prefix': Flags.string({helpGroup, description: 'API prefix of the mirrored stream in another account'}),
  'mirror-deliver-prefix': Flags.string({helpGroup, description: 'delivery prefix for a mirror from another domain or account'}),
  'mirror-start-seq': Flags.integer({helpGroup, description: 'mirror starting at this sequence', min: 1}),
  'mirror-start-time': Flags.string({helpGroup, description: 'mirror starting at this time (RFC 3339 or "YYYY:MM:DD HH:MM:SS")'}),
  'mirror-filter': Flags.string({helpGroup, description: 'mirror only messages on this subject'}),
  source: Flags.string({
    helpGroup,
    description: 'source messages from this stream: a name or a StreamSource JSON object (repeatable)',
    multiple: true,
  }),
  'source-domain': Flags.string({helpGroup, description: 'JetStream domain of every --source given by name'}),
}

/** Settings only `stream add` takes (the server does not let them change). */
export const createOnlyFlags = {
  storage: Flags.string({description: 'storage backend', options: ['file', 'f', 'memory', 'm']}),
  'max-consumers': Flags.integer({description: 'maximum number of consumers (-1 unlimited)', min: -1}),
}

/** Every stream setting a flag can give, as parsed: undefined means "not given". */
export type StreamFlagValues = Partial<Interfaces.InferredFlags<typeof createOnlyFlags & typeof replicationFlags & typeof streamConfigFlags>>
