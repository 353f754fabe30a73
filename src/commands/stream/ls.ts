import {Flags} from '../../lib/oclif.js'

import type {StreamInfo} from '@nats-io/jetstream'

import {formatAgo, formatBytes, formatCount, formatTime} from '../../lib/format.js'
import {NatsCommand} from '../../lib/nats-command.js'
import {renderTable} from '../../lib/ui/table.js'

/** Streams that back key-value buckets and object stores: hidden unless --all. */
const SYSTEM_PREFIXES = ['KV_', 'OBJ_']

export default class StreamLs extends NatsCommand<typeof StreamLs> {
  static aliases = ['stream:list', 'stream:l']
  static description = 'List streams: a table, or names only (--names; --json prints the names as natscli does)'
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --subject "orders.>" --names',
    '<%= config.bin %> <%= command.id %> --json --js-domain edge',
  ]
  static flags = {
    all: Flags.boolean({char: 'a', description: 'include key-value and object store streams (KV_, OBJ_)'}),
    names: Flags.boolean({char: 'n', description: 'print only the stream names, one per line'}),
    subject: Flags.string({description: 'only streams that store messages on this subject (filtered by the server)'}),
  }

  public async run(): Promise<string[]> {
    const jsm = await this.jsm()
    // One paged STREAM.LIST call returns full infos: no request per stream, however many there are.
    const streams: StreamInfo[] = []
    let hidden = 0
    for await (const info of jsm.streams.list(this.flags.subject)) {
      if (this.flags.all || !SYSTEM_PREFIXES.some((p) => info.config.name.startsWith(p))) streams.push(info)
      else hidden++
    }
    streams.sort((a, b) => (a.config.name < b.config.name ? -1 : a.config.name > b.config.name ? 1 : 0))

    // natscli's `stream ls --json` is the list of names; `stream report --json` has the full objects.
    const names = streams.map((s) => s.config.name)
    if (this.flags.names) {
      for (const name of names) this.log(name)
      return names
    }
    if (streams.length === 0) {
      const none = this.flags.subject ? `No Streams defined matching ${this.flags.subject}` : 'No Streams defined'
      this.log(hidden > 0 ? `${none}, pass -a to include system streams` : none)
      return names
    }
    const now = Date.now()
    this.log(
      await renderTable({
        alignRight: [3, 4],
        head: ['Name', 'Description', 'Created', 'Messages', 'Size', 'Last Message'],
        rows: streams.map((s) => [
          s.config.name,
          s.config.description ?? '',
          formatTime(s.created),
          formatCount(s.state.messages),
          formatBytes(s.state.bytes),
          s.state.last_seq > 0 ? formatAgo(s.state.last_ts, now) : 'never',
        ]),
        title: this.flags.subject ? `Streams matching ${this.flags.subject}` : 'Streams',
      }),
    )
    return names
  }
}
