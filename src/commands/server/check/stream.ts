import {Flags} from '../../../lib/oclif.js'

import {topicAliases} from '../../../lib/server/aliases.js'
import type {CheckResult} from '../../../lib/server/check.js'
import {CheckCommand, checkFlags, durationFlag} from '../../../lib/server/check-command.js'

export default class ServerCheckStream extends CheckCommand<typeof ServerCheckStream> {
  static description = `Check a stream: its replicas, messages, subjects, and the lag of its mirror or sources

Only what is asked is checked: replicas (--peer-expect, --peer-lag-critical, --peer-seen-critical), message
and subject counts (critical below warning inverts the subjects check), sources (--min-sources,
--max-sources) and the lag and activity of sources or a mirror (--lag-critical, --seen-critical). The
stream's metadata can hold the thresholds as natscli reads them (io.nats.monitor.lag-critical: 200...); the
flags win. Exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (a bad flag).`
  static examples = [
    '<%= config.bin %> <%= command.id %> --stream ORDERS --peer-expect 3 --peer-lag-critical 100',
    '<%= config.bin %> <%= command.id %> --stream ORDERS_MIRROR --lag-critical 1000 --seen-critical 10s',
    '<%= config.bin %> <%= command.id %> --stream ORDERS --msgs-warn 10 --msgs-critical 1 --format json',
  ]
  static flags = {
    ...checkFlags,
    'lag-critical': Flags.integer({description: 'critical threshold for the lag of any source or the mirror', min: 0}),
    'max-sources': Flags.integer({description: 'the most sources to expect', min: 0}),
    'min-sources': Flags.integer({description: 'the fewest sources to expect', min: 0}),
    'msgs-critical': Flags.integer({description: 'critical when the stream has this many messages or fewer', min: 0}),
    'msgs-warn': Flags.integer({description: 'warning when the stream has this many messages or fewer', min: 0}),
    'peer-expect': Flags.integer({description: 'the number of replicas to expect', min: 1}),
    'peer-lag-critical': Flags.integer({description: 'critical threshold for how many operations a replica may be behind', min: 0}),
    'peer-seen-critical': durationFlag({description: 'critical threshold for how long ago a replica was seen'}),
    'seen-critical': durationFlag({description: 'critical threshold for how long ago a source or the mirror was seen'}),
    stream: Flags.string({description: 'the stream to check', required: true}),
    'subjects-critical': Flags.integer({description: 'critical threshold for the number of subjects', min: 0}),
    'subjects-warn': Flags.integer({description: 'warning threshold for the number of subjects', min: 0}),
  }
  static hiddenAliases = topicAliases('check:stream')

  protected async check(result: CheckResult): Promise<void> {
    const [{checkStream, optionsFromMetadata, STREAM_METADATA}, {onResource, toNatsctlError}, {parseDuration}] = await Promise.all([
      import('../../../lib/server/checks.js'),
      import('../../../lib/errors.js'),
      import('../../../lib/units.js'),
    ])
    const f = this.flags
    let info
    try {
      const jsm = await this.jsm()
      info = await onResource({stream: f.stream}, () => jsm.streams.info(f.stream))
    } catch (error) {
      result.critical(`could not load info: ${toNatsctlError(error, this.errorContext).message}`)
      return
    }
    let options
    try {
      options = optionsFromMetadata((info.config as {metadata?: Record<string, string>}).metadata, STREAM_METADATA, parseDuration, {
        lagCritical: f['lag-critical'],
        seenCritical: f['seen-critical'],
        minSources: f['min-sources'],
        maxSources: f['max-sources'],
        peerExpect: f['peer-expect'],
        peerLagCritical: f['peer-lag-critical'],
        peerSeenCritical: f['peer-seen-critical'],
        msgsWarn: f['msgs-warn'],
        msgsCritical: f['msgs-critical'],
        subjectsWarn: f['subjects-warn'],
        subjectsCritical: f['subjects-critical'],
      })
    } catch (error) {
      result.critical(`could not configure based on metadata: ${(error as Error).message}`)
      return
    }
    checkStream(result, info, options)
  }

  protected describeCheck() {
    return {suite: 'stream', name: this.flags.stream}
  }
}
