import {Args, Flags} from '../lib/oclif.js'

import type {Msg} from '@nats-io/transport-node'

import {bodyBatches, type SendOn} from '../lib/messaging/body.js'
import {bodyInputFlags} from '../lib/messaging/flags.js'
import {parseHeaderFlags} from '../lib/messaging/headers.js'
import {MessageFactory} from '../lib/messaging/publisher.js'
import {type ReplyRecord, replyRecord, replyStatusLines, runRequests} from '../lib/messaging/requester.js'
import {NatsCommand} from '../lib/nats-command.js'
import {MAX_COUNT, parseWait} from '../lib/units.js'

export default class Request extends NatsCommand<typeof Request> {
  static aliases = ['req']
  static args = {
    // ignoreStdin: oclif would otherwise read a piped stdin into the first missing argument.
    subject: Args.string({description: 'subject to send the request to (templates allowed)', ignoreStdin: true, required: true}),
    body: Args.string({
      description: 'request body (templates allowed); read from stdin when absent and stdin is not a terminal',
      ignoreStdin: true,
    }),
  }
  static description = `Send a request and wait for replies

Reply bodies go to stdout; "Sending request", "Received with rtt" and reply headers go to stderr, so
\`natsctl request svc x > out\` captures just the answer. The first reply waits for --timeout (default 5s).
Exit status: 0 when a reply came, 1 on no responders or a timeout.
--json prints an array with one object per reply: {subject, reply?, headers, data, encoding?, size, rtt_ms}.`
  static examples = [
    '<%= config.bin %> <%= command.id %> svc.echo "hello"',
    '<%= config.bin %> <%= command.id %> svc.time "" --raw --timeout 2s',
    '<%= config.bin %> <%= command.id %> svc.discover "" --replies 0 --timeout 1s',
    '<%= config.bin %> <%= command.id %> svc.echo "request {{Count}}" --count 3 --header Trace:{{ID}}',
  ]
  static flags = {
    ...bodyInputFlags('request'),
    raw: Flags.boolean({char: 'r', description: 'print only the reply bodies: no status lines'}),
    replies: Flags.integer({
      default: 1,
      description: 'wait for this many replies; 0 gathers every reply until --timeout',
      max: MAX_COUNT,
      min: 0,
    }),
    'reply-timeout': Flags.string({
      default: '300ms',
      description: 'with --replies other than 1: after a reply, how long to wait for another',
    }),
  }

  public async run(): Promise<ReplyRecord[]> {
    const {args, flags} = this
    const replyTimeoutMs = parseWait(flags['reply-timeout'], '--reply-timeout')
    const headers = await parseHeaderFlags(flags.header, {templates: flags.templates})
    const factory = await MessageFactory.create({headerTexts: flags.header, headers, subject: args.subject, templates: flags.templates})
    this.errorContext.subject = factory.subject(1)
    const timeoutMs = this.target().timeoutMs

    const nc = await this.nc()
    await factory.prepare()
    const json = this.jsonEnabled()
    const quiet = flags.raw
    const status = quiet ? () => {} : (message: string) => this.status(message)
    const records: ReplyRecord[] = []
    const onReply = (msg: Msg, rttMs: number, subject: string) => {
      for (const line of replyStatusLines(msg, rttMs)) status(line)
      if (json) {
        records.push(replyRecord(msg, rttMs, subject))
        return
      }
      // Bytes as they came (binary-safe), one reply per line.
      process.stdout.write(msg.data)
      if (msg.data.length === 0 || msg.data.at(-1) !== 0x0a) process.stdout.write('\n')
    }

    let sent = 0
    const batches = bodyBatches({
      arg: args.body,
      forceStdin: flags['force-stdin'],
      maxBytes: nc.info?.max_payload,
      sendOn: flags['send-on'] as SendOn,
      status,
      templates: flags.templates,
    })
    for await (const batch of batches) {
      for (const body of batch) {
        await runRequests(nc, factory, body, {
          count: flags.count,
          firstCount: sent + 1,
          onReply,
          onSubject: (subject) => {
            this.errorContext.subject = subject
          },
          replies: flags.replies,
          replyTimeoutMs,
          status,
          timeoutMs,
        })
        sent += flags.count
      }
    }
    return records
  }
}
