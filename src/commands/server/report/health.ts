import {Flags} from '../../../lib/oclif.js'

import {topicAliases} from '../../../lib/server/aliases.js'
import {SystemCommand} from '../../../lib/server/command.js'
import {reportFlags} from '../../../lib/server/flags.js'
import type {Healthz, ServerIdentity} from '../../../lib/server/sys.js'

export default class ServerReportHealth extends SystemCommand<typeof ServerReportHealth> {
  static description = `Report every server's health (healthz): status and the errors it lists

A report, not a check: it exits 0 whatever the servers say (server check gives exit codes).`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --js-enabled --server-only',
    '<%= config.bin %> <%= command.id %> --json',
  ]
  static flags = {
    ...reportFlags,
    'js-enabled': Flags.boolean({char: 'J', description: 'servers without JetStream count as unhealthy'}),
    'server-only': Flags.boolean({char: 'S', description: 'check the JetStream server only, not its streams and consumers'}),
    sort: Flags.string({default: 'name', description: 'sort by name', options: ['name']}),
  }
  static hiddenAliases = topicAliases('report:health')

  public async run(): Promise<Array<{server: ServerIdentity; data: Healthz}>> {
    const options: Record<string, unknown> = {details: true}
    if (this.flags['js-enabled']) options['js-enabled-only'] = true
    if (this.flags['server-only']) options['js-server-only'] = true
    const replies = await this.request<Healthz>('healthz', {options})
    const {healthTable} = await import('../../../lib/server/report.js')
    const {table} = healthTable(replies, {sort: 'name', reverse: this.flags.reverse, top: this.flags.top})
    if (!this.jsonEnabled()) {
      const {renderTable} = await import('../../../lib/ui/table.js')
      this.log(await renderTable(table))
    }
    return replies.map((r) => ({server: r.server, data: r.data}))
  }
}
