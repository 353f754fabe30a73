import {Args, Flags} from '../../lib/oclif.js'
import {writeFileSync} from 'node:fs'

import type {ConsumerConfig, ConsumerInfo} from '@nats-io/jetstream'

import {UsageError} from '../../lib/errors.js'
import {
  checkConsumerName,
  checkConsumerServerSupport,
  configFromFlags,
  finishConfig,
  type PartialConsumerConfig,
  readConsumerConfigFile,
} from '../../lib/jetstream/consumer-config.js'
import {consumerConfigFlags} from '../../lib/jetstream/consumer-flags.js'
import {askConsumerName, completeConsumerConfig} from '../../lib/jetstream/consumer-prompts.js'
import {bareConsumerInfo} from '../../lib/jetstream/json.js'
import {renderConsumerInfo} from '../../lib/jetstream/consumer-render.js'
import {onConsumer, streamOrPick} from '../../lib/jetstream/consumer-select.js'
import {NatsCommand} from '../../lib/nats-command.js'
import {isInteractive} from '../../lib/ui/terminal.js'

export default class ConsumerAdd extends NatsCommand<typeof ConsumerAdd> {
  static aliases = ['consumer:create', 'consumer:new']
  static args = {
    stream: Args.string({description: 'stream name (a picker on a terminal when absent)'}),
    name: Args.string({description: 'consumer name (asked on a terminal when absent)'}),
  }
  static description = `Create a consumer: flags for every setting, questions for the rest on a terminal

Without a terminal (or with --defaults) every value not given takes natscli's default: a pull consumer
delivering all messages with explicit acknowledgement.`
  static examples = [
    '<%= config.bin %> <%= command.id %> ORDERS PROCESSOR --pull --deliver all --ack explicit --max-deliver 5 --defaults',
    '<%= config.bin %> <%= command.id %> ORDERS MONITOR --target monitor.orders --deliver new --ack none --heartbeat 10s --flow-control --defaults',
    '<%= config.bin %> <%= command.id %> ORDERS RETRY --pull --backoff linear --backoff-steps 5 --backoff-min 10s --backoff-max 5m --defaults',
    '<%= config.bin %> <%= command.id %> ORDERS --config processor.json',
    '<%= config.bin %> <%= command.id %> ORDERS PROCESSOR --pull --defaults --output processor.json',
  ]
  static flags = {
    ...consumerConfigFlags,
    config: Flags.string({description: 'create from a ConsumerConfig JSON file (or `consumer info --json` output); flags override it'}),
    defaults: Flags.boolean({description: 'accept the default for every value not given, without asking'}),
    output: Flags.string({description: 'write the configuration as JSON to this file instead of creating the consumer', helpValue: 'FILE'}),
  }

  public async run(): Promise<ConsumerInfo | {config: PartialConsumerConfig; file: string}> {
    const {flags} = this
    const interactive = isInteractive() && !this.jsonEnabled()
    const fromFlags = configFromFlags(flags)
    const stream = await streamOrPick(this.args.stream, () => this.jsm())
    let name = this.args.name
    let cfg: PartialConsumerConfig

    if (flags.config) {
      // natscli: a config file is complete; flags override it and nothing is asked.
      const file = readConsumerConfigFile(flags.config)
      cfg = {...file, ...fromFlags}
      name ??= file.durable_name ?? file.name
      if (!name && !flags.ephemeral) throw new UsageError(`${flags.config} has no "durable_name": pass the NAME argument`)
    } else {
      const options = {ask: interactive && !flags.defaults, interactive}
      if (!name && !flags.ephemeral) name = await askConsumerName(options)
      cfg = await completeConsumerConfig(fromFlags, flags, options)
    }
    if (name !== undefined) checkConsumerName(name)
    delete cfg.durable_name
    delete cfg.name
    if (flags.ephemeral) {
      if (name) cfg.name = name
    } else cfg.durable_name = name
    cfg = finishConfig(cfg)

    if (flags.output) {
      writeFileSync(flags.output, JSON.stringify(cfg, null, 2) + '\n', {mode: 0o600})
      this.log(`Consumer configuration for ${name ?? '(ephemeral)'} written to ${flags.output}`)
      return {config: cfg, file: flags.output}
    }

    const nc = await this.nc()
    cfg = checkConsumerServerSupport(cfg, nc.info?.version ?? '0.0.0')
    const jsm = await this.jsm()
    const info = await onConsumer(stream, name, () => jsm.consumers.add(stream, cfg as ConsumerConfig))
    this.log(renderConsumerInfo(info))
    return bareConsumerInfo(info)
  }
}
