import type {BrokerInfo} from '../../lib/broker/broker.js'
import {brokerFlags, brokerNameArg} from '../../lib/broker/flags.js'
import {brokerOptions} from '../../lib/broker/options.js'
import {BaseCommand} from '../../lib/base-command.js'

export default class BrokerStart extends BaseCommand<typeof BrokerStart> {
  static args = brokerNameArg
  static description = `Start a broker (a real nats-server) in the background

Returns once the broker accepts connections. Its config, state and log are under $XDG_STATE_HOME/natsctl/NAME,
its JetStream store under $XDG_DATA_HOME/natsctl/NAME (kept across stop and start), and the context NAME
points at it. Starting a broker that already runs prints its details and changes nothing.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> edge --js-domain embedded --leafnode-remote nats-leaf://hub.example.com:7422',
    '<%= config.bin %> <%= command.id %> ci --port 14222 --no-jetstream',
    '<%= config.bin %> <%= command.id %> replicas --cluster 3',
  ]
  static flags = brokerFlags
  static hiddenAliases = ['server:start']

  public async run(): Promise<BrokerInfo & {alreadyRunning: boolean; adopted: boolean}> {
    const options = brokerOptions(this.flags)
    const name = this.args.name
    const {describe, startBroker} = await import('../../lib/broker/broker.js')
    const result = await startBroker(name, options, {mode: 'background', select: this.flags.select, status: (m) => this.status(m)})
    const info = {...(await describe(name, result.state)), leafnodes: result.leafs}
    // An adopted broker was already named in the one line that said so.
    if (result.alreadyRunning && !result.adopted) this.status(`Broker "${name}" is already running (flags ignored: stop it first to change them)`)
    const {banner} = await import('../../lib/broker/banner.js')
    this.log(banner(`Broker "${name}" is running in the background`, info, {contextPath: result.contextPath, selected: this.flags.select}))
    this.log(`\nStop it with: natsctl broker stop ${name}`)
    return {...info, alreadyRunning: result.alreadyRunning, adopted: result.adopted}
  }
}
