import {Flags} from '../../lib/oclif.js'

import type {StreamInfo} from '@nats-io/jetstream'

import {NatsCommand} from '../../lib/nats-command.js'

export default class StreamReport extends NatsCommand<typeof StreamReport> {
  static description = `One row per stream: storage, consumers, messages, bytes, lost and deleted messages, and replicas
The Replicas column names the cluster's servers: the leader is marked *, a replica that is offline or behind
is marked !. Mirrors and sources get a second table with their lag. --json gives every stream's full info.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --messages --subject "orders.>"',
    '<%= config.bin %> <%= command.id %> --json | jq ".[] | {name: .config.name, leader: .cluster.leader}"',
  ]
  static flags = {
    all: Flags.boolean({char: 'a', description: 'include key-value and object store streams (KV_, OBJ_)'}),
    cluster: Flags.string({description: 'only streams in this cluster'}),
    consumers: Flags.boolean({char: 'o', description: 'sort by number of consumers', exclusive: ['messages', 'name', 'storage']}),
    messages: Flags.boolean({char: 'm', description: 'sort by number of messages', exclusive: ['consumers', 'name', 'storage']}),
    name: Flags.boolean({char: 'n', description: 'sort by stream name', exclusive: ['consumers', 'messages', 'storage']}),
    raw: Flags.boolean({char: 'r', description: 'show numbers and sizes unformatted'}),
    storage: Flags.boolean({char: 't', description: 'sort by storage type', exclusive: ['consumers', 'messages', 'name']}),
    subject: Flags.string({description: 'only streams that store messages on this subject'}),
  }

  public async run(): Promise<StreamInfo[]> {
    const {flags} = this
    const {REPLICATION_HEAD, STREAM_REPORT_HEAD, isSystemStream, replicationRows, sortStreams, streamReportRows} =
      await import('../../lib/jetstream/report.js')
    if (!this.jsonEnabled()) this.status('Obtaining Stream stats')
    const jsm = await this.jsm()
    // One paged STREAM.LIST call: full infos, including cluster state, without a request per stream.
    let hidden = 0
    const found: StreamInfo[] = []
    for await (const info of jsm.streams.list(flags.subject)) {
      if (flags.cluster !== undefined && info.cluster?.name !== flags.cluster) continue
      if (!flags.all && isSystemStream(info.config.name)) {
        hidden++
        continue
      }
      found.push(info)
    }
    const sort = flags.consumers ? 'consumers' : flags.messages ? 'messages' : flags.name ? 'name' : flags.storage ? 'storage' : 'bytes'
    const streams = sortStreams(found, sort)
    if (streams.length === 0) {
      this.log(hidden > 0 ? 'No Streams defined, pass -a to include system streams' : 'No Streams defined')
      return streams
    }
    const {renderTable} = await import('../../lib/ui/table.js')
    this.log(
      await renderTable({alignRight: [3, 4, 5, 6, 7], head: STREAM_REPORT_HEAD, rows: streamReportRows(streams, flags.raw), title: 'Stream Report'}),
    )
    const replication = replicationRows(streams, flags.raw)
    if (replication.length > 0) {
      this.log('')
      this.log(await renderTable({alignRight: [5, 6], head: REPLICATION_HEAD, rows: replication, title: 'Replication Report'}))
    }
    return streams
  }
}
