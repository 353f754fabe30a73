import {Flags} from '../../../lib/oclif.js'

import {commonBenchFlags, rateFlags, sizeFlag} from '../../../lib/bench/command.js'
import {JsBenchCommand, kvFlags} from '../../../lib/bench/jscommand.js'
import type {BenchReport} from '../../../lib/bench/report.js'

export default class BenchKvPut extends JsBenchCommand<typeof BenchKvPut> {
  static description = `Benchmark key-value puts: one put in flight per client, values of --size
Keys are numbers: each client puts its share of --msgs on keys following the previous client's (or random keys
with --randomize). The bucket is created when missing; latency is per put.`
  static examples = [
    '<%= config.bin %> <%= command.id %> --msgs 10000 --size 1KiB',
    '<%= config.bin %> <%= command.id %> --bucket CONFIG --clients 2 --purge',
  ]
  static flags = {
    ...commonBenchFlags,
    ...sizeFlag,
    ...rateFlags,
    ...kvFlags,
    history: Flags.integer({default: 1, description: 'history depth of a bucket created for the run', max: 64, min: 1}),
    maxbytes: Flags.string({default: '1GB', description: 'maximum size of a bucket created for the run'}),
    purge: Flags.boolean({default: false, description: 'empty the bucket before putting'}),
    replicas: Flags.integer({default: 1, description: 'replicas of a bucket created for the run', min: 1}),
    storage: Flags.string({default: 'file', description: 'storage of a bucket created for the run', options: ['file', 'memory']}),
  }

  public async run(): Promise<BenchReport> {
    const f = this.flags
    return this.runKvPut({storage: f.storage, replicas: f.replicas, maxbytes: f.maxbytes, history: f.history, purge: f.purge})
  }
}
