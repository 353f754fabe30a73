import {Args} from '../../lib/oclif.js'

import type {BrokerInfo} from '../../lib/broker/broker.js'
import {BaseCommand} from '../../lib/base-command.js'

export default class BrokerStatus extends BaseCommand<typeof BrokerStatus> {
  static args = {
    name: Args.string({default: 'local', description: 'broker name'}),
  }
  static description = `Show whether a broker runs, where, and whether its leafnodes are connected

For a cluster it says how many nodes run and names the ones that do not; for a hub, how many leafnodes
have connected into it.
A broker left running by a killed \`broker run\` is adopted (\`broker stop\` then stops it); the state of a
broker whose process is gone is cleaned up.`
  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> edge --json']
  static hiddenAliases = ['server:status']

  public async run(): Promise<BrokerInfo> {
    const name = this.args.name
    const {describe, settle} = await import('../../lib/broker/broker.js')
    const {validateBrokerName} = await import('../../lib/broker/state.js')
    validateBrokerName(name)
    const {state} = settle(name, process.env, (m) => this.status(m))
    const info = await describe(name, state)
    if (!info.running) {
      this.log(`Broker "${name}" is not running`)
      return info
    }
    const {banner, uptime} = await import('../../lib/broker/banner.js')
    const nodes = info.nodes.length > 1 ? `: ${info.nodesRunning} of ${info.nodes.length} nodes running` : ''
    this.log(banner(`Broker "${name}" is running (${info.mode}, up ${uptime(info)})${nodes}`, info))
    return info
  }
}
