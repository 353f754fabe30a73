import {Args, Flags} from '../../lib/oclif.js'

import type {StreamConfig, StreamInfo} from '@nats-io/jetstream'

import {isJsApiError, JsApi, NatsctlError, UsageError} from '../../lib/errors.js'
import {formatDuration} from '../../lib/format.js'
import {readConfigFile} from '../../lib/jetstream/config.js'
import {renderStreamInfo} from '../../lib/jetstream/render.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class StreamRestore extends NatsCommand<typeof StreamRestore> {
  static args = {
    dir: Args.string({description: 'directory holding the backup (backup.json and stream.tar.s2)', required: true}),
  }
  static description = `Restore a stream from a backup over the network
Reads a directory written by \`stream backup\` (or natscli's), recreates the stream under its own name with
its messages, sequences and consumers. A stream of that name must not exist: restore never replaces one.`
  static examples = [
    '<%= config.bin %> <%= command.id %> /backups/orders',
    '<%= config.bin %> <%= command.id %> /backups/orders --replicas 3 --no-progress',
  ]
  static flags = {
    cluster: Flags.string({description: 'place the stream in this cluster'}),
    config: Flags.string({
      description: 'restore with the configuration in this file (StreamConfig JSON or `stream info --json` output; same stream name)',
    }),
    progress: Flags.boolean({allowNo: true, default: true, description: 'show a progress bar on a terminal'}),
    replicas: Flags.integer({description: 'number of replicas to restore the stream with', min: 1}),
    tag: Flags.string({description: 'place the stream on servers with this tag (repeatable)', multiple: true}),
  }

  public async run(): Promise<StreamInfo> {
    const {dir} = this.args
    const {flags} = this
    const [{readBackupMeta, restoreStream}, {createProgress}] = await Promise.all([
      import('../../lib/jetstream/backup.js'),
      import('../../lib/ui/progress.js'),
    ])
    const meta = readBackupMeta(dir)
    let config = {...meta.config} as StreamConfig
    if (flags.config) {
      config = readConfigFile(flags.config) as StreamConfig
      if (config.name !== meta.config.name) {
        throw new UsageError(
          `${flags.config} configures stream "${config.name}", but the backup is of "${meta.config.name}": stream names cannot change during a restore`,
        )
      }
    }
    if (flags.cluster !== undefined || flags.tag !== undefined) config.placement = {cluster: flags.cluster ?? '', tags: flags.tag ?? []}
    if (flags.replicas !== undefined) config.num_replicas = flags.replicas
    const {name} = config

    const nc = await this.nc()
    const jsm = await this.jsm()
    // Restore never replaces a stream: say so plainly instead of the server's "stream name already in use".
    const exists = await jsm.streams.info(name).then(
      () => true,
      (error) => {
        if (isJsApiError(error, JsApi.StreamNotFound)) return false
        throw error
      },
    )
    if (exists) {
      throw new NatsctlError(`stream "${name}" already exists: restore does not replace a stream (remove it first with \`stream rm ${name}\`)`)
    }

    this.status(`Starting restore of Stream "${name}" from ${dir}`)
    let bar: ReturnType<typeof createProgress> | undefined
    const result = await restoreStream(nc, jsm, {
      config,
      dir,
      meta,
      onProgress: (p) => {
        bar ??= createProgress('Restoring', p.total, {enabled: flags.progress && !this.jsonEnabled()})
        bar.update(p.bytes)
      },
      timeoutMs: this.target().timeoutMs,
    })
    bar?.finish()
    this.log(`Restored stream "${name}" in ${formatDuration(result.duration_ms)}`)
    this.log('')
    this.log(renderStreamInfo(result.info))
    return result.info
  }
}
