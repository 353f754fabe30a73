import {Args, Flags} from '../../../../lib/oclif.js'

import {JsBenchCommand, jsPubFlags} from '../../../../lib/bench/jscommand.js'
import type {BenchReport} from '../../../../lib/bench/report.js'

export default class BenchJsPubAsync extends JsBenchCommand<typeof BenchJsPubAsync> {
  static args = {
    subject: Args.string({description: 'subject to publish to (captured by the stream)', required: true}),
  }
  static description = `Benchmark asynchronous JetStream publishing: windows of --batch publishes, then wait for all their acknowledgements
Every message is acknowledged by the stream; latency is per message, from its window's write to its ack.`
  static examples = [
    '<%= config.bin %> <%= command.id %> bench.js --create --msgs 100000',
    '<%= config.bin %> <%= command.id %> bench.js --stream ORDERS --batch 1000 --clients 4',
  ]
  static flags = {
    ...jsPubFlags,
    batch: Flags.integer({default: 500, description: 'publishes in flight before waiting for their acks', min: 1}),
  }

  public async run(): Promise<BenchReport> {
    return this.runJsPub('async', this.args.subject, this.flags.batch)
  }
}
