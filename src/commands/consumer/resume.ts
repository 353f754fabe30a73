import {Args, Flags} from '../../lib/oclif.js'

import {NatsctlError} from '../../lib/errors.js'
import {requirePauseSupport} from '../../lib/jetstream/consumer-newer.js'
import {onConsumer} from '../../lib/jetstream/consumer-select.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class ConsumerResume extends NatsCommand<typeof ConsumerResume> {
  static args = {
    stream: Args.string({description: 'stream name', required: true}),
    name: Args.string({description: 'consumer name', required: true}),
  }
  static description = `Resume a paused consumer (nats-server 2.11+)

On an older server it stops with an error naming the version it needs and the one it found.`
  static examples = ['<%= config.bin %> <%= command.id %> ORDERS PROCESSOR --force']
  static flags = {
    force: Flags.boolean({char: 'f', description: 'resume without asking'}),
  }

  public async run(): Promise<{consumer: string; resumed: boolean; stream: string}> {
    const {name, stream} = this.args
    const nc = await this.nc()
    requirePauseSupport('consumer resume', nc.info?.version)
    const jsm = await this.jsm()
    const info = await onConsumer(stream, name, () => jsm.consumers.info(stream, name))
    if (!info.paused) throw new NatsctlError(`consumer ${stream} > ${name} is not paused`)
    if (!(await this.confirmDestructive(`Really resume Consumer ${stream} > ${name}`, `resume consumer ${stream} > ${name}`, this.flags.force))) {
      return {consumer: name, resumed: false, stream}
    }
    await onConsumer(stream, name, () => jsm.consumers.resume(stream, name))
    this.log(`Consumer ${stream} > ${name} was resumed`)
    return {consumer: name, resumed: true, stream}
  }
}
