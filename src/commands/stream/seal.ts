import {Args, Flags} from '../../lib/oclif.js'

import type {StreamInfo, StreamUpdateConfig} from '@nats-io/jetstream'

import {renderStreamInfo} from '../../lib/jetstream/render.js'
import {onResource} from '../../lib/errors.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class StreamSeal extends NatsCommand<typeof StreamSeal> {
  static args = {
    name: Args.string({description: 'stream to seal', required: true}),
  }
  static description = `Seal a stream: no more messages, deletes or purges, for good (asks first unless --force)
A sealed stream cannot be unsealed. Its messages can still be read.`
  static examples = ['<%= config.bin %> <%= command.id %> ORDERS_2025', '<%= config.bin %> <%= command.id %> ORDERS_2025 --force']
  static flags = {
    force: Flags.boolean({char: 'f', description: 'seal without asking'}),
  }

  public async run(): Promise<StreamInfo> {
    const {name} = this.args
    const jsm = await this.jsm()
    const current = await onResource({stream: name}, () => jsm.streams.info(name))
    if (current.config.sealed) {
      this.log(renderStreamInfo(current))
      return current
    }
    const question = `Really seal Stream ${name}, sealed streams can not be unsealed or modified`
    if (!(await this.confirmDestructive(question, `seal stream ${name}`, this.flags.force))) return current
    const info = await onResource({stream: name}, () => jsm.streams.update(name, {sealed: true} as Partial<StreamUpdateConfig>))
    this.log(renderStreamInfo(info))
    return info
  }
}
