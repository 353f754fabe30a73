import {Flags} from '../../../lib/oclif.js'

import {topicAliases} from '../../../lib/server/aliases.js'
import type {CheckResult} from '../../../lib/server/check.js'
import {CheckCommand, checkFlags, durationFlag, parseRegexp} from '../../../lib/server/check-command.js'

export default class ServerCheckMessage extends CheckCommand<typeof ServerCheckMessage> {
  static description = `Check the last message of a stream (or of one subject in it): how old it is, and what it says

The age is the time the stream stored the message, or with --body-timestamp the Unix time (seconds) the body
holds. --content is a regular expression the body must match. No message at all is CRITICAL.
Exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (a bad flag).`
  static examples = [
    '<%= config.bin %> <%= command.id %> --stream HEARTBEATS --subject hb.app1 --age-warn 1m --age-critical 5m',
    '<%= config.bin %> <%= command.id %> --stream STATUS --content \'"ok":true\' --format json',
  ]
  static flags = {
    ...checkFlags,
    'age-critical': durationFlag({description: 'critical when the message is older than this'}),
    'age-warn': durationFlag({description: 'warning when the message is older than this'}),
    'body-timestamp': Flags.boolean({description: 'the body is a Unix timestamp (seconds): use it as the message time'}),
    content: Flags.string({description: 'a regular expression the body must match'}),
    stream: Flags.string({description: 'the stream holding the message', required: true}),
    subject: Flags.string({description: "the subject whose last message to check (the stream's last message when absent)"}),
  }
  static hiddenAliases = topicAliases('check:message')

  private content?: RegExp

  protected async check(result: CheckResult): Promise<void> {
    const [{checkMessage}, {onResource, toNatsctlError}] = await Promise.all([
      import('../../../lib/server/checks.js'),
      import('../../../lib/errors.js'),
    ])
    const f = this.flags
    const {content} = this
    let msg
    try {
      const jsm = await this.jsm()
      msg = await onResource({stream: f.stream}, async () => {
        if (f.subject !== undefined) return jsm.streams.getMessage(f.stream, {last_by_subj: f.subject})
        const info = await jsm.streams.info(f.stream)
        return info.state.messages === 0 ? null : jsm.streams.getMessage(f.stream, {seq: info.state.last_seq})
      })
    } catch (error) {
      result.critical(`msg load failed: ${toNatsctlError(error, this.errorContext).message}`)
      return
    }
    if (!msg) {
      result.critical('no message found')
      return
    }
    checkMessage(result, {time: msg.time.toISOString(), data: msg.string(), size: msg.data.length}, f.stream, f.subject ?? '>', {
      ageWarn: f['age-warn'],
      ageCrit: f['age-critical'],
      content,
      bodyTimestamp: f['body-timestamp'],
    })
  }

  protected describeCheck() {
    return {suite: 'message', name: 'Stream Message'}
  }

  protected async prepare(): Promise<void> {
    this.content = parseRegexp(this.flags.content, '--content')
  }
}
