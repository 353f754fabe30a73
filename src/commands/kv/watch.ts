import {Args, Flags} from '../../lib/oclif.js'

import {UsageError} from '../../lib/errors.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class KvWatch extends NatsCommand<typeof KvWatch> {
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
    key: Args.string({default: '>', description: 'the keys to watch (wildcards * and > allowed)'}),
  }
  static description = `Watch a bucket (or some of its keys) change

Shows the latest value of each key, then every change as it happens (operation, key, revision, value),
until Ctrl-C (exit 0) or --count changes. --json writes one JSON object per line (NDJSON).`
  static examples = [
    '<%= config.bin %> <%= command.id %> CONFIG',
    '<%= config.bin %> <%= command.id %> CONFIG "log.*" --updates --json',
    '<%= config.bin %> <%= command.id %> CONFIG --history --count 10',
  ]
  static flags = {
    count: Flags.integer({description: 'exit after this many entries', min: 1}),
    deletes: Flags.boolean({allowNo: true, default: true, description: 'show deletes and purges (--no-deletes hides them)'}),
    history: Flags.boolean({description: 'start with every value the bucket keeps, not only the latest', exclusive: ['updates', 'revision']}),
    revision: Flags.integer({description: 'start from this revision', exclusive: ['updates', 'history'], min: 1}),
    updates: Flags.boolean({description: 'show only changes made from now on', exclusive: ['history', 'revision']}),
  }

  public async run(): Promise<void> {
    const {bucket, key} = this.args
    const {flags} = this
    if (!/^[-/=.>*\w]+$/.test(key) || key.startsWith('.') || key.endsWith('.')) throw new UsageError(`invalid key filter "${key}"`)
    const json = this.jsonEnabled()
    const [{entryJson, printable}, {formatTime}, {styles}] = await Promise.all([
      import('../../lib/kv/entry.js'),
      import('../../lib/format.js'),
      import('../../lib/ui/colour.js'),
    ])
    await this.runLongLived(async ({follow, out}) => {
      const kv = await this.kv(bucket)
      const {KvWatchInclude} = await import('@nats-io/kv')
      const watcher = await kv.watch({
        ignoreDeletes: !flags.deletes,
        include: flags.history ? KvWatchInclude.AllHistory : flags.updates ? KvWatchInclude.UpdatesOnly : KvWatchInclude.LastValue,
        key,
        ...(flags.revision === undefined ? {} : {resumeFromRevision: flags.revision}),
      })
      const s = styles()
      try {
        await follow(
          watcher,
          (e) => {
            if (json) out.write(`${JSON.stringify(entryJson(e))}\n`)
            else if (e.operation === 'PUT') out.write(`[${formatTime(e.created)}] ${s.ok('PUT')} ${e.bucket} > ${e.key}: ${printable(e.value)}\n`)
            else out.write(`[${formatTime(e.created)}] ${s.critical(e.operation === 'DEL' ? 'DELETE' : e.operation)} ${e.bucket} > ${e.key}\n`)
          },
          flags.count,
        )
      } finally {
        const {release} = await import('../../lib/kv/release.js')
        await release(watcher)
      }
    })
  }
}
