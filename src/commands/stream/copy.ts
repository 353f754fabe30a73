import {Args} from '../../lib/oclif.js'

import type {StreamConfig, StreamInfo} from '@nats-io/jetstream'

import {NatsctlError, onResource, UsageError} from '../../lib/errors.js'
import {checkMirror, checkServerSupport, configFromFlags, type PartialStreamConfig} from '../../lib/jetstream/config.js'
import {createOnlyFlags, replicationFlags, streamConfigFlags} from '../../lib/jetstream/flags.js'
import {renderStreamInfo} from '../../lib/jetstream/render.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class StreamCopy extends NatsCommand<typeof StreamCopy> {
  static aliases = ['stream:cp']
  static args = {
    source: Args.string({description: 'stream whose configuration is copied', required: true}),
    destination: Args.string({description: 'name of the new stream', required: true}),
  }
  static description = `Create a stream with the configuration of another (no messages are copied)
Every stream setting flag of \`stream add\` overrides the copied value; give --subjects when the source
listens on subjects, as two streams cannot take the same ones.`
  static examples = [
    '<%= config.bin %> <%= command.id %> ORDERS ORDERS_TEST --subjects "test.orders.>"',
    '<%= config.bin %> <%= command.id %> ORDERS ORDERS_ARCHIVE --subjects "archive.orders.>" --max-age 1y --storage file',
  ]
  static flags = {
    ...streamConfigFlags,
    ...createOnlyFlags,
    ...replicationFlags,
  }

  public async run(): Promise<StreamInfo> {
    const {destination, source} = this.args
    if (source === destination) throw new UsageError('source and destination stream names cannot be the same')
    if (/[\s.*>/\\]/.test(destination)) {
      throw new UsageError(`invalid stream name "${destination}": it cannot contain spaces, ".", "*", ">", "/" or "\\"`)
    }
    const jsm = await this.jsm()
    const from = await onResource({stream: source}, () => jsm.streams.info(source))
    const fromFlags = configFromFlags(this.flags)
    const copied = structuredClone(from.config) as PartialStreamConfig
    // A new mirror or source list replaces the copied one, and the two exclude each other.
    if (fromFlags.mirror) delete copied.sources
    if (fromFlags.sources) delete copied.mirror
    const nc = await this.nc()
    let cfg: PartialStreamConfig = {...copied, ...fromFlags, name: destination}
    if (cfg.mirror) delete cfg.subjects
    checkMirror(cfg)
    cfg = checkServerSupport(cfg, nc.info?.version ?? '0.0.0')
    const info = await jsm.streams.add(cfg as Partial<StreamConfig> & {name: string}).catch((error: unknown) => {
      // 10065: the copied subjects are the source's own.
      if ((error as {code?: unknown}).code === 10_065 && !fromFlags.subjects) {
        throw new NatsctlError(`subjects overlap with an existing stream (10065): give ${destination} its own --subjects`, {cause: error})
      }
      throw error
    })
    this.log(`Stream ${destination} was created`)
    this.log('')
    this.log(renderStreamInfo(info))
    return info
  }
}
