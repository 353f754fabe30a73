import {Flags} from '../../lib/oclif.js'

import type {BrokerInfo} from '../../lib/broker/broker.js'
import {brokerFlags, brokerNameArg} from '../../lib/broker/flags.js'
import {brokerOptions} from '../../lib/broker/options.js'
import {BaseCommand} from '../../lib/base-command.js'

export default class BrokerRun extends BaseCommand<typeof BrokerRun> {
  static args = brokerNameArg
  static description = `Run a broker (a real nats-server) in the foreground until Ctrl-C

The broker stops cleanly on SIGINT, SIGTERM or SIGHUP. It writes (or updates) the context NAME with its URL
and JetStream domain. --clean removes its store, state and context when it stops.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> edge --js-domain embedded --leafnode-remote nats-leaf://127.0.0.1:7422',
    '<%= config.bin %> <%= command.id %> demo --port 4333 --monitor 8222 --clean --verbose',
  ]
  static flags = {
    ...brokerFlags,
    clean: Flags.boolean({description: 'remove the store, state and context when the broker stops'}),
    verbose: Flags.boolean({description: 'copy the server log to stderr'}),
  }
  static hiddenAliases = ['server:run']

  public async run(): Promise<BrokerInfo & {signal?: string}> {
    // Handlers first: a signal during startup must still stop what was started.
    const signalled = this.untilSignal()
    const options = brokerOptions(this.flags)
    const name = this.args.name
    const {cleanBroker, describe, startBroker, stopNodes} = await import('../../lib/broker/broker.js')
    const {removeState} = await import('../../lib/broker/state.js')
    const result = await startBroker(name, options, {mode: 'foreground', select: this.flags.select, status: (m) => this.status(m)})
    const {state} = result
    const info = {...(await describe(name, state)), leafnodes: result.leafs}
    const {banner} = await import('../../lib/broker/banner.js')
    this.log(banner(`Broker "${name}" is running in the foreground`, info, {contextPath: result.contextPath, selected: this.flags.select}))
    this.log('\nPress Ctrl-C to stop it')

    const followers: Array<() => void> = []
    if (this.flags.verbose) {
      const {followFile} = await import('../../lib/broker/logs.js')
      for (const node of state.nodes) followers.push(followFile(node.logFile, (chunk) => process.stderr.write(chunk), {fromStart: true}))
    }
    const exited = Promise.race(result.children.map((child) => new Promise<void>((resolve) => child.once('exit', () => resolve()))))
    const outcome = await Promise.race([signalled.then((signal) => ({signal})), exited.then(() => ({signal: undefined}))])
    for (const stop of followers) stop()
    if (outcome.signal) this.status(`Got ${outcome.signal}: stopping broker "${name}"`)
    await stopNodes(state)
    removeState(name)
    if (this.flags.clean) {
      const {kept} = cleanBroker(state)
      this.status(`Removed the store ${state.storeDir}${kept.includes(name) ? '' : ` and the context "${name}"`}`)
      for (const context of kept) this.status(`Kept the context "${context}": natsctl did not write it`)
    }
    if (!outcome.signal) {
      const {startFailure} = await import('../../lib/broker/process.js')
      throw startFailure(state.nodes[0].logFile, 'nats-server exited unexpectedly', state.nodes[0].logOffset)
    }
    return {...info, running: false, signal: outcome.signal}
  }
}
