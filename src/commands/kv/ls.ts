import {Args, Flags} from '../../lib/oclif.js'

import type {BucketStatus} from '../../lib/kv/status.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class KvLs extends NatsCommand<typeof KvLs> {
  static aliases = ['kv:list']
  static args = {
    bucket: Args.string({description: 'list the keys in this bucket instead of the buckets'}),
  }
  static description = `List key-value buckets, or the keys in one bucket

Buckets: natscli's table (bucket, description, created, size, values, last update), smallest first; with
--json an array of the bucket status objects (kv info --json). Keys: one per line; with --json an array.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --names',
    '<%= config.bin %> <%= command.id %> CONFIG --json',
  ]
  static flags = {
    names: Flags.boolean({char: 'n', description: 'print only the bucket names, one per line'}),
  }

  public async run(): Promise<BucketStatus[] | string[]> {
    if (this.args.bucket !== undefined) return this.keys(this.args.bucket)
    const jsm = await this.jsm()
    const {KV_PREFIX} = await import('../../lib/kv/open.js')
    const {bucketStatus} = await import('../../lib/kv/status.js')
    const buckets: BucketStatus[] = []
    // One paged STREAM.LIST: full infos, no request per bucket.
    for await (const info of jsm.streams.list()) if (info.config.name.startsWith(KV_PREFIX)) buckets.push(bucketStatus(info))
    if (this.flags.names) {
      const names = buckets.map((b) => b.bucket).sort()
      for (const name of names) this.log(name)
      return this.jsonEnabled() ? names : buckets
    }
    buckets.sort((a, b) => a.size - b.size || (a.bucket < b.bucket ? -1 : 1))
    if (buckets.length === 0) {
      this.log('No Key-Value buckets found')
      return buckets
    }
    const [{renderTable}, {formatAgo, formatBytes, formatCount, formatTime}] = await Promise.all([
      import('../../lib/ui/table.js'),
      import('../../lib/format.js'),
    ])
    const now = Date.now()
    this.log(
      await renderTable({
        alignRight: [3, 4],
        head: ['Bucket', 'Description', 'Created', 'Size', 'Values', 'Last Update'],
        rows: buckets.map((b) => [
          b.bucket,
          b.description ?? '',
          formatTime(b.created),
          formatBytes(b.size),
          formatCount(b.values),
          b.last_update ? formatAgo(b.last_update, now) : 'never',
        ]),
        title: 'Key-Value Buckets',
      }),
    )
    return buckets
  }

  private async keys(bucket: string): Promise<string[]> {
    const kv = await this.kv(bucket)
    const keys: string[] = []
    const iter = await kv.keys()
    try {
      for await (const key of iter) keys.push(key)
    } finally {
      const {release} = await import('../../lib/kv/release.js')
      await release(iter)
    }
    keys.sort()
    if (keys.length === 0) this.log('No keys found in bucket')
    for (const key of keys) this.log(key)
    return keys
  }
}
