import {Args, Flags} from '../../lib/oclif.js'

import {BenchCommand, benchFlags, splitTotal} from '../../lib/bench/command.js'
import type {BenchReport} from '../../lib/bench/report.js'
import {MAX_BENCH_CLIENTS} from '../../lib/units.js'

export default class BenchPubsub extends BenchCommand<typeof BenchPubsub> {
  static args = {
    subject: Args.string({description: 'subject to publish to and subscribe on', required: true}),
  }
  static description =
    'Benchmark publishers and subscribers in one run: reports both sides and warns when subscribers received fewer messages than were published'
  static examples = [
    '<%= config.bin %> <%= command.id %> bench.test --msgs 1000000',
    '<%= config.bin %> <%= command.id %> bench.test --clients 2 --subscribers 2 --msgs 1000000',
  ]
  static flags = {
    ...benchFlags,
    clients: Flags.integer({default: 1, description: 'number of publishers (each its own connection)', max: MAX_BENCH_CLIENTS, min: 1}),
    subscribers: Flags.integer({
      default: 1,
      description: 'number of subscribers; each expects every published message',
      max: MAX_BENCH_CLIENTS,
      min: 1,
    }),
  }

  public async run(): Promise<BenchReport> {
    const total = this.totalMessages()
    const target = await this.benchTarget({jetstream: false})
    return this.runPlan(target, {
      label: 'Core NATS pub/sub',
      senderLabel: 'Core NATS publisher',
      receiverLabel: 'Core NATS subscriber',
      banner: {subscribers: this.flags.subscribers},
      subject: this.args.subject,
      checkLoss: true,
      groups: [
        {kind: 'sub', count: this.flags.subscribers, msgs: Array.from({length: this.flags.subscribers}, () => total)},
        {kind: 'pub', count: this.flags.clients, msgs: splitTotal(total, this.flags.clients)},
      ],
    })
  }
}
