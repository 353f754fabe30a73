import {Flags} from '../../../lib/oclif.js'

import {topicAliases} from '../../../lib/server/aliases.js'
import {SystemCommand} from '../../../lib/server/command.js'
import {reportFlags, sortFlag} from '../../../lib/server/flags.js'
import type {ServerConn} from '../../../lib/server/report.js'
import type {Connz} from '../../../lib/server/sys.js'

const SORTS = ['in-bytes', 'out-bytes', 'in-msgs', 'out-msgs', 'uptime', 'cid', 'subs']

export default class ServerReportConnections extends SystemCommand<typeof ServerReportConnections> {
  static aliases = ['server:report:conn', 'server:report:conns', 'server:report:connz']
  static description = `Report the connections on every server, the busiest first

Without the system account a server reports only the connections of your own account.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --sort in-msgs --top 10',
    '<%= config.bin %> <%= command.id %> --account APP --json',
  ]
  static flags = {
    ...reportFlags,
    account: Flags.string({description: 'only connections of this account'}),
    sort: sortFlag(SORTS, 'subs'),
    state: Flags.string({default: 'open', description: 'connections that are open, closed or all', options: ['open', 'closed', 'all']}),
    subject: Flags.string({description: 'only connections with interest in this subject'}),
    username: Flags.string({description: 'only connections of this user'}),
  }
  static hiddenAliases = topicAliases('report:connections', 'report:conn', 'report:conns', 'report:connz')

  public async run(): Promise<ServerConn[]> {
    const options: Record<string, unknown> = {subscriptions: true, auth: true, limit: 1024, state: {open: 0, closed: 1, all: 2}[this.flags.state]}
    if (this.flags.account) options.acc = this.flags.account
    if (this.flags.username) options.user = this.flags.username
    if (this.flags.subject) options.filter_subject = this.flags.subject
    const replies = await this.request<Connz>('connz', {options})
    const {connectionTables, flatConnections, sortConnections} = await import('../../../lib/server/report.js')
    const choice = {sort: this.flags.sort, reverse: this.flags.reverse, top: this.flags.top}
    const conns = flatConnections(replies)
    if (!this.jsonEnabled()) {
      const {renderTable} = await import('../../../lib/ui/table.js')
      const tables = connectionTables(conns, choice)
      this.log((await Promise.all(tables.map((t) => renderTable(t)))).join('\n\n'))
    }
    const sorted = sortConnections(conns, choice)
    return choice.top ? sorted.slice(0, choice.top) : sorted
  }
}
