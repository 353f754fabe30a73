import {Args, Flags} from '../../lib/oclif.js'

import type {StopResult} from '../../lib/broker/broker.js'
import {UsageError} from '../../lib/errors.js'
import {BaseCommand} from '../../lib/base-command.js'

export default class BrokerStop extends BaseCommand<typeof BrokerStop> {
  static args = {
    name: Args.string({description: 'broker name [default: local]'}),
  }
  static description = `Stop a broker started by natsctl

SIGTERM, then SIGKILL if it has not exited in 10s. The JetStream store and the context stay, so the next
\`broker start NAME\` continues with the same data. Stopping a broker that is not running is not an error.`
  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> edge', '<%= config.bin %> <%= command.id %> --all']
  static flags = {
    all: Flags.boolean({description: 'stop every broker natsctl started'}),
  }
  static hiddenAliases = ['server:stop']

  public async run(): Promise<StopResult[]> {
    if (this.flags.all && this.args.name) throw new UsageError('give a broker name or --all, not both')
    const {stopBroker} = await import('../../lib/broker/broker.js')
    const {listBrokerNames} = await import('../../lib/broker/state.js')
    // --all: every broker directory, so a nats-server no state records (its natsctl was killed while
    // starting it) is stopped too.
    const names = this.flags.all ? listBrokerNames() : [this.args.name ?? 'local']
    const results: StopResult[] = []
    for (const name of names) {
      const result = await stopBroker(name)
      if (this.flags.all && !result.stopped) continue
      results.push(result)
      if (result.stopped) this.log(`Stopped broker "${name}" (pid ${result.pids.join(', ')})`)
      else this.status(`Broker "${name}" is not running`)
    }
    if (this.flags.all && results.length === 0) this.status('No brokers are running')
    return results
  }
}
