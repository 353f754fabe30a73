import {Args} from '../../../lib/oclif.js'

import {topicAliases} from '../../../lib/server/aliases.js'
import {SystemCommand} from '../../../lib/server/command.js'
import {reportFlags, sortFlag} from '../../../lib/server/flags.js'
import type {AccountActivity} from '../../../lib/server/report.js'
import type {Connz} from '../../../lib/server/sys.js'

const SORTS = ['in-bytes', 'out-bytes', 'in-msgs', 'out-msgs', 'conns', 'subs']

export default class ServerReportAccounts extends SystemCommand<typeof ServerReportAccounts> {
  static aliases = ['server:report:acct']
  static args = {
    account: Args.string({description: 'report on this account only'}),
  }
  static description = `Report activity per account: connections, messages, bytes and subscriptions

Built from every server's connections (connz), summed per account.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --sort in-bytes --top 3',
    '<%= config.bin %> <%= command.id %> APP --json',
  ]
  static flags = {
    ...reportFlags,
    sort: sortFlag(SORTS, 'subs'),
  }
  static hiddenAliases = topicAliases('report:accounts', 'report:acct')

  public async run(): Promise<AccountActivity[]> {
    const options: Record<string, unknown> = {subscriptions: true, auth: true, limit: 1024}
    if (this.args.account) options.acc = this.args.account
    const replies = await this.request<Connz>('connz', {options})
    const {accountActivity, accountTable, flatConnections} = await import('../../../lib/server/report.js')
    const accounts = accountActivity(flatConnections(replies), {sort: this.flags.sort, reverse: this.flags.reverse, top: this.flags.top})
    if (!this.jsonEnabled()) {
      const {renderTable} = await import('../../../lib/ui/table.js')
      this.log(await renderTable(accountTable(accounts)))
    }
    return accounts
  }
}
