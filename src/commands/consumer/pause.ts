import {Args, Flags} from '../../lib/oclif.js'

import {UsageError} from '../../lib/errors.js'
import {formatTime} from '../../lib/format.js'
import {parsePauseUntil, requirePauseSupport} from '../../lib/jetstream/consumer-newer.js'
import {onConsumer} from '../../lib/jetstream/consumer-select.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class ConsumerPause extends NatsCommand<typeof ConsumerPause> {
  static args = {
    stream: Args.string({description: 'stream name', required: true}),
    name: Args.string({description: 'consumer name', required: true}),
    until: Args.string({description: 'pause until this time ("2026-01-02 15:04:05") or for this long (1h)', required: true}),
  }
  static description = `Pause a consumer until a later time (nats-server 2.11+)

On an older server it stops with an error naming the version it needs and the one it found.`
  static examples = [
    '<%= config.bin %> <%= command.id %> ORDERS PROCESSOR 1h --force',
    '<%= config.bin %> <%= command.id %> ORDERS PROCESSOR "2026-12-24 18:00:00"',
  ]
  static flags = {
    force: Flags.boolean({char: 'f', description: 'pause without asking'}),
  }

  public async run(): Promise<{consumer: string; paused: boolean; pause_until?: string; stream: string}> {
    const {name, stream, until} = this.args
    const nc = await this.nc()
    requirePauseSupport('consumer pause', nc.info?.version)
    const when = parsePauseUntil(until)
    const jsm = await this.jsm()
    await onConsumer(stream, name, () => jsm.consumers.info(stream, name))
    if (
      !(await this.confirmDestructive(
        `Really pause Consumer ${stream} > ${name} until ${formatTime(when)}`,
        `pause consumer ${stream} > ${name}`,
        this.flags.force,
      ))
    ) {
      return {consumer: name, paused: false, stream}
    }
    const r = await onConsumer(stream, name, () => jsm.consumers.pause(stream, name, when))
    if (!r.paused) throw new UsageError('the consumer did not pause: was the time in the past?')
    this.log(`Paused ${stream} > ${name} until ${formatTime(r.pause_until)}`)
    return {consumer: name, pause_until: r.pause_until, paused: true, stream}
  }
}
