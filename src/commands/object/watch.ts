import {Args, Flags} from '../../lib/oclif.js'

import {NatsCommand} from '../../lib/nats-command.js'

export default class ObjectWatch extends NatsCommand<typeof ObjectWatch> {
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
  }
  static description = `Watch a bucket's objects change

Shows each object the bucket holds, then every put and delete as it happens, until Ctrl-C (exit 0) or
--count changes. --json writes one JSON object per line (NDJSON).`
  static examples = ['<%= config.bin %> <%= command.id %> FILES', '<%= config.bin %> <%= command.id %> FILES --json --count 1']
  static flags = {
    count: Flags.integer({description: 'exit after this many entries', min: 1}),
  }

  public async run(): Promise<void> {
    const {bucket} = this.args
    const json = this.jsonEnabled()
    const [{objectJson}, {formatBytes, formatCount, formatTime}, {styles}] = await Promise.all([
      import('../../lib/obj/status.js'),
      import('../../lib/format.js'),
      import('../../lib/ui/colour.js'),
    ])
    await this.runLongLived(async ({follow, out}) => {
      const os = await this.os(bucket)
      const watcher = await os.watch({includeHistory: true})
      const s = styles()
      try {
        await follow(
          watcher,
          (info) => {
            const o = objectJson(info)
            if (json) out.write(`${JSON.stringify(o)}\n`)
            else if (o.deleted) out.write(`[${formatTime(o.mtime)}] ${s.critical('DEL')} ${o.bucket} > ${o.name}\n`)
            else
              out.write(
                `[${formatTime(o.mtime)}] ${s.ok('PUT')} ${o.bucket} > ${o.name}: ${formatBytes(o.size)} in ${formatCount(o.chunks)} chunks\n`,
              )
          },
          this.flags.count,
        )
      } finally {
        const {release} = await import('../../lib/kv/release.js')
        await release(watcher)
      }
    })
  }
}
