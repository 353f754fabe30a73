import {Args, Flags} from '../lib/oclif.js'

import {UsageError} from '../lib/errors.js'
import type {StartPosition} from '../lib/messaging/js-subscribe.js'
import {NatsCommand} from '../lib/nats-command.js'
import {MAX_COUNT, parseDuration, parseWait} from '../lib/units.js'
import {checkQueueName, checkSubscribeSubject} from '../lib/validate.js'
import {formatDuration} from '../lib/format.js'

const JS_START = ['all', 'new', 'last', 'last-per-subject', 'since', 'start-sequence']

export default class Sub extends NatsCommand<typeof Sub> {
  static aliases = ['subscribe']
  static args = {
    subjects: Args.string({description: 'subjects to subscribe to (several may be given)'}),
  }
  static description = `Subscribe to subjects and show the messages

Messages go to stdout (natscli's layout, bodies only with --raw, one JSON object per line with --json);
status lines go to stderr. Ctrl-C drains the subscription and exits 0.

With --stream, or a JetStream start flag (--all, --new, --last, --last-per-subject, --since,
--start-sequence, -T), the messages are read from a stream through an ordered consumer that is deleted on exit.

With --durable NAME they are read through the durable pull consumer NAME, created (filtered on the subject,
from the start flag given) when it does not exist yet. Each message shown is acknowledged when the consumer
uses acknowledgements (create it so with --ack; --no-ack never acknowledges); a message not shown (-I,
Ctrl-C) is not, so the server delivers it again.`
  static examples = [
    '<%= config.bin %> <%= command.id %> "greet.>"',
    '<%= config.bin %> <%= command.id %> orders.new --queue workers --count 10',
    '<%= config.bin %> <%= command.id %> "logs.>" --raw --translate "jq .level"',
    '<%= config.bin %> <%= command.id %> "svc.>" --match-replies',
    '<%= config.bin %> <%= command.id %> events --json --wait 2s > events.ndjson',
    '<%= config.bin %> <%= command.id %> --stream EVENTS --since 1h --terminate-at-end',
    '<%= config.bin %> <%= command.id %> "events.>" --last-per-subject --dump ./snapshot',
    '<%= config.bin %> <%= command.id %> orders.new --durable PROCESSOR --ack --ignore-subject orders.new.test',
  ]
  static flags = {
    ack: Flags.boolean({allowNo: true, description: 'acknowledge each JetStream message shown (--durable: creates the consumer with explicit acks)'}),
    all: Flags.boolean({description: 'JetStream: deliver every message in the stream (the default)', exclusive: without('all')}),
    count: Flags.integer({description: 'exit after this many messages', max: MAX_COUNT, min: 1}),
    'delta-time': Flags.boolean({
      char: 'd',
      description: 'show the time since the start (or since the message was stored)',
      exclusive: ['timestamp'],
    }),
    durable: Flags.string({description: 'JetStream: read through this durable pull consumer, created when it does not exist', helpValue: 'NAME'}),
    dump: Flags.string({description: 'write each message as a JSON file into DIR (or NDJSON to stdout with -)', helpValue: 'DIR|-'}),
    'headers-only': Flags.boolean({description: 'show headers but not bodies'}),
    'ignore-subject': Flags.string({
      char: 'I',
      description: 'do not show messages on this subject (wildcards allowed; repeatable)',
      helpValue: 'SUBJECT',
      multiple: true,
    }),
    inbox: Flags.boolean({char: 'i', description: 'subscribe to a new inbox (printed on stderr) too'}),
    last: Flags.boolean({description: 'JetStream: start with the last message in the stream', exclusive: without('last')}),
    'last-per-subject': Flags.boolean({
      description: 'JetStream: the last message of each subject, then new ones',
      exclusive: without('last-per-subject'),
    }),
    'match-replies': Flags.boolean({description: 'also watch the inbox prefix and show each request with its reply'}),
    new: Flags.boolean({description: 'JetStream: only messages stored from now on', exclusive: without('new')}),
    queue: Flags.string({description: 'join this queue group (messages are shared among its members)'}),
    raw: Flags.boolean({char: 'r', description: 'show message bodies only'}),
    since: Flags.string({description: 'JetStream: messages stored in the last DURATION (like 1h, 30m)', exclusive: without('since')}),
    'start-sequence': Flags.integer({
      description: 'JetStream: start at this stream sequence',
      max: MAX_COUNT,
      min: 1,
      exclusive: without('start-sequence'),
    }),
    stream: Flags.string({description: 'read this JetStream stream (optionally filtered by the subjects given)'}),
    'subjects-only': Flags.boolean({description: 'show only the subject line of each message'}),
    'terminate-at-end': Flags.boolean({char: 'T', description: 'JetStream: exit once every stored message has been shown'}),
    timestamp: Flags.boolean({char: 't', description: 'show when each message was received', exclusive: ['delta-time']}),
    translate: Flags.string({description: 'pipe each body through this shell command and show its output ({{Subject}}, {{Stream}})'}),
    wait: Flags.string({description: 'exit after this long without a message (like 5s)'}),
  }
  static strict = false

  public async run(): Promise<void> {
    const {flags} = this
    const subjects = this.positionals
    const startGiven =
      flags.all || flags.new || flags.last || flags['last-per-subject'] || flags.since !== undefined || flags['start-sequence'] !== undefined
    // Any JetStream flag reads from a stream, as in natscli.
    const jetStream = Boolean(flags.stream) || flags['terminate-at-end'] || startGiven || flags.durable !== undefined
    const json = this.jsonEnabled()
    if (json && flags.dump) throw new UsageError('--dump and --json cannot be combined: --dump - already writes NDJSON')
    if (flags.raw && (flags['headers-only'] || flags['subjects-only'])) {
      throw new UsageError('--raw cannot be combined with --headers-only or --subjects-only')
    }
    if (jetStream) {
      if (flags.queue) throw new UsageError('queue group subscriptions are not supported with JetStream')
      if (flags.inbox) throw new UsageError('generating inboxes is not compatible with JetStream subscriptions')
      if (flags['match-replies']) throw new UsageError('cannot enable --match-replies for JetStream streams')
      if (!flags.stream && subjects.length === 0) throw new UsageError('give a subject or --stream NAME')
    } else if (subjects.length === 0 && !flags.inbox) {
      throw new UsageError('give at least one subject to subscribe to (or --inbox)')
    }
    // Everything that reaches the protocol is checked before connecting (exit 2).
    for (const subject of subjects) checkSubscribeSubject(subject)
    if (flags.queue !== undefined) checkQueueName(flags.queue, '--queue')
    const waitMs = flags.wait === undefined ? undefined : parseWait(flags.wait, '--wait duration')
    if (waitMs !== undefined && waitMs <= 0) throw new UsageError('--wait must be a positive duration, like 5s')
    const sinceMs = flags.since === undefined ? undefined : parseDuration(flags.since, '--since duration')
    if (flags.durable !== undefined && flags['terminate-at-end']) throw new UsageError('--terminate-at-end cannot be used with --durable')
    this.errorContext.subject = subjects[0]
    const {ignoredSubjects} = await import('../lib/messaging/js-subscribe.js')
    const ignore = ignoredSubjects(flags['ignore-subject'])

    const {MessagePrinter} = await import('../lib/messaging/printer.js')
    // A --translate command whose placeholders cannot work is refused before connecting.
    if (flags.translate !== undefined) (await import('../lib/messaging/translate.js')).compileTranslate(flags.translate)
    const received = await this.runLongLived(async ({nc, out, stop}) => {
      const printer = new MessagePrinter(
        {
          dump: flags.dump,
          json,
          status: (message) => this.status(message),
          text: {
            headersOnly: flags['headers-only'],
            raw: flags.raw,
            startedAt: new Date(),
            subjectsOnly: flags['subjects-only'],
            time: flags.timestamp ? 'timestamp' : flags['delta-time'] ? 'delta' : 'none',
          },
          translate: flags.translate,
        },
        out,
      )
      const common = {
        count: flags.count,
        ignore,
        ready: () => out.ready(),
        show: async (msg: Parameters<typeof printer.show>[0], n: number, matched?: Parameters<typeof printer.show>[2]) => {
          await printer.show(msg, n, matched)
          // natscli's --ack on a core subscription: acknowledge JetStream messages delivered to a push subject.
          if (flags.ack && msg.reply?.startsWith('$JS.ACK.')) nc.publish(msg.reply, '')
        },
        stop,
        waitMs,
      }
      if (jetStream) {
        const {runStreamSubscription} = await import('../lib/messaging/js-subscribe.js')
        const start: StartPosition = flags.new
          ? {kind: 'new'}
          : flags.last
            ? {kind: 'last'}
            : flags['last-per-subject']
              ? {kind: 'last-per-subject'}
              : sinceMs !== undefined
                ? {kind: 'since', ms: sinceMs, text: formatDuration(sinceMs)}
                : flags['start-sequence'] === undefined
                  ? {kind: 'all'}
                  : {kind: 'sequence', seq: flags['start-sequence']}
        const [jsm, js] = [await this.jsm(), await this.js()]
        if (flags.durable !== undefined) {
          let stdoutFailed = false
          process.stdout.on('error', () => {
            stdoutFailed = true
          })
          const {runDurableSubscription} = await import('../lib/messaging/js-subscribe.js')
          const result = await runDurableSubscription(js, jsm, {
            ...common,
            ack: flags.ack,
            durable: flags.durable,
            headersOnly: flags['headers-only'],
            start,
            status: (message) => this.status(message),
            stream: flags.stream,
            subjects,
            async written() {
              // Shown means written: flush now, and let a closed pipe (EPIPE, reported on the next turn of
              // the event loop) be noticed before acknowledging.
              out.flush()
              await out.ready()
              await new Promise((resolve) => setImmediate(resolve))
              return !stdoutFailed
            },
          })
          return result.received
        }
        const result = await runStreamSubscription(js, jsm, {
          ...common,
          headersOnly: flags['headers-only'],
          nc,
          serverVersion: nc.info?.version,
          start,
          status: (message) => this.status(message),
          stream: flags.stream,
          subjects,
          terminateAtEnd: flags['terminate-at-end'],
        })
        return result.received
      }
      const {createInbox} = await import('@nats-io/transport-node')
      const prefix = this.target().inboxPrefix || '_INBOX'
      const all = [...subjects]
      if (flags.inbox) all.push(createInbox(prefix))
      const replySubject = flags['match-replies'] ? `${prefix}.>` : undefined
      const {runCoreSubscription} = await import('../lib/messaging/subscriber.js')
      const result = await runCoreSubscription(nc, {
        ...common,
        onReady: () => {
          if (replySubject) this.status(`Matching replies with inbox prefix ${replySubject}`)
          this.status(`Subscribing on ${all.join(', ')}${flags.queue ? ` in queue group "${flags.queue}"` : ''}`)
        },
        queue: flags.queue,
        replySubject,
        status: (message) => this.status(message),
        subjects: all,
      })
      return result.received
    })
    if (flags.dump && flags.dump !== '-') this.status(`Wrote ${received} message${received === 1 ? '' : 's'} to ${flags.dump}`)
  }
}

/** The other JetStream start flags: at most one start position can be given. */
function without(flag: string): string[] {
  return JS_START.filter((f) => f !== flag)
}
