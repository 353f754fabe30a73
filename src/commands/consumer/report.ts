import {Args} from '../../lib/oclif.js'

import type {ConsumerInfo} from '@nats-io/jetstream'

import {onResource} from '../../lib/errors.js'
import {bareConsumerInfo} from '../../lib/jetstream/json.js'
import {consumerReportTable} from '../../lib/jetstream/consumer-render.js'
import {listConsumers, streamOrPick} from '../../lib/jetstream/consumer-select.js'
import {NatsCommand} from '../../lib/nats-command.js'
import {renderTable} from '../../lib/ui/table.js'

export default class ConsumerReport extends NatsCommand<typeof ConsumerReport> {
  static args = {
    stream: Args.string({description: 'stream name (a picker on a terminal when absent)'}),
  }
  static description = `Report on every consumer of a stream: one row each

Mode, ack policy and wait, the last delivered stream sequence, acknowledgements pending, redeliveries,
unprocessed messages (and their share of the stream), the ack floor, and the cluster: the leader marked *,
replicas that are offline or behind marked !. --json gives the ConsumerInfo objects.`
  static examples = ['<%= config.bin %> <%= command.id %> ORDERS', '<%= config.bin %> <%= command.id %> ORDERS --json']

  public async run(): Promise<ConsumerInfo[]> {
    const stream = await streamOrPick(this.args.stream, () => this.jsm())
    const jsm = await this.jsm()
    const info = await onResource({stream}, () => jsm.streams.info(stream))
    const consumers = await listConsumers(jsm, stream)
    if (consumers.length === 0) {
      this.log(`No Consumers defined for Stream ${stream}`)
      return consumers
    }
    this.log(await renderTable(consumerReportTable(stream, consumers, info.state.messages)))
    return consumers.map((c) => bareConsumerInfo(c))
  }
}
