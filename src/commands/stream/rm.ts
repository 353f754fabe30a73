import {Args, Flags} from '../../lib/oclif.js'

import {onResource} from '../../lib/errors.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class StreamRm extends NatsCommand<typeof StreamRm> {
  static aliases = ['stream:delete', 'stream:del']
  static args = {
    name: Args.string({description: 'stream name', required: true}),
  }
  static description = 'Delete a stream and all its messages (asks first unless --force)'
  static examples = ['<%= config.bin %> <%= command.id %> ORDERS', '<%= config.bin %> <%= command.id %> ORDERS --force']
  static flags = {
    force: Flags.boolean({char: 'f', description: 'delete without asking'}),
  }

  public async run(): Promise<{deleted: boolean; stream: string}> {
    const {name} = this.args
    const jsm = await this.jsm()
    // Check it exists first, so a typo is "not found" rather than a question about a stream that isn't there.
    await onResource({stream: name}, () => jsm.streams.info(name))
    if (!(await this.confirmDestructive(`Really delete Stream ${name}`, `delete stream ${name}`, this.flags.force))) {
      return {deleted: false, stream: name}
    }
    await onResource({stream: name}, () => jsm.streams.delete(name))
    return {deleted: true, stream: name}
  }
}
