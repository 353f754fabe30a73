import {JsBenchCommand, jsGetFlags} from '../../../../lib/bench/jscommand.js'
import type {BenchReport} from '../../../../lib/bench/report.js'

export default class BenchJsGetSync extends JsBenchCommand<typeof BenchJsGetSync> {
  static description = `Benchmark direct gets of stored messages, one at a time
Each client gets --msgs messages by sequence from the first in the stream; latency is per get. The stream must
allow direct gets (streams created by bench js pub --create do).`
  static examples = ['<%= config.bin %> <%= command.id %> --stream benchstream', '<%= config.bin %> <%= command.id %> --clients 2 --msgs 10000']
  static flags = {...jsGetFlags}

  public async run(): Promise<BenchReport> {
    return this.runJsGet('sync')
  }
}
