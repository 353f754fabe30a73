import {Flags} from '../../../lib/oclif.js'

import {topicAliases} from '../../../lib/server/aliases.js'
import type {CheckResult} from '../../../lib/server/check.js'
import {CheckCommand, checkFlags, durationFlag} from '../../../lib/server/check-command.js'

export default class ServerCheckJetstream extends CheckCommand<typeof ServerCheckJetstream> {
  static aliases = ['server:check:js']
  static description = `Check the account's JetStream: usage against its limits, and every replicated stream's health

Memory, storage, streams and consumers are checked in percent of the account's limits (-1 switches a
threshold off; critical below warning is refused). With --replicas (the default) every stream with more than
one replica must have a leader, all its replicas, none offline, none unseen for longer than
--replica-seen-critical or more than --replica-lag-critical operations behind; the streams at fault are named.
Exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (a bad flag).`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --mem-warn 60 --mem-critical 80 --no-replicas --format json',
  ]
  static flags = {
    ...checkFlags,
    'consumers-critical': Flags.integer({default: -1, description: 'critical threshold for consumers, in percent of the limit'}),
    'consumers-warn': Flags.integer({default: -1, description: 'warning threshold for consumers, in percent of the limit'}),
    'mem-critical': Flags.integer({default: 90, description: 'critical threshold for memory storage, in percent of the limit'}),
    'mem-warn': Flags.integer({default: 75, description: 'warning threshold for memory storage, in percent of the limit'}),
    'replica-lag-critical': Flags.integer({default: 200, description: 'critical threshold for how many operations a stream replica may be behind'}),
    'replica-seen-critical': durationFlag({default: '5s', description: 'critical threshold for how long ago a stream replica was seen'}),
    replicas: Flags.boolean({allowNo: true, default: true, description: 'check that every replicated stream has healthy replicas'}),
    'store-critical': Flags.integer({default: 90, description: 'critical threshold for file storage, in percent of the limit'}),
    'store-warn': Flags.integer({default: 75, description: 'warning threshold for file storage, in percent of the limit'}),
    'streams-critical': Flags.integer({default: -1, description: 'critical threshold for streams, in percent of the limit'}),
    'streams-warn': Flags.integer({default: -1, description: 'warning threshold for streams, in percent of the limit'}),
  }
  static hiddenAliases = topicAliases('check:jetstream', 'check:js')

  protected async check(result: CheckResult): Promise<void> {
    const [{checkJsAccount, checkStreamReplicas}, {toNatsctlError}] = await Promise.all([
      import('../../../lib/server/checks.js'),
      import('../../../lib/errors.js'),
    ])
    const f = this.flags
    const unavailable = (error: unknown) => result.critical(`JetStream not available: ${toNatsctlError(error, this.errorContext).message}`)
    let jsm
    let info
    try {
      jsm = await this.jsm()
      info = await jsm.getAccountInfo()
    } catch (error) {
      unavailable(error)
      return
    }
    checkJsAccount(result, info, {
      memWarn: f['mem-warn'],
      memCrit: f['mem-critical'],
      storeWarn: f['store-warn'],
      storeCrit: f['store-critical'],
      streamsWarn: f['streams-warn'],
      streamsCrit: f['streams-critical'],
      consumersWarn: f['consumers-warn'],
      consumersCrit: f['consumers-critical'],
    })
    if (!f.replicas) return
    const infos = []
    try {
      for await (const si of jsm.streams.list()) infos.push(si)
    } catch (error) {
      unavailable(error)
      return
    }
    checkStreamReplicas(result, infos, {seenCritical: f['replica-seen-critical'], lagCritical: f['replica-lag-critical']})
  }

  protected describeCheck() {
    return {suite: 'jetstream', name: 'JetStream'}
  }
}
