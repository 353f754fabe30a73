import {Args, Flags} from '../../lib/oclif.js'

import {topicAliases} from '../../lib/server/aliases.js'
import {SystemCommand} from '../../lib/server/command.js'
import type {ServerIdentity, Statsz, SysReply, Varz} from '../../lib/server/sys.js'

interface ServerLsEntry {
  server: ServerIdentity
  statsz: Statsz
}

export default class ServerLs extends SystemCommand<typeof ServerLs> {
  static aliases = ['server:list']
  static args = {
    expect: Args.integer({description: 'how many servers to expect (same as --expect)', min: 1}),
  }
  static description = `List the servers that answer, with their connections, routes, memory and uptime

Every server of the deployment answers a system request ($SYS.REQ.SERVER.PING): the list waits for replies
until they stop coming (or --expect of them answered), within --timeout. It ends with totals, a Cluster
Overview, and warnings when servers run different versions or a cluster has fewer members answering than
its routes expect. With --expect N it exits 1, naming the servers that did not answer, when fewer than N
did: a check for CI. It needs the system account: a context with its credentials, or a natsctl broker
(which has one).`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --expect 3',
    '<%= config.bin %> <%= command.id %> --context prod_system --sort conns --json',
  ]
  static flags = {
    expect: Flags.integer({description: 'exit 1 when fewer than this many servers answer (naming the missing ones)', min: 1}),
    reverse: Flags.boolean({char: 'R', description: 'reverse the sort order'}),
    sort: Flags.string({
      default: 'rtt',
      description: 'sort by name, cluster, conns, subs, routes, gws, mem, cpu, slow, uptime or rtt',
      options: ['name', 'cluster', 'conns', 'subs', 'routes', 'gws', 'mem', 'cpu', 'slow', 'uptime', 'rtt'],
    }),
  }
  static hiddenAliases = topicAliases('ls', 'list')

  public async run(): Promise<ServerLsEntry[]> {
    const expect = this.flags.expect ?? this.args.expect
    const list = await import('../../lib/server/list.js')
    const [replies, varz] = await Promise.all([
      this.request<Statsz>('statsz', {expect, expectActive: true}),
      // Configured routes tell how big each cluster should be (best effort: older servers answer it too).
      this.request<Varz>('varz', {expect}).catch(() => []),
    ])
    const sorted = list.sortServers(replies, this.flags.sort as (typeof list.LS_SORTS)[number], this.flags.reverse)
    const clusterList = list.clusters(sorted, varz)
    const warnings = list.warnings(sorted, clusterList)
    const result: ServerLsEntry[] = sorted.map((r) => ({server: r.server, statsz: r.data}))

    const missing = expect !== undefined && replies.length < expect ? await this.missing(replies) : undefined

    if (this.jsonEnabled()) {
      if (missing) this.logJson(result)
    } else {
      const {renderTable} = await import('../../lib/ui/table.js')
      const rows = list.overviewRows(sorted)
      rows.push(list.totalsRow(sorted, clusterList, warnings))
      this.log(await renderTable({title: 'Server Overview', head: list.OVERVIEW_HEAD, rows, alignRight: [5, 6, 7, 8, 9, 10, 11, 12]}))
      if (clusterList.length > 0) {
        const clusterRows = clusterList.map((c) => [
          c.name,
          `${c.nodes.length}${c.expected > c.nodes.length ? ` of ${c.expected}` : ''}`,
          String(c.gatewaysOut),
          String(c.gatewaysIn),
          String(c.connections),
        ])
        const sum = (pick: (c: (typeof clusterList)[number]) => number) => String(clusterList.reduce((n, c) => n + pick(c), 0))
        clusterRows.push(['Totals', sum((c) => c.nodes.length), sum((c) => c.gatewaysOut), sum((c) => c.gatewaysIn), sum((c) => c.connections)])
        this.log('')
        this.log(
          await renderTable({
            title: 'Cluster Overview',
            head: ['Cluster', 'Node Count', 'Outgoing Gateways', 'Incoming Gateways', 'Connections'],
            rows: clusterRows,
          }),
        )
      }
      if (warnings.length > 0) {
        const {styles} = await import('../../lib/ui/colour.js')
        this.log('')
        for (const warning of warnings) this.log(styles().warn(`WARNING: ${warning}`))
      }
    }
    if (missing) {
      const who = missing.length ? `missing: ${missing.join(', ')}` : 'the missing servers are not known to those that answered'
      const {NatsctlError} = await import('../../lib/errors.js')
      throw new NatsctlError(`expected ${expect} servers, ${replies.length} answered (${who})`)
    }
    return result
  }

  /** Who should have answered: route peers of those that did, JetStream meta peers, a natsctl broker's nodes. */
  private async missing(replies: SysReply<Statsz>[]): Promise<string[]> {
    const {missingServers} = await import('../../lib/server/list.js')
    const known: string[] = []
    if (this.broker) {
      known.push(
        ...this.broker.nodes.map(
          (node, i) => node.name ?? (this.broker!.nodes.length > 1 ? `${this.broker!.serverName}-${i + 1}` : this.broker!.serverName),
        ),
      )
    }
    try {
      const jsz = await this.request<{meta_cluster?: {replicas?: Array<{name: string}>; leader?: string}}>('jsz', {idleMs: 250})
      for (const r of jsz) {
        for (const peer of r.data.meta_cluster?.replicas ?? []) known.push(peer.name)
        if (r.data.meta_cluster?.leader) known.push(r.data.meta_cluster.leader)
      }
    } catch {}
    return missingServers(replies, known)
  }
}
