import {Flags} from '../../../../lib/oclif.js'

import {JsBenchCommand, jsGetFlags} from '../../../../lib/bench/jscommand.js'
import type {BenchReport} from '../../../../lib/bench/report.js'

export default class BenchJsGetBatch extends JsBenchCommand<typeof BenchJsGetBatch> {
  static description = `Benchmark batched direct gets of stored messages (nats-server 2.11 or later)
Each client gets --msgs messages from the first in the stream, --batch per request; latency is per batch.`
  static examples = [
    '<%= config.bin %> <%= command.id %> --stream benchstream',
    '<%= config.bin %> <%= command.id %> --batch 1000 --filter "orders.>"',
  ]
  static flags = {
    ...jsGetFlags,
    batch: Flags.integer({default: 500, description: 'messages per batched get', min: 1}),
    filter: Flags.string({default: '>', description: 'only messages on subjects matching this filter'}),
  }

  public async run(): Promise<BenchReport> {
    return this.runJsGet('batch', this.flags.batch, this.flags.filter)
  }
}
