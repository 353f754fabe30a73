import {Flags} from '../../../lib/oclif.js'

import {topicAliases} from '../../../lib/server/aliases.js'
import type {CheckResult} from '../../../lib/server/check.js'
import {CheckCommand, checkFlags, durationFlag, parseHeaderPairs, parseRegexp} from '../../../lib/server/check-command.js'

export default class ServerCheckRequest extends CheckCommand<typeof ServerCheckRequest> {
  static aliases = ['server:check:req']
  static description = `Check a request-reply service: it answers, in time, with the content expected

Sends one request (with --payload and --header) and checks the reply against --match-payload (a regular
expression) and --match-headers, and its time against --response-warn/--response-critical. No responders or
no reply within --timeout is CRITICAL. Exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (a bad flag).
With --format junit --outfile FILE, each check adds its testcase to the report in FILE (one report for a CI
run's checks).`
  static examples = [
    '<%= config.bin %> <%= command.id %> --subject svc.echo --payload ping --match-payload ping',
    '<%= config.bin %> <%= command.id %> --subject svc.time --response-warn 100ms --response-critical 1s --format json',
    '<%= config.bin %> <%= command.id %> --subject svc.echo --format junit --outfile checks.xml',
  ]
  static flags = {
    ...checkFlags,
    header: Flags.string({char: 'H', description: 'a header to send, KEY:VALUE (repeatable)', multiple: true}),
    'match-headers': Flags.string({description: 'a header the reply must carry, KEY:VALUE (repeatable)', multiple: true}),
    'match-payload': Flags.string({description: 'a regular expression the reply body must match'}),
    payload: Flags.string({default: '', description: 'the request body'}),
    'response-critical': durationFlag({description: 'critical threshold for the response time'}),
    'response-warn': durationFlag({description: 'warning threshold for the response time'}),
    subject: Flags.string({description: 'the subject to send the request to', required: true}),
  }
  static hiddenAliases = topicAliases('check:request', 'check:req')

  private matchHeaders: Record<string, string> = {}

  private matchPayload?: RegExp
  private sendHeaders: Record<string, string> = {}
  protected async check(result: CheckResult): Promise<void> {
    const f = this.flags
    const {matchPayload, sendHeaders, matchHeaders} = this
    const [{checkRequest}, {headers}, {toNatsctlError}] = await Promise.all([
      import('../../../lib/server/checks.js'),
      import('@nats-io/transport-node'),
      import('../../../lib/errors.js'),
    ])
    const nc = await this.nc()
    const timeoutMs = this.target().timeoutMs
    const h = headers()
    for (const [k, v] of Object.entries(sendHeaders)) h.append(k, v)
    const started = performance.now()
    try {
      const reply = await nc.request(f.subject, f.payload, {timeout: timeoutMs, ...(Object.keys(sendHeaders).length ? {headers: h} : {})})
      const tookMs = performance.now() - started
      checkRequest(
        result,
        {tookMs, data: reply.string(), headers: (name) => reply.headers?.get(name)},
        {
          matchPayload,
          matchHeaders,
          responseWarn: f['response-warn'],
          responseCrit: f['response-critical'],
        },
      )
    } catch (error) {
      const tookMs = performance.now() - started
      const why = toNatsctlError(error, {subject: f.subject, timeoutMs}).message
      checkRequest(result, {tookMs, error: why}, {})
    }
  }

  protected describeCheck() {
    return {suite: 'request', name: this.flags.subject}
  }

  protected async prepare(): Promise<void> {
    this.matchPayload = parseRegexp(this.flags['match-payload'], '--match-payload')
    this.sendHeaders = parseHeaderPairs(this.flags.header, '--header')
    this.matchHeaders = parseHeaderPairs(this.flags['match-headers'], '--match-headers')
  }
}
