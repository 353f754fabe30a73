import {Args, Flags} from '../../lib/oclif.js'

import {consumerListTable} from '../../lib/jetstream/consumer-render.js'
import {listConsumers, streamOrPick} from '../../lib/jetstream/consumer-select.js'
import {NatsCommand} from '../../lib/nats-command.js'
import {renderTable} from '../../lib/ui/table.js'

export default class ConsumerLs extends NatsCommand<typeof ConsumerLs> {
  static aliases = ['consumer:list']
  static args = {
    stream: Args.string({description: 'stream name (a picker on a terminal when absent)'}),
  }
  static description = "List a stream's consumers: a table, names only, or the names as a JSON array with --json"
  static examples = [
    '<%= config.bin %> <%= command.id %> ORDERS',
    '<%= config.bin %> <%= command.id %> ORDERS --names',
    '<%= config.bin %> <%= command.id %> ORDERS --json --js-domain edge',
  ]
  static flags = {
    names: Flags.boolean({char: 'n', description: 'print only the consumer names, one per line'}),
  }

  public async run(): Promise<string[]> {
    const stream = await streamOrPick(this.args.stream, () => this.jsm())
    const jsm = await this.jsm()
    // One paged CONSUMER.LIST call returns full infos: no request per consumer, however many there are.
    const consumers = await listConsumers(jsm, stream)
    const names = consumers.map((c) => c.name)
    if (this.flags.names) {
      for (const name of names) this.log(name)
      return names
    }
    if (consumers.length === 0) {
      this.log('No Consumers defined')
      return names
    }
    this.log(await renderTable(consumerListTable(stream, consumers)))
    return names
  }
}
