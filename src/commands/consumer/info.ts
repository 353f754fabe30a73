import {Args} from '../../lib/oclif.js'

import type {ConsumerInfo} from '@nats-io/jetstream'

import {bareConsumerInfo} from '../../lib/jetstream/json.js'
import {renderConsumerInfo} from '../../lib/jetstream/consumer-render.js'
import {consumerNameOrPick, onConsumer, streamOrPick} from '../../lib/jetstream/consumer-select.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class ConsumerInfoCommand extends NatsCommand<typeof ConsumerInfoCommand> {
  static aliases = ['consumer:nfo', 'consumer:i']
  static args = {
    stream: Args.string({description: 'stream name (a picker on a terminal when absent)'}),
    name: Args.string({description: 'consumer name (a picker on a terminal when absent)'}),
  }
  static description = `Show a consumer's configuration, cluster and state

State: the last delivered and acknowledged sequences, acknowledgements outstanding, redeliveries,
waiting pulls and unprocessed messages. --json prints the server's ConsumerInfo.`
  static examples = ['<%= config.bin %> <%= command.id %> ORDERS PROCESSOR', '<%= config.bin %> <%= command.id %> ORDERS PROCESSOR --json']

  public async run(): Promise<ConsumerInfo> {
    const stream = await streamOrPick(this.args.stream, () => this.jsm())
    const name = await consumerNameOrPick(stream, this.args.name, () => this.jsm())
    const jsm = await this.jsm()
    const info = await onConsumer(stream, name, () => jsm.consumers.info(stream, name))
    this.log(renderConsumerInfo(info))
    return bareConsumerInfo(info)
  }
}
