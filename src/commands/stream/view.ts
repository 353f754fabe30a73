import {Args, Flags} from '../../lib/oclif.js'

import {onResource, UsageError} from '../../lib/errors.js'
import type {ViewStart} from '../../lib/jetstream/view.js'
import {NatsCommand} from '../../lib/nats-command.js'
import {parseDuration} from '../../lib/units.js'

export default class StreamView extends NatsCommand<typeof StreamView> {
  static args = {
    name: Args.string({description: 'stream name', required: true}),
  }
  static description = `Page through the messages stored in a stream
Shows each message in sub's layout, from the start (or --id, or --since). On a terminal it asks "Next Page?"
after every --page messages; in a pipe, or with --json (one JSON object per line), it prints every message
to the apparent end of the stream without asking.`
  static examples = [
    '<%= config.bin %> <%= command.id %> ORDERS',
    '<%= config.bin %> <%= command.id %> ORDERS --subject "orders.eu.>" --since 1h --page 25',
    '<%= config.bin %> <%= command.id %> ORDERS --id 1000 --raw > bodies.txt',
    '<%= config.bin %> <%= command.id %> ORDERS --json | jq .subject',
  ]
  static flags = {
    id: Flags.integer({description: 'start at this message sequence', exclusive: ['since'], min: 1}),
    page: Flags.integer({default: 10, description: 'messages per page on a terminal', min: 1}),
    raw: Flags.boolean({description: 'print only the bodies'}),
    since: Flags.string({description: 'start with messages stored within this duration, like 1h or 1d3h5m', exclusive: ['id']}),
    subject: Flags.string({description: 'only messages on this subject (wildcards allowed)'}),
    translate: Flags.string({description: 'pipe each body through this command before showing it'}),
  }

  public async run(): Promise<void> {
    const {name} = this.args
    const {flags} = this
    let start: ViewStart = {kind: 'all'}
    if (flags.id !== undefined) start = {kind: 'sequence', seq: flags.id}
    if (flags.since !== undefined) {
      const ms = parseDuration(flags.since, '--since duration')
      if (ms <= 0) throw new UsageError('--since must be a positive duration, like 1h')
      start = {kind: 'since', ms}
    }
    const json = this.jsonEnabled()
    const [{isInteractive}, {confirm}, {MessagePrinter}, {viewStream}] = await Promise.all([
      import('../../lib/ui/terminal.js'),
      import('../../lib/ui/prompt.js'),
      import('../../lib/messaging/printer.js'),
      import('../../lib/jetstream/view.js'),
    ])
    const paged = isInteractive() && !json
    const jsm = await this.jsm()
    await onResource({stream: name}, () => jsm.streams.info(name))
    const js = await this.js()
    const result = await this.runLongLived(async ({out, stop}) => {
      const printer = new MessagePrinter({json, status: (message) => this.status(message), text: {raw: flags.raw}, translate: flags.translate}, out)
      return viewStream(js, {
        async next() {
          await out.end()
          return confirm('Next Page?', true)
        },
        pageSize: paged ? flags.page : undefined,
        ready: () => out.ready(),
        show: (msg, n) => printer.show(msg, n),
        start,
        stop,
        stream: name,
        subject: flags.subject,
      })
    })
    if (result.end) this.status('Reached apparent end of data')
  }
}
