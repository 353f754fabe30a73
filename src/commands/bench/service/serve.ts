import {Args} from '../../../lib/oclif.js'

import {BenchCommand, benchFlags} from '../../../lib/bench/command.js'
import type {BenchReport} from '../../../lib/bench/report.js'

export default class BenchServiceServe extends BenchCommand<typeof BenchServiceServe> {
  static aliases = ['bench:reply']
  static args = {
    subject: Args.string({description: 'subject to answer requests on', required: true}),
  }
  static description =
    'Answer benchmark requests (queue group natsctl-bench) until Ctrl-C, or until all clients together answered --msgs (natsctl bench reply is the same)'
  static examples = [
    '<%= config.bin %> <%= command.id %> bench.service',
    '<%= config.bin %> <%= command.id %> bench.service --clients 2 --msgs 100000',
  ]
  static flags = {...benchFlags}

  public async run(): Promise<BenchReport> {
    const total = this.flags.msgs === undefined && this.flags.duration === undefined ? 0 : this.totalMessages()
    const target = await this.benchTarget({jetstream: false})
    const n = this.flags.clients
    return this.runPlan(target, {
      label: 'Core NATS service server',
      banner: {},
      subject: this.args.subject,
      groups: [{kind: 'reply', count: n, msgs: Array.from({length: n}, () => total), sharedTarget: total}],
    })
  }
}
