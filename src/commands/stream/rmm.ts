import {Args, Flags} from '../../lib/oclif.js'

import {NatsctlError, onResource} from '../../lib/errors.js'
import {NatsCommand} from '../../lib/nats-command.js'
import {input} from '../../lib/ui/prompt.js'

export default class StreamRmm extends NatsCommand<typeof StreamRmm> {
  static args = {
    name: Args.string({description: 'stream name', required: true}),
    seq: Args.integer({description: 'sequence of the message to remove (asked on a terminal when absent)', min: 1}),
  }
  static description = `Securely remove one message from a stream (asks first unless --force)
The message's data is overwritten on disk, not only marked deleted.`
  static examples = ['<%= config.bin %> <%= command.id %> ORDERS 12', '<%= config.bin %> <%= command.id %> ORDERS 12 --force']
  static flags = {
    force: Flags.boolean({char: 'f', description: 'remove without asking'}),
  }

  public async run(): Promise<{deleted: boolean; seq: number; stream: string}> {
    const {name} = this.args
    const seq =
      this.args.seq ??
      Number(
        await input('Message Sequence to remove', {
          hint: 'pass the sequence after the stream name',
          validate: (v) => (/^\d+$/.test(v.trim()) && Number(v) > 0 ? true : 'a positive message sequence'),
        }),
      )
    const jsm = await this.jsm()
    await onResource({stream: name}, () => jsm.streams.info(name))
    if (
      !(await this.confirmDestructive(
        `Really remove message ${seq} from Stream ${name}`,
        `remove message ${seq} from stream ${name}`,
        this.flags.force,
      ))
    ) {
      return {deleted: false, seq, stream: name}
    }
    try {
      await onResource({stream: name}, () => jsm.streams.deleteMessage(name, seq, true))
    } catch (error) {
      // The server has no message with that sequence (never stored, already removed or expired): 10043 on
      // nats-server 2.9 ("sequence N not found"), "no message found" (10057) elsewhere.
      const code = (error as {code?: unknown}).code
      if (code === 10_043 || code === 10_057 || /sequence \d+ not found|no message found/i.test((error as Error).message)) {
        throw new NatsctlError(`no message with sequence ${seq} in stream ${name}`, {cause: error})
      }
      throw error
    }
    return {deleted: true, seq, stream: name}
  }
}
