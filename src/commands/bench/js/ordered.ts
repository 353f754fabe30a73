import {Flags} from '../../../lib/oclif.js'

import {commonBenchFlags, readerSizeFlag} from '../../../lib/bench/command.js'
import {JsBenchCommand} from '../../../lib/bench/jscommand.js'
import type {BenchReport} from '../../../lib/bench/report.js'

export default class BenchJsOrdered extends JsBenchCommand<typeof BenchJsOrdered> {
  static description = `Benchmark JetStream consuming with an ordered ephemeral consumer per client
Each client reads --msgs messages from the start of the stream (default: all it holds).`
  static examples = [
    '<%= config.bin %> <%= command.id %> --stream benchstream',
    '<%= config.bin %> <%= command.id %> --clients 2 --msgs 100000 --batch 1000',
  ]
  static flags = {
    ...commonBenchFlags,
    ...readerSizeFlag,
    batch: Flags.integer({default: 500, description: 'messages buffered by each client', min: 1}),
    msgs: Flags.integer({description: 'number of messages each client reads [default: all in the stream]', min: 1}),
    stream: Flags.string({default: 'benchstream', description: 'stream to consume from'}),
  }

  public async run(): Promise<BenchReport> {
    return this.runJsRead('ordered')
  }
}
