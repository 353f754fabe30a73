import {Args, Flags} from '../../lib/oclif.js'

import type {StreamInfo} from '@nats-io/jetstream'

import {bareStreamInfo} from '../../lib/jetstream/json.js'
import {onResource} from '../../lib/errors.js'
import {renderStreamInfo} from '../../lib/jetstream/render.js'
import {streamNameOrPick} from '../../lib/jetstream/streams.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class StreamInfoCommand extends NatsCommand<typeof StreamInfoCommand> {
  static aliases = ['stream:nfo', 'stream:i']
  static args = {
    name: Args.string({description: 'stream name (a picker on a terminal when absent)'}),
  }
  static description = "Show a stream's configuration, limits, mirror and source state, cluster and state"
  static examples = ['<%= config.bin %> <%= command.id %> ORDERS', '<%= config.bin %> <%= command.id %> ORDERS --json']
  static flags = {
    state: Flags.boolean({description: 'show only the state'}),
  }

  public async run(): Promise<StreamInfo> {
    const name = await streamNameOrPick(this.args.name, () => this.jsm())
    const jsm = await this.jsm()
    const info = await onResource({stream: name}, () => jsm.streams.info(name))
    this.log(renderStreamInfo(info, {stateOnly: this.flags.state}))
    return bareStreamInfo(info)
  }
}
