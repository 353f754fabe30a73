import {JsBenchCommand, jsConsumerFlags} from '../../../lib/bench/jscommand.js'
import type {BenchReport} from '../../../lib/bench/report.js'

export default class BenchJsFetch extends JsBenchCommand<typeof BenchJsFetch> {
  static description = `Benchmark JetStream consuming with fetch on a shared durable pull consumer
Each client fetches exactly its share of --msgs in fetches of --batch; latency is per fetch.`
  static examples = [
    '<%= config.bin %> <%= command.id %> --stream benchstream --msgs 100000',
    '<%= config.bin %> <%= command.id %> --clients 2 --batch 100 --acks none',
  ]
  static flags = {...jsConsumerFlags}

  public async run(): Promise<BenchReport> {
    return this.runJsRead('fetch')
  }
}
