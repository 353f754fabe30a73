// What the `bench js` and `bench kv` commands share: the JetStream publishing modes (natscli's `bench js pub
// sync|async|batch` and natsctl's older `bench js pub SUBJECT --batch N`), the consumers (ordered, callback
// consume, fetch), the direct gets and the KV clients. The command files declare flags and pick a mode.

import {Command, Flags} from '../oclif.js'

import {NatsctlError} from '../errors.js'
import {formatCount} from '../format.js'
import type {Target} from '../target.js'
import {parseSize} from '../units.js'
import {BenchCommand, commonBenchFlags, publishFlags, rateFlags, readerSizeFlag, sizeFlag, splitTotal} from './command.js'
import type {BenchReport} from './report.js'

/** Flags of every `bench js pub` form. */
export const jsPubFlags = {
  ...commonBenchFlags,
  ...sizeFlag,
  ...publishFlags,
  ...rateFlags,
  create: Flags.boolean({default: false, description: 'create the stream when it does not exist'}),
  dedup: Flags.boolean({default: false, description: 'set a unique Nats-Msg-Id on every message (exercises the duplicate window)'}),
  purge: Flags.boolean({default: false, description: 'purge the stream before publishing'}),
  replicas: Flags.integer({default: 1, description: 'replicas for a stream created with --create', min: 1}),
  storage: Flags.string({default: 'file', description: 'storage for a stream created with --create', options: ['file', 'memory']}),
  stream: Flags.string({default: 'benchstream', description: 'stream to publish into'}),
}

/** Flags of the durable consumers (`bench js consume`, `bench js fetch`). */
export const jsConsumerFlags = {
  ...commonBenchFlags,
  ...readerSizeFlag,
  acks: Flags.string({
    default: 'explicit',
    description: 'acknowledgement policy of a consumer created for the run',
    options: ['explicit', 'none', 'all'],
  }),
  batch: Flags.integer({default: 500, description: 'messages buffered by each client (consume) or per fetch (fetch)', min: 1}),
  consumer: Flags.string({default: 'natsctl-bench', description: 'durable consumer name (created for the run when missing, then removed)'}),
  doubleack: Flags.boolean({default: false, description: 'acknowledge each message and wait for the server to confirm it'}),
  msgs: Flags.integer({description: 'number of messages to consume [default: all in the stream]', min: 1}),
  stream: Flags.string({default: 'benchstream', description: 'stream to consume from'}),
}

/** Flags of `bench js get sync|batch`. */
export const jsGetFlags = {
  ...commonBenchFlags,
  ...readerSizeFlag,
  msgs: Flags.integer({description: 'number of messages each client gets, from the first in the stream [default: all in the stream]', min: 1}),
  stream: Flags.string({default: 'benchstream', description: 'stream to read (it must allow direct gets)'}),
}

/** Flags of `bench kv put|get`. */
export const kvFlags = {
  bucket: Flags.string({default: 'benchbucket', description: 'the bucket to use'}),
  randomize: Flags.integer({default: 0, description: 'use random keys between 0 and this number (0: sequential keys 0, 1, 2, ...)', min: 0}),
}

type JsPubMode = 'async' | 'batch' | 'legacy' | 'sync'

const PUB_LABELS: Record<Exclude<JsPubMode, 'legacy'>, string> = {
  async: 'JetStream asynchronous publisher',
  batch: 'JetStream atomic batch publisher',
  sync: 'JetStream synchronous publisher',
}

type JsReadMode = 'consume' | 'fetch' | 'ordered'

const READ_LABELS: Record<JsReadMode, string> = {
  consume: 'JetStream durable consumer (callback)',
  fetch: 'JetStream durable consumer (fetch)',
  ordered: 'JetStream ordered ephemeral consumer',
}

interface PubFlagValues {
  create: boolean
  dedup: boolean
  multisubject: boolean
  purge: boolean
  replicas: number
  storage: string
  stream: string
}

interface ReadFlagValues {
  acks?: string
  batch: number
  consumer?: string
  doubleack?: boolean
  msgs?: number
  stream: string
}

export abstract class JsBenchCommand<T extends typeof Command> extends BenchCommand<T> {
  protected async jsTarget(): Promise<{target: Target; js: {domain?: string; apiPrefix?: string; timeoutMs: number}}> {
    const target = await this.benchTarget({jetstream: true})
    return {target, js: {domain: target.jsDomain, apiPrefix: target.jsApiPrefix, timeoutMs: target.timeoutMs}}
  }

  /** `bench js pub`: sync (one publish in flight), async (a --batch window), batch (atomic batches), legacy (--batch as given). */
  protected async runJsPub(mode: JsPubMode, subject: string, batch: number): Promise<BenchReport> {
    const f = this.flags as unknown as PubFlagValues
    const total = this.totalMessages()
    const {target, js} = await this.jsTarget()
    const nc = await this.setupNc(target)
    const {prepareStream, requireServer} = await import('./jetstream.js')
    if (mode === 'batch') requireServer(nc, '2.12.0', 'bench js pub batch (atomic batch publish)')
    await prepareStream(nc, js, {
      stream: f.stream,
      subjects: [f.multisubject ? `${subject}.*` : subject],
      create: f.create,
      purge: f.purge,
      storage: f.storage as 'file' | 'memory',
      replicas: f.replicas,
      atomic: mode === 'batch',
    })
    const n = this.flags.clients as number
    const label = mode === 'legacy' ? (batch === 1 ? PUB_LABELS.sync : PUB_LABELS.async) : PUB_LABELS[mode]
    return this.runPlan(target, {
      label,
      banner: {batch, dedup: f.dedup, storage: f.storage, stream: f.stream},
      subject,
      stream: f.stream,
      groups: [
        {
          kind: mode === 'batch' ? 'jsbatch' : 'jspub',
          count: n,
          msgs: splitTotal(total, n),
          js: {...js, stream: f.stream, batch, dedup: f.dedup},
        },
      ],
    })
  }

  /** `bench js ordered|consume|fetch`: --msgs defaults to what the stream holds. */
  protected async runJsRead(mode: JsReadMode): Promise<BenchReport> {
    const f = this.flags as unknown as ReadFlagValues
    const {target, js} = await this.jsTarget()
    const nc = await this.setupNc(target)
    const {prepareConsumer, streamMessages} = await import('./jetstream.js')
    const stream = f.stream
    const available = await streamMessages(nc, js, stream)
    if (available === 0) throw new NatsctlError(`stream "${stream}" has no messages: publish some first (bench js pub)`)
    let total = f.msgs ?? available
    if (total > available) {
      this.warning(`stream "${stream}" holds ${formatCount(available)} messages: consuming ${formatCount(available)}, not ${formatCount(total)}`)
      total = available
    }
    const n = this.flags.clients as number
    const acks = (f.acks ?? 'none') as 'all' | 'explicit' | 'none'
    const ordered = mode === 'ordered'
    const consumer = f.consumer ?? 'natsctl-bench'
    const cleanup = ordered ? async () => {} : await prepareConsumer(nc, js, stream, consumer, acks, f.batch * n)
    try {
      return await this.runPlan(target, {
        label: READ_LABELS[mode],
        banner: {
          batch: f.batch,
          stream,
          ...(ordered ? {} : {acks, consumer, 'double-acked': f.doubleack ?? false}),
        },
        subject: '',
        stream,
        totalMsgs: total,
        groups: [
          {
            kind: ordered ? 'jsordered' : mode === 'consume' ? 'jsconsume' : 'jsfetch',
            count: n,
            // ordered: each client reads them all; consume: all clients together (the bar shows the total);
            // fetch: each client exactly its share.
            msgs: mode === 'fetch' ? splitTotal(total, n) : Array.from({length: n}, () => total),
            ...(mode === 'consume' ? {sharedTarget: total} : {}),
            js: {...js, stream, batch: f.batch, acks, ...(ordered ? {} : {consumer, doubleAck: f.doubleack ?? false})},
          },
        ],
      })
    } finally {
      await cleanup()
    }
  }

  /** `bench js get sync|batch`: every client reads --msgs messages from the stream's first sequence. */
  protected async runJsGet(mode: 'batch' | 'sync', batch = 1, filter = '>'): Promise<BenchReport> {
    const f = this.flags as unknown as ReadFlagValues
    const {target, js} = await this.jsTarget()
    const nc = await this.setupNc(target)
    const {directGetSource, requireServer} = await import('./jetstream.js')
    if (mode === 'batch') requireServer(nc, '2.11.0', 'bench js get batch (batched direct get)')
    const stream = f.stream
    const {firstSeq, messages} = await directGetSource(nc, js, stream)
    if (messages === 0) throw new NatsctlError(`stream "${stream}" has no messages: publish some first (bench js pub)`)
    let total = f.msgs ?? messages
    if (total > messages) {
      this.warning(`stream "${stream}" holds ${formatCount(messages)} messages: getting ${formatCount(messages)}, not ${formatCount(total)}`)
      total = messages
    }
    const n = this.flags.clients as number
    return this.runPlan(target, {
      label: mode === 'sync' ? 'JetStream synchronous getter' : 'JetStream batched direct getter',
      banner: {stream, ...(mode === 'batch' ? {batch, filter} : {})},
      subject: '',
      stream,
      groups: [
        {
          kind: mode === 'sync' ? 'jsget' : 'jsgetbatch',
          count: n,
          msgs: Array.from({length: n}, () => total),
          js: {...js, stream, batch, startSeq: firstSeq, filter},
        },
      ],
    })
  }

  /** `bench kv put`: the bucket is created when missing (natscli's settings), emptied with --purge. */
  protected async runKvPut(setup: {storage: string; replicas: number; maxbytes: string; history: number; purge: boolean}): Promise<BenchReport> {
    const f = this.flags as unknown as {bucket: string; randomize: number}
    const total = this.totalMessages()
    const {target, js} = await this.jsTarget()
    const nc = await this.setupNc(target)
    const {prepareBucket} = await import('./jetstream.js')
    const maxBytes = parseSize(setup.maxbytes, 'maxbytes')
    const {created} = await prepareBucket(nc, js, {
      bucket: f.bucket,
      storage: setup.storage as 'file' | 'memory',
      replicas: setup.replicas,
      maxBytes,
      history: setup.history,
      purge: setup.purge,
    })
    if (created) this.status(`Created bucket "${f.bucket}"`)
    const n = this.flags.clients as number
    const counts = splitTotal(total, n)
    return this.runPlan(target, {
      label: 'JetStream KV putter',
      banner: {bucket: f.bucket, purge: setup.purge, randomize: f.randomize},
      subject: '',
      stream: `KV_${f.bucket}`,
      groups: [
        {
          kind: 'kvput',
          count: n,
          msgs: counts,
          js: {...js, stream: `KV_${f.bucket}`, batch: 1, bucket: f.bucket, randomize: f.randomize},
          offsets: offsets(counts),
        },
      ],
    })
  }

  /** `bench kv get`: --msgs keys split across the clients (or random ones with --randomize). */
  protected async runKvGet(): Promise<BenchReport> {
    const f = this.flags as unknown as {bucket: string; randomize: number}
    const total = this.totalMessages()
    const {target, js} = await this.jsTarget()
    const nc = await this.setupNc(target)
    const {requireBucket} = await import('./jetstream.js')
    await requireBucket(nc, js, f.bucket)
    const n = this.flags.clients as number
    const counts = splitTotal(total, n)
    return this.runPlan(target, {
      label: 'JetStream KV getter',
      banner: {bucket: f.bucket, randomize: f.randomize},
      subject: '',
      totalMsgs: total,
      stream: `KV_${f.bucket}`,
      groups: [
        {
          kind: 'kvget',
          count: n,
          msgs: counts,
          js: {...js, stream: `KV_${f.bucket}`, batch: 1, bucket: f.bucket, randomize: f.randomize},
          offsets: offsets(counts),
        },
      ],
    })
  }
}

/** The first key of each client: client i starts where client i-1 ended. */
function offsets(counts: number[]): number[] {
  const out: number[] = []
  let at = 0
  for (const c of counts) {
    out.push(at)
    at += c
  }
  return out
}
