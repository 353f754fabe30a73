import {Args} from '../../../lib/oclif.js'

import {BenchCommand, benchFlags, splitTotal} from '../../../lib/bench/command.js'
import type {BenchReport} from '../../../lib/bench/report.js'

export default class BenchServiceRequest extends BenchCommand<typeof BenchServiceRequest> {
  static aliases = ['bench:request']
  static args = {
    subject: Args.string({description: 'subject to send requests to (run `bench service serve` on it)', required: true}),
  }
  static description =
    'Benchmark request/reply: sequential requests per client, with latency percentiles and a histogram (natsctl bench request is the same)'
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
      label: 'Core NATS service requester',
      banner: {},
      subject: this.args.subject,
      groups: [{kind: 'request', count: this.flags.clients, msgs: splitTotal(total, this.flags.clients)}],
    })
  }
}
