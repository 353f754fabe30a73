import {Args} from '../../lib/oclif.js'

import {BenchCommand, benchFlags, splitTotal} from '../../lib/bench/command.js'
import type {BenchReport} from '../../lib/bench/report.js'

export default class BenchRequest extends BenchCommand<typeof BenchRequest> {
  static args = {
    subject: Args.string({description: 'subject to send requests to (run `bench reply` on it)', required: true}),
  }
  static description = 'Benchmark request/reply: sequential requests per client, with latency percentiles and a histogram'
  static examples = [
    '<%= config.bin %> <%= command.id %> bench.service --msgs 10000',
    '<%= config.bin %> <%= command.id %> bench.service --clients 4 --msgs 100000 --csv requests.csv',
  ]
  static flags = {...benchFlags}

  public async run(): Promise<BenchReport> {
    const total = this.totalMessages()
    const target = await this.benchTarget({jetstream: false})
    this.errorContext.subject = this.args.subject
    return this.runPlan(target, {
      label: 'Core NATS requester',
      banner: {},
      subject: this.args.subject,
      groups: [{kind: 'request', count: this.flags.clients, msgs: splitTotal(total, this.flags.clients)}],
    })
  }
}
