import {Args, Flags} from '../../lib/oclif.js'

import type {BackupResult} from '../../lib/jetstream/backup.js'
import {formatBytes, formatCount, formatDuration} from '../../lib/format.js'
import {NatsCommand} from '../../lib/nats-command.js'
import {onResource} from '../../lib/errors.js'
import {parseSize} from '../../lib/units.js'

export default class StreamBackup extends NatsCommand<typeof StreamBackup> {
  static aliases = ['stream:snapshot']
  static args = {
    name: Args.string({description: 'stream to back up', required: true}),
    dir: Args.string({description: 'directory to write the backup to (backup.json and stream.tar.s2)', required: true}),
  }
  static description = `Back up a stream over the network: its configuration, messages and consumers
Uses the server's snapshot API, so it works against any server you can reach. The directory gets natscli's
layout (backup.json with the configuration and state, stream.tar.s2 with the data), which \`stream restore\`
and natscli's restore read. Memory stays flat whatever the stream's size: each chunk goes to disk as it comes.`
  static examples = [
    '<%= config.bin %> <%= command.id %> ORDERS /backups/orders',
    '<%= config.bin %> <%= command.id %> ORDERS /backups/orders --no-consumers --no-progress',
  ]
  static flags = {
    check: Flags.boolean({description: 'have the server check the stream for health first (slow on large streams)'}),
    'chunk-size': Flags.string({description: 'size of the chunks the server sends, like 128KiB (1KiB to 1MiB)'}),
    consumers: Flags.boolean({allowNo: true, default: true, description: 'include the consumers (their configuration and state)'}),
    progress: Flags.boolean({allowNo: true, default: true, description: 'show a progress bar on a terminal'}),
    'window-size': Flags.string({description: 'data in flight before the server waits for acknowledgements, like 8MiB (nats-server 2.10+)'}),
  }

  public async run(): Promise<BackupResult> {
    const {dir, name} = this.args
    const {flags} = this
    const chunkSize = flags['chunk-size'] === undefined ? undefined : parseSize(flags['chunk-size'], '--chunk-size')
    const windowSize = flags['window-size'] === undefined ? undefined : parseSize(flags['window-size'], '--window-size')
    const [{backupStream}, {createProgress}] = await Promise.all([import('../../lib/jetstream/backup.js'), import('../../lib/ui/progress.js')])
    const nc = await this.nc()
    const jsm = await this.jsm()
    let bar: ReturnType<typeof createProgress> | undefined
    const result = await onResource({stream: name}, () =>
      backupStream(nc, jsm, {
        check: flags.check,
        chunkSize,
        consumers: flags.consumers,
        dir,
        idleMs: Math.max(5000, this.target().timeoutMs),
        inboxPrefix: this.target().inboxPrefix,
        onProgress: (p) => bar?.update(p.uncompressed),
        onStart: (meta) => {
          this.status(`Starting backup of Stream "${name}" with ${formatBytes(meta.state.bytes)}`)
          if (flags.check) this.status('Health Check was requested, this can take a long time without progress reports')
          bar = createProgress('Backing up', meta.state.bytes, {enabled: flags.progress && !this.jsonEnabled()})
        },
        stream: name,
        windowSize,
      }),
    )
    bar?.update(Number.MAX_SAFE_INTEGER)
    bar?.finish()
    this.log(
      `Received ${formatBytes(result.bytes)} compressed data in ${formatCount(result.chunks)} chunks for stream "${name}" in ${formatDuration(result.duration_ms)}, ${formatBytes(result.uncompressed)} uncompressed`,
    )
    return result
  }
}
