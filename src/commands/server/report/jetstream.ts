import {NatsctlError} from '../../../lib/errors.js'
import {Flags} from '../../../lib/oclif.js'
import {topicAliases} from '../../../lib/server/aliases.js'
import {SystemCommand} from '../../../lib/server/command.js'
import {reportFlags, sortFlag} from '../../../lib/server/flags.js'
import type {Jsz, ServerIdentity} from '../../../lib/server/sys.js'

interface JetStreamReportJson {
  meta_leader?: string
  servers: Array<{server: ServerIdentity; data: Jsz}>
  warnings: string[]
}

const SORTS = ['name', 'cluster', 'streams', 'consumers', 'msgs', 'mbytes', 'bytes', 'mem', 'file', 'store', 'api', 'err']

export default class ServerReportJetStream extends SystemCommand<typeof ServerReportJetStream> {
  static aliases = ['server:report:js', 'server:report:jsz']
  static description = `Report JetStream use per server: streams, consumers, messages, bytes, API calls and errors

With --account, the figures are that account's alone. The server marked * leads the JetStream meta group; the RAFT Meta Group table lists its peers, whether they
are current and online. A warning says when no meta leader answered (too few nodes up).`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --sort msgs --top 5',
    '<%= config.bin %> <%= command.id %> --json',
    '<%= config.bin %> <%= command.id %> --account WEATHER --sort msgs',
  ]
  static flags = {
    ...reportFlags,
    account: Flags.string({description: "only this account's streams, consumers, messages and API use"}),
    sort: sortFlag(SORTS, 'cluster'),
  }
  static hiddenAliases = topicAliases('report:jetstream', 'report:js', 'report:jsz')

  public async run(): Promise<JetStreamReportJson> {
    const {account} = this.flags
    const {jetStreamReport, scopeToAccount} = await import('../../../lib/server/report.js')
    let replies = await this.request<Jsz>('jsz', {
      expectActive: false,
      ...(account ? {options: {account, streams: true, consumer: true, limit: 10_000}} : {}),
    })
    if (account) {
      if (!replies.some((r) => r.data.account_details?.some((a) => a.name === account))) {
        throw new NatsctlError(`account "${account}" has no JetStream on any server that answered`)
      }
      replies = scopeToAccount(replies, account)
    }
    const report = jetStreamReport(replies, {sort: this.flags.sort, reverse: this.flags.reverse, top: this.flags.top})
    if (!this.jsonEnabled()) {
      const {renderTable} = await import('../../../lib/ui/table.js')
      const [summary, ...meta] = report.tables
      this.log(await renderTable(summary))
      if (report.metaLeader) this.log(`\nMeta leader: ${report.metaLeader}`)
      for (const table of meta) this.log(`\n${await renderTable(table)}`)
      if (report.warnings.length) {
        const {styles} = await import('../../../lib/ui/colour.js')
        this.log('')
        for (const warning of report.warnings) this.log(styles().warn(`WARNING: ${warning}`))
      }
    }
    return {meta_leader: report.metaLeader, servers: replies.map((r) => ({server: r.server, data: r.data})), warnings: report.warnings}
  }
}
