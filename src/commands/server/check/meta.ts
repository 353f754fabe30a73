import {Flags} from '../../../lib/oclif.js'

import {topicAliases} from '../../../lib/server/aliases.js'
import type {CheckResult} from '../../../lib/server/check.js'
import {CheckCommand, checkFlags, durationFlag} from '../../../lib/server/check-command.js'
import type {Jsz} from '../../../lib/server/sys.js'

export default class ServerCheckMeta extends CheckCommand<typeof ServerCheckMeta> {
  static aliases = ['server:check:raft']
  static description = `Check the JetStream meta cluster: a leader, the peers expected, all current and online

Asks every server for its JetStream state (jsz, over the system account) and checks the meta leader's view
of its peers: --expect peers in all, none offline or not current, none unseen for longer than
--seen-critical or more than --lag-critical operations behind; the peers at fault are named. natscli
requires all three flags; natsctl checks what is given. Needs the system account (a natsctl broker has one).
Exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (a bad flag).`
  static examples = [
    '<%= config.bin %> <%= command.id %> --expect 3 --lag-critical 100 --seen-critical 5s',
    '<%= config.bin %> <%= command.id %> --context c --expect 3 --format prometheus',
  ]
  static flags = {
    ...checkFlags,
    expect: Flags.integer({description: 'the number of servers to expect in the meta group', min: 1}),
    'lag-critical': Flags.integer({description: 'critical threshold for how many operations a peer may be behind', min: 0}),
    'seen-critical': durationFlag({description: 'critical threshold for how long ago a peer was last seen'}),
  }
  static hiddenAliases = topicAliases('check:meta', 'check:raft')

  protected async check(result: CheckResult): Promise<void> {
    const {checkMeta} = await import('../../../lib/server/checks.js')
    const replies = await this.request<Jsz>('jsz')
    const enabled = replies.filter((r) => !r.data.disabled && !r.error)
    if (enabled.length === 0) {
      result.critical('JetStream is not enabled on the servers that answered')
      return
    }
    // The leader's view has the peers; the others name the leader.
    const leaderReply = enabled.find((r) => r.data.meta_cluster?.leader === r.server.name)
    const named = enabled.map((r) => r.data.meta_cluster?.leader).find(Boolean)
    if (!leaderReply && named) {
      result.critical(`the meta leader ${named} did not answer`)
      return
    }
    const meta = leaderReply?.data.meta_cluster ?? enabled.find((r) => r.data.meta_cluster)?.data.meta_cluster
    checkMeta(result, meta, {expect: this.flags.expect, lagCritical: this.flags['lag-critical'], seenCritical: this.flags['seen-critical']})
  }

  protected describeCheck() {
    return {suite: 'meta', name: 'JetStream Meta Cluster'}
  }
}
