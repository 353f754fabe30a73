import {Flags} from '../../../lib/oclif.js'

import {BenchCommand, benchFlags, splitTotal} from '../../../lib/bench/command.js'
import type {BenchReport} from '../../../lib/bench/report.js'
import {NatsctlError} from '../../../lib/errors.js'
import {formatCount} from '../../../lib/format.js'

export default class BenchJsConsume extends BenchCommand<typeof BenchJsConsume> {
  static description =
    'Benchmark JetStream consuming: a shared durable pull consumer (messages split across clients) or an ordered consumer per client'
  static examples = [
    '<%= config.bin %> <%= command.id %> --stream benchstream --msgs 100000',
    '<%= config.bin %> <%= command.id %> --clients 4 --batch 500 --acks none',
    '<%= config.bin %> <%= command.id %> --ordered',
  ]
  static flags = {
    ...benchFlags,
    acks: Flags.string({default: 'explicit', description: 'acknowledge each message (explicit) or not at all (none)', options: ['explicit', 'none']}),
    batch: Flags.integer({default: 500, description: 'messages per pull request', min: 1}),
    consumer: Flags.string({default: 'natsctl-bench', description: 'durable consumer name (created for the run when missing, then removed)'}),
    msgs: Flags.integer({description: 'number of messages to consume [default: all in the stream]', min: 1}),
    ordered: Flags.boolean({default: false, description: 'use an ordered consumer per client (each reads all --msgs) instead of the durable'}),
    stream: Flags.string({default: 'benchstream', description: 'stream to consume from'}),
  }

  public async run(): Promise<BenchReport> {
    const target = await this.benchTarget({jetstream: true})
    const nc = await this.setupNc(target)
    const js = {domain: target.jsDomain, apiPrefix: target.jsApiPrefix, timeoutMs: target.timeoutMs}
    const {prepareConsumer, streamMessages} = await import('../../../lib/bench/jetstream.js')
    const stream = this.flags.stream
    const available = await streamMessages(nc, js, stream)
    if (available === 0) throw new NatsctlError(`stream "${stream}" has no messages: publish some first (bench js pub)`)
    let total = this.flags.msgs === undefined && this.flags.duration === undefined ? available : this.totalMessages()
    if (total > available) {
      this.warning(`stream "${stream}" holds ${formatCount(available)} messages: consuming ${formatCount(available)}, not ${formatCount(total)}`)
      total = available
    }
    const n = this.flags.clients
    const acks = this.flags.acks as 'explicit' | 'none'
    const ordered = this.flags.ordered
    const cleanup = ordered ? async () => {} : await prepareConsumer(nc, js, stream, this.flags.consumer, acks)
    try {
      return await this.runPlan(target, {
        label: ordered ? 'JetStream ordered consumer' : 'JetStream durable pull consumer',
        banner: {acks: ordered ? 'none' : acks, batch: this.flags.batch, stream, ...(ordered ? {} : {consumer: this.flags.consumer})},
        subject: '',
        stream,
        groups: [
          {
            kind: 'jsconsume',
            count: n,
            msgs: ordered ? Array.from({length: n}, () => total) : splitTotal(total, n),
            js: {...js, stream, batch: this.flags.batch, acks, ...(ordered ? {} : {consumer: this.flags.consumer})},
          },
        ],
      })
    } finally {
      await cleanup()
    }
  }
}
