import {Args, Flags} from '../../lib/oclif.js'

import {topicAliases} from '../../lib/server/aliases.js'
import {SystemCommand} from '../../lib/server/command.js'
import type {RttSummary} from '../../lib/server/ping.js'
import type {Statsz} from '../../lib/server/sys.js'

interface ServerPingResult {
  servers: Array<Partial<RttSummary> & {name: string; id: string; cluster?: string; rtts_ms: number[]}>
  summary?: RttSummary
  rounds: number
}

export default class ServerPing extends SystemCommand<typeof ServerPing> {
  static args = {
    expect: Args.integer({description: 'how many servers to expect (stop waiting once they answered)', min: 1}),
  }
  static description = `Ping every server and show each one's round trip time, with min/avg/max

Each round sends one system ping ($SYS.REQ.SERVER.PING) and times every server's reply. --count rounds
give each server several samples; --graph draws how the reply times spread.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --count 10 --graph',
    '<%= config.bin %> <%= command.id %> 3 --id --json',
  ]
  static flags = {
    count: Flags.integer({default: 1, description: 'how many rounds of pings to send', min: 1}),
    graph: Flags.boolean({description: 'draw a chart of the reply times'}),
    id: Flags.boolean({description: 'show each server ID too'}),
  }
  static hiddenAliases = topicAliases('ping')

  public async run(): Promise<ServerPingResult> {
    const {rttChart, summarise} = await import('../../lib/server/ping.js')
    const {formatDuration} = await import('../../lib/format.js')
    const byServer = new Map<string, ServerPingResult['servers'][number]>()
    const all: number[] = []
    const stop = this.untilSignal()
    let stopped = false
    void stop.then(() => (stopped = true))
    // eslint-disable-next-line no-unmodified-loop-condition -- `stopped` is set by the signal handler above
    for (let round = 0; round < this.flags.count && !stopped; round++) {
      await this.request<Statsz>('statsz', {
        expect: this.args.expect,
        expectActive: true,
        onReply: (reply) => {
          const rtt = Number(reply.rttMs.toFixed(3))
          all.push(rtt)
          const entry = byServer.get(reply.server.id) ?? {name: reply.server.name, id: reply.server.id, cluster: reply.server.cluster, rtts_ms: []}
          entry.rtts_ms.push(rtt)
          byServer.set(reply.server.id, entry)
          const who = this.flags.id ? `${reply.server.id} ${reply.server.name.padEnd(60)}` : reply.server.name.padEnd(60)
          this.log(`${who} rtt=${formatDuration(rtt)}`)
        },
      })
    }
    const servers = [...byServer.values()].map((s) => ({...s, ...summarise(s.rtts_ms)}))
    const summary = summarise(all)
    this.log('')
    this.log('---- ping statistics ----')
    if (summary) {
      this.log(`${summary.replies} replies max: ${summary.max.toFixed(2)} min: ${summary.min.toFixed(2)} avg: ${summary.avg.toFixed(2)}`)
    } else this.log('no responses received')
    if (this.flags.count > 1 && servers.length > 0) {
      const {renderTable} = await import('../../lib/ui/table.js')
      this.log('')
      this.log(
        await renderTable({
          title: 'Round Trip Times (ms)',
          head: ['Server', 'Replies', 'Min', 'Avg', 'Max'],
          rows: servers
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((s) => [s.name, String(s.rtts_ms.length), s.min!.toFixed(2), s.avg!.toFixed(2), s.max!.toFixed(2)]),
          alignRight: [1, 2, 3, 4],
        }),
      )
    }
    if (this.flags.graph && all.length > 0) {
      this.log('')
      this.log(rttChart(all))
    }
    const expected = this.args.expect
    if (expected && servers.length < expected) this.log(`\nMissing ${expected - servers.length} server(s)`)
    return {servers, summary, rounds: this.flags.count}
  }
}
