import {Args, Flags} from '../lib/oclif.js'

import {UsageError} from '../lib/errors.js'
import {headerFlag} from '../lib/messaging/flags.js'
import type {ReplyMode} from '../lib/messaging/replier.js'
import {NatsCommand} from '../lib/nats-command.js'
import {MAX_COUNT, parseWait} from '../lib/units.js'
import {checkQueueName, checkSubscribeSubject} from '../lib/validate.js'

export default class Reply extends NatsCommand<typeof Reply> {
  static args = {
    subject: Args.string({description: 'subject to answer requests on (wildcards allowed)', required: true}),
    body: Args.string({description: 'reply body; templates like {{Count}} and {{Request}} are filled in'}),
  }
  static description = `Answer requests on a subject: echo them, reply with a body, or run a command per request

With no body and no --command, each request is echoed back with its headers (plus NATS-Reply-Counter).
--command runs through /bin/sh: {{0}}, {{1}}, ... are the request subject's tokens, {{Request}} the body (all
inserted shell-quoted); NATS_REQUEST_SUBJECT and NATS_REQUEST_BODY are in its environment and the body is on
its stdin. Its stdout is the reply; when it fails, the reply is its stderr with a NATS-Reply-Error header.
Ctrl-C (or SIGTERM) stops taking requests, answers those already received, and exits 0.`
  static examples = [
    '<%= config.bin %> <%= command.id %> svc.echo',
    '<%= config.bin %> <%= command.id %> greet "hello #{{Count}}, you said {{Request}}"',
    `<%= config.bin %> <%= command.id %> 'weather.>' --command "curl -s wttr.in/{{1}}?format=3"`,
    '<%= config.bin %> <%= command.id %> svc --header X-Version:2 --sleep 500ms --count 10',
  ]
  static flags = {
    command: Flags.string({description: 'run this shell command per request; its stdout is the reply', exclusive: ['echo']}),
    count: Flags.integer({description: 'exit after this many replies', max: MAX_COUNT, min: 1}),
    echo: Flags.boolean({description: 'echo each request back with its headers (the default with no body or command)'}),
    header: headerFlag('add a header to replies, as Key:Value (repeatable; the value may hold templates)'),
    queue: Flags.string({char: 'q', default: 'NATS-RPLY-22', description: 'queue group name (repliers in one group share requests)'}),
    sleep: Flags.string({description: 'wait a random time up to this long before each reply (like 500ms)'}),
  }

  public async run(): Promise<void> {
    const {args, flags} = this
    if (args.body !== undefined && (flags.echo || flags.command !== undefined)) {
      throw new UsageError('give a body, --echo or --command, not more than one')
    }
    checkSubscribeSubject(args.subject)
    checkQueueName(flags.queue, '-q/--queue')
    const sleepMs = flags.sleep === undefined ? undefined : parseWait(flags.sleep, '--sleep duration')
    const {compileTemplate} = await import('../lib/messaging/templates.js')
    const {parseHeaderFlags} = await import('../lib/messaging/headers.js')
    const headers = await parseHeaderFlags(flags.header)
    let mode: ReplyMode
    if (flags.command !== undefined) {
      const {compileReplyCommand} = await import('../lib/messaging/reply-command.js')
      mode = {kind: 'command', run: await compileReplyCommand(flags.command)}
    } else if (args.body === undefined || flags.echo) {
      if (!flags.echo) this.status('No body or command supplied, enabling echo mode')
      mode = {kind: 'echo'}
    } else {
      mode = {kind: 'body', body: await compileTemplate(args.body, 'body')}
    }
    this.errorContext.subject = args.subject

    const {bodyBlock, headerLines, jsonLine} = await import('../lib/messaging/render.js')
    const {runReplier} = await import('../lib/messaging/replier.js')
    const json = this.jsonEnabled()
    await this.runLongLived(({nc, out, stop}) =>
      runReplier(nc, {
        count: flags.count,
        headers,
        mode,
        onReady: () => this.status(`Listening on ${JSON.stringify(args.subject)} in group ${JSON.stringify(flags.queue)}`),
        onRequest: (msg, n) => {
          // natscli's layout: the request line and headers on stderr, the body on stdout.
          this.status(`[#${n}] Received on subject ${JSON.stringify(msg.subject)}`)
          for (const line of headerLines(msg)) this.status(line)
          if (json) out.write(jsonLine(msg))
          else {
            out.write('\n')
            out.write(bodyBlock(msg.data))
          }
        },
        onStop: () => this.status('Draining...'),
        queue: flags.queue,
        sleepMs,
        stop,
        subject: args.subject,
        warn: (message) => this.status(message),
      }),
    )
  }
}
