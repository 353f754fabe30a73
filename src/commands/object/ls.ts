import {Args, Flags} from '../../lib/oclif.js'

import type {ObjectBucketStatus, ObjectJson} from '../../lib/obj/status.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class ObjectLs extends NatsCommand<typeof ObjectLs> {
  static aliases = ['object:list']
  static args = {
    bucket: Args.string({description: 'list the objects in this bucket instead of the buckets'}),
  }
  static description = `List object store buckets, or the objects in one bucket

Buckets: natscli's table (bucket, description, created, size, last update), smallest first. Objects: name,
size, modification time and digest. --json gives an array of the same objects as info --json.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> FILES',
    '<%= config.bin %> <%= command.id %> FILES --names',
  ]
  static flags = {
    names: Flags.boolean({char: 'n', description: 'print only the names, one per line'}),
  }

  public async run(): Promise<ObjectBucketStatus[] | ObjectJson[] | string[]> {
    const [{renderTable}, format, status] = await Promise.all([
      import('../../lib/ui/table.js'),
      import('../../lib/format.js'),
      import('../../lib/obj/status.js'),
    ])
    if (this.args.bucket !== undefined) {
      const {bucket} = this.args
      const os = await this.os(bucket)
      // What the client's list() does, keeping hold of the watcher so its consumer can be deleted after.
      const iter = await os.watch({ignoreDeletes: true, includeHistory: true, historyOnly: true} as Parameters<typeof os.watch>[0])
      const objects: ObjectJson[] = []
      try {
        for await (const o of iter) objects.push(status.objectJson(o))
      } finally {
        const {release} = await import('../../lib/kv/release.js')
        await release(iter)
      }
      objects.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      if (this.flags.names) {
        for (const o of objects) this.log(o.name)
        return this.jsonEnabled() ? objects.map((o) => o.name) : objects
      }
      if (objects.length === 0) {
        this.log('No entries found')
        return objects
      }
      this.log(
        await renderTable({
          alignRight: [1],
          head: ['Name', 'Size', 'Time', 'Digest'],
          rows: objects.map((o) => [
            o.name,
            format.formatBytes(o.size),
            format.formatTime(o.mtime),
            o.link
              ? `link to ${o.link.bucket}${o.link.name ? ` > ${o.link.name}` : ''}`
              : status
                  .digestHex(o.digest)
                  .replace(/^SHA-256 /, '')
                  .slice(0, 16),
          ]),
          title: 'Bucket Contents',
        }),
      )
      return objects
    }
    const {OBJ_PREFIX} = await import('../../lib/obj/open.js')
    const jsm = await this.jsm()
    const buckets: ObjectBucketStatus[] = []
    for await (const info of jsm.streams.list()) if (info.config.name.startsWith(OBJ_PREFIX)) buckets.push(status.objectBucketStatus(info))
    if (this.flags.names) {
      const names = buckets.map((b) => b.bucket).sort()
      for (const name of names) this.log(name)
      return this.jsonEnabled() ? names : buckets
    }
    if (buckets.length === 0) {
      this.log('No Object Store buckets found')
      return buckets
    }
    buckets.sort((a, b) => a.size - b.size || (a.bucket < b.bucket ? -1 : 1))
    const now = Date.now()
    this.log(
      await renderTable({
        alignRight: [3],
        head: ['Bucket', 'Description', 'Created', 'Size', 'Last Update'],
        rows: buckets.map((b) => [
          b.bucket,
          b.description ?? '',
          format.formatTime(b.created),
          format.formatBytes(b.size),
          b.last_update ? format.formatAgo(b.last_update, now) : 'never',
        ]),
        title: 'Object Store Buckets',
      }),
    )
    return buckets
  }
}
