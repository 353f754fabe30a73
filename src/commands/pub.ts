import {Args, Flags} from '../lib/oclif.js'

import {UsageError} from '../lib/errors.js'
import {bodyBatches, bodyFromStdin, type SendOn} from '../lib/messaging/body.js'
import {bodyInputFlags} from '../lib/messaging/flags.js'
import {parseHeaderFlags} from '../lib/messaging/headers.js'
import type {AckTotals} from '../lib/messaging/js-publish.js'
import {coreSummary, CorePublisher, MessageFactory, PublishReporter, type RunTotals} from '../lib/messaging/publisher.js'
import {NatsCommand} from '../lib/nats-command.js'
import {parseWait} from '../lib/units.js'
import {formatCount} from '../lib/format.js'

interface PubResult {
  subject: string
  count: number
  bytes: number
  /** With --jetstream: what the server acknowledged. */
  acks?: AckTotals
}

export default class Pub extends NatsCommand<typeof Pub> {
  static aliases = ['publish']
  static args = {
    // ignoreStdin: oclif would otherwise read a piped stdin into the first missing argument.
    subject: Args.string({description: 'subject to publish to (templates allowed)', ignoreStdin: true, required: true}),
    body: Args.string({
      description: 'message body (templates allowed); read from stdin when absent and stdin is not a terminal',
      ignoreStdin: true,
    }),
  }
  static description = `Publish a message to a subject

The body is the BODY argument, or stdin when no BODY is given and stdin is not a terminal (--send-on newline
publishes one message per line as lines arrive). Templates in the subject, body and header values:
{{Count}} (from 1), {{TimeStamp}}, {{Unix}}, {{UnixNano}}, {{Time}}, {{ID}}, {{Random min max}}.
With --jetstream each message waits for the stream's acknowledgement; a message that is not stored is an error.`
  static examples = [
    '<%= config.bin %> <%= command.id %> greet.joe "hello joe"',
    '<%= config.bin %> <%= command.id %> orders.new "order {{Count}} at {{TimeStamp}}" --count 100 --header Source:cli',
    'cat app.log | <%= config.bin %> <%= command.id %> logs.app --send-on newline',
    '<%= config.bin %> <%= command.id %> events.1 "payload" --jetstream --header Nats-Msg-Id:evt-1',
  ]
  static flags = {
    ...bodyInputFlags('message'),
    jetstream: Flags.boolean({char: 'J', description: 'publish to JetStream and wait for each acknowledgement'}),
    quiet: Flags.boolean({char: 'q', description: 'print nothing but errors'}),
    reply: Flags.string({description: 'reply subject to set on the message'}),
    sleep: Flags.string({description: 'pause between messages, like 100ms or 1s'}),
  }

  public async run(): Promise<PubResult> {
    const {args, flags} = this
    const sleepMs = flags.sleep ? parseWait(flags.sleep, '--sleep') : 0
    if (flags.jetstream && flags.reply !== undefined) {
      throw new UsageError('--reply cannot be used with --jetstream: the acknowledgement comes back on its own reply subject')
    }
    const headers = await parseHeaderFlags(flags.header, {templates: flags.templates})
    const factory = await MessageFactory.create({
      headerTexts: flags.header,
      headers,
      reply: flags.reply,
      subject: args.subject,
      templates: flags.templates,
    })
    this.errorContext.subject = factory.subject(1)
    const sendOn = flags['send-on'] as SendOn
    const streaming = sendOn === 'newline' && bodyFromStdin({arg: args.body, forceStdin: flags['force-stdin']})

    const nc = await this.nc()
    await factory.prepare()
    const js = flags.jetstream ? await this.js() : undefined
    const status = (message: string) => this.status(message)
    const reporter = new PublishReporter({
      label: flags.jetstream ? 'Publishing to JetStream' : 'Publishing',
      quiet: flags.quiet,
      status,
      total: streaming ? undefined : flags.count,
    })

    const confirm = reporter.lines && !streaming ? () => this.throwIfPermissionDenied() : undefined
    const run = {confirm, count: flags.count, reporter, sleepMs}
    const publisher = js
      ? new (await import('../lib/messaging/js-publish.js')).JetStreamPublisher(nc, js, factory, {
          ...run,
          onFailure: (subject) => {
            this.errorContext.subject = subject
          },
          timeoutMs: this.target().timeoutMs,
        })
      : new CorePublisher(nc, factory, run)
    const input = bodyBatches({
      arg: args.body,
      forceStdin: flags['force-stdin'],
      maxBytes: nc.info?.max_payload,
      sendOn,
      status: flags.quiet ? () => {} : status,
      templates: flags.templates,
    })
    // Ctrl-C or SIGTERM stops publishing; what was already sent is still flushed (or acknowledged) and the
    // summary printed, then the base drains and the exit code is 0.
    let interrupted = false
    const interrupt = this.untilSignal().then(() => {
      interrupted = true
      publisher.stop()
      return {done: true as const, value: undefined}
    })
    for (;;) {
      const next = await Promise.race([input.next(), interrupt])
      if (next.done) break
      await publisher.publish(next.value)
      if (interrupted) break
    }
    await publisher.finish()
    // A stdin that is still open (tail -f | natsctl pub ...) would keep the process alive.
    if (interrupted && bodyFromStdin({arg: args.body, forceStdin: flags['force-stdin']})) process.stdin.destroy()

    const totals: RunTotals = {bytes: publisher.bytes, messages: publisher.messages}
    const acks = 'acks' in publisher ? publisher.acks : undefined
    if (acks) {
      const streams = acks.streams.join(', ')
      const dupes = acks.duplicates > 0 ? `, ${acks.duplicates} duplicates` : ''
      reporter.finish(
        `Stored ${formatCount(totals.messages)} messages in Stream${acks.streams.length > 1 ? 's' : ''}: ${streams} Sequence: ${formatCount(acks.first_seq ?? 0)}..${formatCount(acks.last_seq ?? 0)}${dupes}`,
      )
    } else {
      reporter.finish(coreSummary(totals, factory.subjectText))
    }
    return {bytes: totals.bytes, count: totals.messages, subject: factory.subjectText, ...(acks ? {acks: acks.toJSON()} : {})}
  }
}
