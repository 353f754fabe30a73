import {Args, Flags} from '../../../lib/oclif.js'

import {JsBenchCommand, jsPubFlags} from '../../../lib/bench/jscommand.js'
import type {BenchReport} from '../../../lib/bench/report.js'
import {checkJsPubSubject} from '../../../lib/bench/words.js'

export default class BenchJsPub extends JsBenchCommand<typeof BenchJsPub> {
  static args = {
    subject: Args.string({description: 'subject to publish to (captured by the stream)', required: true}),
  }
  static description = `Benchmark JetStream publishing (natsctl's form): --batch publishes in flight, every message acknowledged
natscli's words are the subcommands: bench js pub sync|async|batch SUBJECT. This form takes the subject right
after pub; a subject that is (close to) one of those words is an error, never a subject.`
  static examples = [
    '<%= config.bin %> <%= command.id %> bench.js --create --msgs 100000',
    '<%= config.bin %> <%= command.id %> bench.js --stream ORDERS --batch 500 --purge',
    '<%= config.bin %> <%= command.id %> bench.js --create --storage memory --dedup --batch 1',
  ]
  static flags = {
    ...jsPubFlags,
    batch: Flags.integer({default: 100, description: 'publishes in flight before waiting for their acks (1 = synchronous)', min: 1}),
  }

  public async run(): Promise<BenchReport> {
    checkJsPubSubject(this.args.subject)
    return this.runJsPub('legacy', this.args.subject, this.flags.batch)
  }
}
