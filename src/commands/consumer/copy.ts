import {Args} from '../../lib/oclif.js'

import type {ConsumerConfig, ConsumerInfo} from '@nats-io/jetstream'

import {
  checkConsumerName,
  checkConsumerServerSupport,
  configFromFlags,
  finishConfig,
  type PartialConsumerConfig,
} from '../../lib/jetstream/consumer-config.js'
import {consumerConfigFlags} from '../../lib/jetstream/consumer-flags.js'
import {requirePauseSupport} from '../../lib/jetstream/consumer-newer.js'
import {bareConsumerInfo} from '../../lib/jetstream/json.js'
import {renderConsumerInfo} from '../../lib/jetstream/consumer-render.js'
import {onConsumer} from '../../lib/jetstream/consumer-select.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class ConsumerCopy extends NatsCommand<typeof ConsumerCopy> {
  static aliases = ['consumer:cp']
  static args = {
    stream: Args.string({description: 'stream name', required: true}),
    source: Args.string({description: 'the consumer to copy', required: true}),
    destination: Args.string({description: 'the new consumer', required: true}),
  }
  static description = `Create a consumer from another's configuration, with flag overrides (nats-server 2.11+)

On an older server it stops with an error naming the version it needs and the one it found.`
  static examples = [
    '<%= config.bin %> <%= command.id %> ORDERS PROCESSOR PROCESSOR_2',
    '<%= config.bin %> <%= command.id %> ORDERS PROCESSOR REPLAY --deliver 1h --description "replay the last hour"',
  ]
  static flags = {...consumerConfigFlags}

  public async run(): Promise<ConsumerInfo> {
    const {destination, source, stream} = this.args
    const nc = await this.nc()
    requirePauseSupport('consumer copy', nc.info?.version)
    if (!this.flags.ephemeral) checkConsumerName(destination)
    const jsm = await this.jsm()
    const from = await onConsumer(stream, source, () => jsm.consumers.info(stream, source))
    const overrides = configFromFlags(this.flags)
    let cfg: PartialConsumerConfig = {...from.config, ...overrides}
    if (this.flags.pull) delete cfg.deliver_subject
    delete cfg.name
    delete cfg.durable_name
    if (!this.flags.ephemeral) cfg.durable_name = destination
    cfg = checkConsumerServerSupport(finishConfig(cfg), nc.info?.version ?? '0.0.0')
    const info = await onConsumer(stream, this.flags.ephemeral ? undefined : destination, () => jsm.consumers.add(stream, cfg as ConsumerConfig))
    this.log(renderConsumerInfo(info))
    return bareConsumerInfo(info)
  }
}
