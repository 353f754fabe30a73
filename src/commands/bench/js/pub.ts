import {Args, Flags} from '../../../lib/oclif.js'

import {BenchCommand, benchFlags, splitTotal} from '../../../lib/bench/command.js'
import type {BenchReport} from '../../../lib/bench/report.js'

export default class BenchJsPub extends BenchCommand<typeof BenchJsPub> {
  static args = {
    subject: Args.string({description: 'subject to publish to (captured by the stream)', required: true}),
  }
  static description =
    'Benchmark JetStream publishing: every message acknowledged by the stream, with --batch publishes in flight, and ack latency percentiles'
  static examples = [
    '<%= config.bin %> <%= command.id %> bench.js --create --msgs 100000',
    '<%= config.bin %> <%= command.id %> bench.js --stream ORDERS --batch 500 --purge',
    '<%= config.bin %> <%= command.id %> bench.js --create --storage memory --dedup --batch 1',
  ]
  static flags = {
    ...benchFlags,
    batch: Flags.integer({default: 100, description: 'publishes in flight before waiting for their acks (1 = synchronous)', min: 1}),
    create: Flags.boolean({default: false, description: 'create the stream when it does not exist'}),
    dedup: Flags.boolean({default: false, description: 'set a unique Nats-Msg-Id on every message (exercises the duplicate window)'}),
    purge: Flags.boolean({default: false, description: 'purge the stream before publishing'}),
    replicas: Flags.integer({default: 1, description: 'replicas for a stream created with --create', min: 1}),
    storage: Flags.string({default: 'file', description: 'storage for a stream created with --create', options: ['file', 'memory']}),
    stream: Flags.string({default: 'benchstream', description: 'stream to publish into'}),
  }

  public async run(): Promise<BenchReport> {
    const total = this.totalMessages()
    const target = await this.benchTarget({jetstream: true})
    const nc = await this.setupNc(target)
    const js = {domain: target.jsDomain, apiPrefix: target.jsApiPrefix, timeoutMs: target.timeoutMs}
    const {prepareStream} = await import('../../../lib/bench/jetstream.js')
    const subject = this.args.subject
    await prepareStream(nc, js, {
      stream: this.flags.stream,
      subjects: [this.flags.multisubject ? `${subject}.*` : subject],
      create: this.flags.create,
      purge: this.flags.purge,
      storage: this.flags.storage as 'file' | 'memory',
      replicas: this.flags.replicas,
    })
    const n = this.flags.clients
    return this.runPlan(target, {
      label: this.flags.batch === 1 ? 'JetStream synchronous publisher' : 'JetStream asynchronous publisher',
      banner: {batch: this.flags.batch, dedup: this.flags.dedup, storage: this.flags.storage, stream: this.flags.stream},
      subject,
      stream: this.flags.stream,
      groups: [{kind: 'jspub', count: n, msgs: splitTotal(total, n), js: {...js, stream: this.flags.stream, batch: this.flags.batch, dedup: this.flags.dedup}}],
    })
  }
}
