import {Args} from '../../lib/oclif.js'

import {NatsCommand} from '../../lib/nats-command.js'
import type {StatsResponse} from '../../lib/service/discovery.js'

export default class ServiceStats extends NatsCommand<typeof ServiceStats> {
  static args = {
    service: Args.string({description: 'the service', required: true}),
    id: Args.string({description: 'one instance, by ID'}),
  }
  static description = `Report a service's statistics: requests, errors and processing time per endpoint and instance

Every instance answers $SRV.STATS.NAME (or the one instance, $SRV.STATS.NAME.ID); the table has a row per
endpoint of each instance and the totals. --json is the replies (io.nats.micro.v1.stats_response).`
  static examples = ['<%= config.bin %> <%= command.id %> orders', '<%= config.bin %> <%= command.id %> orders --json']

  public async run(): Promise<StatsResponse[]> {
    const [{byNameAndId, gatherServices, nanosText, noInstances, statsTotals}, {formatCount, formatDuration}] = await Promise.all([
      import('../../lib/service/discovery.js'),
      import('../../lib/format.js'),
    ])
    const nc = await this.nc()
    const target = this.target()
    const gathered = await gatherServices<StatsResponse>(nc, 'STATS', this.args.service, this.args.id, {
      timeoutMs: target.timeoutMs,
      inboxPrefix: target.inboxPrefix,
      expect: this.args.id ? 1 : undefined,
    })
    if (gathered.length === 0) throw noInstances(this.args.service)
    const stats = byNameAndId(gathered.map((g) => g.reply))
    if (!this.jsonEnabled()) {
      const ns = (n: number) => nanosText(n, formatDuration)
      const rows: string[][] = []
      for (const s of stats) {
        for (const [i, e] of (s.endpoints ?? []).entries()) {
          rows.push([
            i === 0 ? s.id : '',
            e.name,
            formatCount(e.num_requests),
            e.queue_group ?? '',
            formatCount(e.num_errors),
            ns(e.processing_time),
            ns(e.average_processing_time),
          ])
        }
      }
      const t = statsTotals(stats)
      rows.push(['', '', formatCount(t.requests), '', formatCount(t.errors), ns(t.processing), ns(t.average)])
      const {renderTable} = await import('../../lib/ui/table.js')
      this.log(
        await renderTable({
          title: `${this.args.service} Service Statistics`,
          head: ['ID', 'Endpoint', 'Requests', 'Queue Group', 'Errors', 'Processing Time', 'Average Time'],
          rows,
          alignRight: [2, 4, 5, 6],
        }),
      )
    }
    return stats
  }
}
