import type {BrokerInfo} from '../../lib/broker/broker.js'
import {BaseCommand} from '../../lib/base-command.js'

export default class BrokerLs extends BaseCommand<typeof BrokerLs> {
  static aliases = ['broker:list']
  static description = 'List the brokers natsctl runs'
  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']

  public async run(): Promise<BrokerInfo[]> {
    const {describe, settle} = await import('../../lib/broker/broker.js')
    const {listStateNames} = await import('../../lib/broker/state.js')
    const infos: BrokerInfo[] = []
    for (const name of listStateNames()) {
      const {state} = settle(name, process.env, (m) => this.status(m))
      if (state) infos.push(await describe(name, state))
    }
    if (infos.length === 0) {
      this.status('No brokers are running (start one with: natsctl broker start)')
      return infos
    }
    const {leafSummary, uptime} = await import('../../lib/broker/banner.js')
    const nodes = (i: BrokerInfo) =>
      i.missing.length ? `${i.nodesRunning}/${i.nodes.length} (${i.missing.join(', ')} down)` : `${i.nodesRunning}/${i.nodes.length}`
    const {renderTable} = await import('../../lib/ui/table.js')
    this.log(
      await renderTable({
        title: 'Brokers',
        head: ['Name', 'PID', 'URL', 'Nodes', 'JetStream Domain', 'Store Directory', 'Uptime', 'Leafnodes'],
        rows: infos.map((i) => [
          i.name,
          i.pids.join(','),
          i.url ?? '',
          nodes(i),
          i.jetstream ? (i.jsDomain ?? '') : 'disabled',
          i.storeDir ?? '',
          uptime(i),
          leafSummary(i),
        ]),
      }),
    )
    return infos
  }
}
