import {Args} from '../../../../lib/oclif.js'

import {JsBenchCommand, jsPubFlags} from '../../../../lib/bench/jscommand.js'
import type {BenchReport} from '../../../../lib/bench/report.js'

export default class BenchJsPubSync extends JsBenchCommand<typeof BenchJsPubSync> {
  static args = {
    subject: Args.string({description: 'subject to publish to (captured by the stream)', required: true}),
  }
  static description = `Benchmark synchronous JetStream publishing: one publish in flight, each waiting for its acknowledgement
Reports the acknowledgement latency of every message.`
  static examples = [
    '<%= config.bin %> <%= command.id %> bench.js --create --msgs 10000',
    '<%= config.bin %> <%= command.id %> bench.js --stream ORDERS --purge --dedup',
  ]
  static flags = {...jsPubFlags}

  public async run(): Promise<BenchReport> {
    return this.runJsPub('sync', this.args.subject, 1)
  }
}
