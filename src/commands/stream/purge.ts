import {Args, Flags} from '../../lib/oclif.js'

import type {PurgeOpts, StreamInfo} from '@nats-io/jetstream'

import {bareStreamInfo} from '../../lib/jetstream/json.js'
import {onResource} from '../../lib/errors.js'
import {renderStreamInfo} from '../../lib/jetstream/render.js'
import {NatsCommand} from '../../lib/nats-command.js'
import {formatCount} from '../../lib/format.js'

export default class StreamPurge extends NatsCommand<typeof StreamPurge> {
  static args = {
    name: Args.string({description: 'stream name', required: true}),
  }
  static description = 'Remove messages from a stream: all, one subject, up to a sequence, or all but the newest N'
  static examples = [
    '<%= config.bin %> <%= command.id %> ORDERS --force',
    '<%= config.bin %> <%= command.id %> ORDERS --subject orders.cancelled --keep 10 --force',
  ]
  static flags = {
    force: Flags.boolean({char: 'f', description: 'purge without asking'}),
    keep: Flags.integer({description: 'keep this many of the newest messages', exclusive: ['seq'], min: 0}),
    seq: Flags.integer({description: 'purge messages before this sequence (not including it)', exclusive: ['keep'], min: 1}),
    subject: Flags.string({description: 'purge only messages on this subject (wildcards allowed)'}),
  }

  public async run(): Promise<StreamInfo | {purged: 0; stream: string; success: false}> {
    const {name} = this.args
    const jsm = await this.jsm()
    await onResource({stream: name}, () => jsm.streams.info(name))
    if (!(await this.confirmDestructive(`Really purge Stream ${name}`, `purge stream ${name}`, this.flags.force))) {
      return {purged: 0, stream: name, success: false}
    }
    const opts: Record<string, unknown> = {}
    if (this.flags.subject !== undefined) opts.filter = this.flags.subject
    if (this.flags.seq !== undefined) opts.seq = this.flags.seq
    if (this.flags.keep !== undefined) opts.keep = this.flags.keep
    const result = await onResource({stream: name}, () => jsm.streams.purge(name, opts as PurgeOpts))
    this.log(`Purged ${formatCount(result.purged)} messages from ${name}`)
    this.log('')
    const after = await jsm.streams.info(name)
    this.log(renderStreamInfo(after, {stateOnly: true}))
    // natscli prints the stream's info after a purge under --json.
    return bareStreamInfo(after)
  }
}
