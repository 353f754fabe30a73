import {Flags} from '../../../lib/oclif.js'

import {topicAliases} from '../../../lib/server/aliases.js'
import {SystemCommand} from '../../../lib/server/command.js'
import {reportFlags, sortFlag} from '../../../lib/server/flags.js'
import type {ServerLeaf} from '../../../lib/server/report.js'
import type {Leafz} from '../../../lib/server/sys.js'

const SORTS = ['server', 'name', 'account', 'subs', 'in-bytes', 'out-bytes', 'in-msgs', 'out-msgs']

export default class ServerReportLeafnodes extends SystemCommand<typeof ServerReportLeafnodes> {
  static aliases = ['server:report:leaf', 'server:report:leafz']
  static description = `Report the leafnode connections of every server: who, which account, traffic and RTT`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --sort in-bytes --top 5',
    '<%= config.bin %> <%= command.id %> --json',
  ]
  static flags = {
    ...reportFlags,
    account: Flags.string({description: 'only leafnodes of this account'}),
    sort: sortFlag(SORTS, 'server'),
  }
  static hiddenAliases = topicAliases('report:leafnodes', 'report:leaf', 'report:leafz')

  public async run(): Promise<ServerLeaf[]> {
    const replies = await this.request<Leafz>('leafz', {options: this.flags.account ? {account: this.flags.account} : {}})
    const {leafTable, leafnodes} = await import('../../../lib/server/report.js')
    const leafs = leafnodes(replies, {sort: this.flags.sort, reverse: this.flags.reverse, top: this.flags.top})
    if (!this.jsonEnabled()) {
      const {renderTable} = await import('../../../lib/ui/table.js')
      this.log(await renderTable(leafTable(leafs)))
    }
    return leafs
  }
}
