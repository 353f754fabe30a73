import {commonBenchFlags, readerSizeFlag} from '../../../lib/bench/command.js'
import {JsBenchCommand, kvFlags} from '../../../lib/bench/jscommand.js'
import type {BenchReport} from '../../../lib/bench/report.js'

export default class BenchKvGet extends JsBenchCommand<typeof BenchKvGet> {
  static description = `Benchmark key-value gets: one get in flight per client over the keys bench kv put wrote
--msgs keys are split across the clients (or random keys with --randomize); a missing key fails the client.`
  static examples = [
    '<%= config.bin %> <%= command.id %> --msgs 10000',
    '<%= config.bin %> <%= command.id %> --bucket CONFIG --clients 2 --randomize 1000',
  ]
  static flags = {...commonBenchFlags, ...readerSizeFlag, ...kvFlags}

  public async run(): Promise<BenchReport> {
    return this.runKvGet()
  }
}
