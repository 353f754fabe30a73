import {Args, Flags} from '../../lib/oclif.js'

import {onConsumer} from '../../lib/jetstream/consumer-select.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class ConsumerRm extends NatsCommand<typeof ConsumerRm> {
  static aliases = ['consumer:delete', 'consumer:del']
  static args = {
    stream: Args.string({description: 'stream name', required: true}),
    name: Args.string({description: 'consumer name', required: true}),
  }
  static description = 'Delete a consumer and its state (asks first unless --force)'
  static examples = ['<%= config.bin %> <%= command.id %> ORDERS PROCESSOR', '<%= config.bin %> <%= command.id %> ORDERS PROCESSOR --force']
  static flags = {
    force: Flags.boolean({char: 'f', description: 'delete without asking'}),
  }

  public async run(): Promise<{consumer: string; deleted: boolean; stream: string}> {
    const {name, stream} = this.args
    const jsm = await this.jsm()
    // Check it exists first, so a typo is "not found" rather than a question about a consumer that isn't there.
    await onConsumer(stream, name, () => jsm.consumers.info(stream, name))
    if (!(await this.confirmDestructive(`Really delete Consumer ${stream} > ${name}`, `delete consumer ${stream} > ${name}`, this.flags.force))) {
      return {consumer: name, deleted: false, stream}
    }
    await onConsumer(stream, name, () => jsm.consumers.delete(stream, name))
    this.log(`Consumer ${stream} > ${name} was deleted`)
    return {consumer: name, deleted: true, stream}
  }
}
