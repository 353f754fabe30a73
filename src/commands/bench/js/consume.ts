import {Flags} from '../../../lib/oclif.js'

import {JsBenchCommand, jsConsumerFlags} from '../../../lib/bench/jscommand.js'
import type {BenchReport} from '../../../lib/bench/report.js'

export default class BenchJsConsume extends JsBenchCommand<typeof BenchJsConsume> {
  static description = `Benchmark JetStream consuming with a callback consumer on a shared durable (natscli's bench js consume)
The clients consume until all of them together have --msgs. --ordered is natsctl's older form of
bench js ordered.`
  static examples = [
    '<%= config.bin %> <%= command.id %> --stream benchstream --msgs 100000',
    '<%= config.bin %> <%= command.id %> --clients 4 --batch 500 --acks none',
    '<%= config.bin %> <%= command.id %> --ordered',
  ]
  static flags = {
    ...jsConsumerFlags,
    ordered: Flags.boolean({default: false, description: 'an ordered consumer per client instead (the same as bench js ordered)'}),
  }

  public async run(): Promise<BenchReport> {
    return this.runJsRead(this.flags.ordered ? 'ordered' : 'consume')
  }
}
