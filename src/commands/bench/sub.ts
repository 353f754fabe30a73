import {Args} from '../../lib/oclif.js'

import {BenchCommand, benchFlags} from '../../lib/bench/command.js'
import type {BenchReport} from '../../lib/bench/report.js'

export default class BenchSub extends BenchCommand<typeof BenchSub> {
  static args = {
    subject: Args.string({description: 'subject to subscribe to', required: true}),
  }
  static description = 'Benchmark Core NATS subscribing: each client expects all --msgs messages (run a publisher separately)'
  static examples = [
    '<%= config.bin %> <%= command.id %> bench.test --msgs 1000000',
    '<%= config.bin %> <%= command.id %> bench.test --clients 2 --msgs 1000000 --multisubject',
  ]
  static flags = {...benchFlags}

  public async run(): Promise<BenchReport> {
    const total = this.totalMessages()
    const target = await this.benchTarget({jetstream: false})
    return this.runPlan(target, {
      label: 'Core NATS subscriber',
      banner: {},
      subject: this.args.subject,
      groups: [{kind: 'sub', count: this.flags.clients, msgs: Array.from({length: this.flags.clients}, () => total)}],
    })
  }
}
