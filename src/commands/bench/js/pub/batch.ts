import {Args, Flags} from '../../../../lib/oclif.js'

import {JsBenchCommand, jsPubFlags} from '../../../../lib/bench/jscommand.js'
import type {BenchReport} from '../../../../lib/bench/report.js'

export default class BenchJsPubBatch extends JsBenchCommand<typeof BenchJsPubBatch> {
  static aliases = ['bench:js:pub:atomic']
  static args = {
    subject: Args.string({description: 'subject to publish to (captured by the stream)', required: true}),
  }
  static description = `Benchmark atomic batch JetStream publishing (nats-server 2.12 or later)
Messages go in batches of --batch that the stream stores all or none of; a batch counts when its commit is
acknowledged, and latency is per batch. A stream created with --create allows atomic batches.`
  static examples = [
    '<%= config.bin %> <%= command.id %> bench.js --create --msgs 100000',
    '<%= config.bin %> <%= command.id %> bench.js --stream ORDERS --batch 100',
  ]
  static flags = {
    ...jsPubFlags,
    batch: Flags.integer({default: 500, description: 'messages per atomic batch', min: 1}),
  }

  public async run(): Promise<BenchReport> {
    return this.runJsPub('batch', this.args.subject, this.flags.batch)
  }
}
