import {Args, Flags} from '../../lib/oclif.js'

import {NatsCommand} from '../../lib/nats-command.js'
import type {InfoResponse, StatsResponse} from '../../lib/service/discovery.js'

export default class ServiceInfo extends NatsCommand<typeof ServiceInfo> {
  static aliases = ['service:i']
  static args = {
    service: Args.string({description: 'the service', required: true}),
    id: Args.string({description: 'one instance, by ID (the first to answer when absent)'}),
  }
  static description = `Show a service: its description, version, metadata, endpoints (subjects and queue groups) and their statistics

Asks one instance (the first to answer $SRV.INFO.NAME, or the ID given) for its info and statistics.
--endpoint keeps the endpoints whose name matches a regular expression. --json is {info, stats}, as natscli
prints it.`
  static examples = ['<%= config.bin %> <%= command.id %> orders', '<%= config.bin %> <%= command.id %> orders --endpoint "^create" --json']
  static flags = {
    endpoint: Flags.string({char: 'e', description: 'show only the endpoints whose name matches this regular expression'}),
  }

  public async run(): Promise<{info: InfoResponse; stats: StatsResponse}> {
    const [{gatherServices, nanosText, noInstances}, {UsageError}] = await Promise.all([
      import('../../lib/service/discovery.js'),
      import('../../lib/errors.js'),
    ])
    let filter: RegExp | undefined
    if (this.flags.endpoint !== undefined) {
      try {
        filter = new RegExp(this.flags.endpoint)
      } catch (error) {
        throw new UsageError(`invalid --endpoint "${this.flags.endpoint}": ${(error as Error).message}`)
      }
    }
    const nc = await this.nc()
    const target = this.target()
    const options = {timeoutMs: target.timeoutMs, inboxPrefix: target.inboxPrefix, expect: 1}
    const [first] = await gatherServices<InfoResponse>(nc, 'INFO', this.args.service, this.args.id, options)
    if (!first) throw noInstances(this.args.service)
    const info = first.reply
    const [statsReply] = await gatherServices<StatsResponse>(nc, 'STATS', info.name, info.id, options)
    if (!statsReply) {
      const {NatsctlError} = await import('../../lib/errors.js')
      throw new NatsctlError(`no statistics received for ${info.name} > ${info.id}`)
    }
    const stats = statsReply.reply
    const keep = (e: {name: string}) => !filter || filter.test(e.name)
    const result = {
      info: {...info, endpoints: (info.endpoints ?? []).filter(keep)},
      stats: {...stats, endpoints: (stats.endpoints ?? []).filter(keep)},
    }
    if (!this.jsonEnabled()) {
      const [{renderSections}, {formatCount, formatDuration, formatTime, formatAgo}] = await Promise.all([
        import('../../lib/ui/columns.js'),
        import('../../lib/format.js'),
      ])
      const meta = (m: Record<string, string> | null | undefined) => Object.entries(m ?? {}).map(([k, v]): [string, string] => ['', `${k}: ${v}`])
      const withMeta = (label: string, m: Record<string, string> | null | undefined): Array<[string, string]> => {
        const rows = meta(m)
        if (rows.length === 0) return []
        rows[0][0] = label
        return rows
      }
      const ns = (n: number) => nanosText(n, formatDuration)
      const sections = [
        {
          rows: [
            ['Service', `${info.name} (${info.id})`],
            ['Description', info.description ?? ''],
            ['Version', info.version],
            ...withMeta('Metadata', info.metadata),
          ] as Array<[string, string]>,
        },
        ...result.info.endpoints.map((e) => ({
          title: `Endpoint ${e.name}`,
          rows: [['Subject', e.subject], ...(e.queue_group ? [['Queue Group', e.queue_group]] : []), ...withMeta('Metadata', e.metadata)] as Array<
            [string, string]
          >,
        })),
        ...result.stats.endpoints.map((e) => ({
          title: `${e.name || 'default'} Endpoint Statistics`,
          rows: [
            ['Requests', `${formatCount(e.num_requests)}${e.queue_group ? ` in group "${e.queue_group}"` : ''}`],
            ['Processing Time', `${ns(e.processing_time)} (average ${ns(e.average_processing_time)})`],
            ['Started', `${formatTime(stats.started)} (${formatAgo(stats.started)} ago)`],
            ['Errors', formatCount(e.num_errors)],
            ...(e.last_error ? [['Last Error', e.last_error]] : []),
            ...(e.data === undefined || e.data === null ? [] : [['Data', JSON.stringify(e.data)]]),
          ] as Array<[string, string]>,
        })),
      ]
      this.log(renderSections('Service Information', sections))
    }
    return result
  }
}
