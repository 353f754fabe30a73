import {Args} from '../../lib/oclif.js'

import {BenchCommand, benchFlags, splitTotal} from '../../lib/bench/command.js'
import type {BenchReport} from '../../lib/bench/report.js'

export default class BenchPub extends BenchCommand<typeof BenchPub> {
  static args = {
    subject: Args.string({description: 'subject to publish to', required: true}),
  }
  static description = 'Benchmark Core NATS publishing: how fast the server takes messages from N publishers'
  static examples = [
    '<%= config.bin %> <%= command.id %> bench.test --msgs 1000000 --size 128',
    '<%= config.bin %> <%= command.id %> bench.test --clients 4 --msgs 4000000 --csv pub.csv',
    '<%= config.bin %> <%= command.id %> bench.test --throughput 10000 --duration 30s',
  ]
  static flags = {...benchFlags}

  public async run(): Promise<BenchReport> {
    const total = this.totalMessages()
    const target = await this.benchTarget({jetstream: false})
    return this.runPlan(target, {
      label: 'Core NATS publisher',
      banner: {},
      subject: this.args.subject,
      groups: [{kind: 'pub', count: this.flags.clients, msgs: splitTotal(total, this.flags.clients)}],
    })
  }
}
