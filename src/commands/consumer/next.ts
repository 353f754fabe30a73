import {Args, Flags} from '../../lib/oclif.js'

import {NatsctlError, UsageError} from '../../lib/errors.js'
import {formatDuration} from '../../lib/format.js'
import type {Disposition} from '../../lib/jetstream/consumer-pull.js'
import {NatsCommand} from '../../lib/nats-command.js'
import {parseDuration} from '../../lib/units.js'

export default class ConsumerNext extends NatsCommand<typeof ConsumerNext> {
  static args = {
    stream: Args.string({description: 'stream name', required: true}),
    name: Args.string({description: 'pull consumer name', required: true}),
  }
  static description = `Pull messages from a pull consumer and acknowledge each one shown

Messages are shown in sub's layout (bodies only with --raw, one JSON object per line with --json). Each
message shown is acknowledged (or nak'ed with --nak, terminated with --term) before the next is taken; a
message fetched but not shown (Ctrl-C, a closed pipe) is not acknowledged, so the server redelivers it.
Exits 1 when fewer than --count messages arrive within --wait, so scripts can tell an empty consumer.`
  static examples = [
    '<%= config.bin %> <%= command.id %> ORDERS PROCESSOR',
    '<%= config.bin %> <%= command.id %> ORDERS PROCESSOR --count 10 --wait 30s --raw',
    '<%= config.bin %> <%= command.id %> ORDERS PROCESSOR --no-ack --json',
    '<%= config.bin %> <%= command.id %> ORDERS PROCESSOR --nak',
  ]
  static flags = {
    ack: Flags.boolean({allowNo: true, description: 'acknowledge each message shown (the default; --no-ack leaves them unacknowledged)'}),
    count: Flags.integer({default: 1, description: 'number of messages to pull', min: 1}),
    nak: Flags.boolean({description: 'answer each message shown with a negative acknowledgement (redelivered at once)'}),
    raw: Flags.boolean({char: 'r', description: 'show message bodies only'}),
    term: Flags.boolean({description: 'terminate each message shown (never redelivered)'}),
    wait: Flags.string({description: 'how long to wait for the messages in all, like 10s [default: the --timeout, 5s]'}),
  }

  public async run(): Promise<void> {
    const {flags} = this
    const {name, stream} = this.args
    if (flags.term && flags.ack) throw new UsageError('cannot both acknowledge (--ack) and terminate (--term) messages')
    if (flags.term && flags.nak) throw new UsageError('cannot both nak (--nak) and terminate (--term) messages')
    if (flags.nak && flags.ack) throw new UsageError('cannot both acknowledge (--ack) and nak (--nak) messages')
    let disposition: Disposition = flags.term ? 'term' : flags.nak ? 'nak' : flags.ack === false ? 'none' : 'ack'
    const waitMs = flags.wait === undefined ? this.target().timeoutMs : parseDuration(flags.wait, '--wait duration')
    if (waitMs <= 0) throw new UsageError('--wait must be a positive duration, like 5s')
    const json = this.jsonEnabled()

    const [{onConsumer}, {pullMessages, writeConfirmed}, {fromClientMessage, jsonLine, renderText}] = await Promise.all([
      import('../../lib/jetstream/consumer-select.js'),
      import('../../lib/jetstream/consumer-pull.js'),
      import('../../lib/messaging/render.js'),
    ])
    const summary = await this.runLongLived(async ({out, stop}) => {
      await out.end()
      const jsm = await this.jsm()
      const info = await onConsumer(stream, name, () => jsm.consumers.info(stream, name))
      if (info.config.deliver_subject) {
        throw new NatsctlError(`consumer "${name}" on stream "${stream}" is a push consumer: consumer next needs a pull consumer`)
      }
      // A consumer without acknowledgements has nothing to answer (and no reply would come to an ack).
      if (info.config.ack_policy === 'none') disposition = 'none'
      const js = await this.js()
      const consumer = await onConsumer(stream, name, () => js.consumers.get(stream, name))
      return pullMessages(consumer, {
        confirmAcks: true,
        count: flags.count,
        disposition,
        async show(m, n) {
          const msg = fromClientMessage(m, {pending: m.info.pending, seq: m.seq, stream: m.info.stream, time: m.time})
          const text = json ? jsonLine(msg) : renderText(msg, n, {raw: flags.raw})
          return writeConfirmed(process.stdout, text)
        },
        status: (message) => this.status(message),
        stop,
        totalWaitMs: waitMs,
      })
    })
    if (summary.reason === 'wait' && summary.shown < flags.count) {
      const within = `within ${formatDuration(waitMs)}`
      throw new NatsctlError(
        summary.shown === 0
          ? `no message received from ${stream} > ${name} ${within}`
          : `only ${summary.shown} of ${flags.count} messages received from ${stream} > ${name} ${within}`,
      )
    }
  }
}
