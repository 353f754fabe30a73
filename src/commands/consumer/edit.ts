import {Args, Flags} from '../../lib/oclif.js'

import type {ConsumerInfo, ConsumerUpdateConfig} from '@nats-io/jetstream'

import {NatsctlError, UsageError} from '../../lib/errors.js'
import {
  checkConsumerServerSupport,
  editableFromFlags,
  type PartialConsumerConfig,
  readConsumerConfigFile,
  splitFilters,
  withFilters,
} from '../../lib/jetstream/consumer-config.js'
import {consumerEditableFlags} from '../../lib/jetstream/consumer-flags.js'
import {bareConsumerInfo} from '../../lib/jetstream/json.js'
import {renderConsumerDiff, renderConsumerInfo} from '../../lib/jetstream/consumer-render.js'
import {onConsumer} from '../../lib/jetstream/consumer-select.js'
import {type ConfigChange, diffConfigs} from '../../lib/jetstream/render.js'
import {NatsCommand} from '../../lib/nats-command.js'

interface ConsumerEditResult {
  stream: string
  consumer: string
  changes: ConfigChange[]
  updated: boolean
  info?: ConsumerInfo
}

export default class ConsumerEdit extends NatsCommand<typeof ConsumerEdit> {
  static aliases = ['consumer:update']
  static args = {
    stream: Args.string({description: 'stream name', required: true}),
    name: Args.string({description: 'consumer name', required: true}),
  }
  static description = `Change a durable consumer: shows the differences, asks, then updates (--dry-run only shows them)

Only the settings the server lets change are flags here; --config applies a whole ConsumerConfig file.`
  static examples = [
    '<%= config.bin %> <%= command.id %> ORDERS PROCESSOR --max-deliver 10 --wait 1m --force',
    '<%= config.bin %> <%= command.id %> ORDERS PROCESSOR --description "order processor" --dry-run',
    '<%= config.bin %> <%= command.id %> ORDERS PROCESSOR --config processor.json --force',
  ]
  static flags = {
    ...consumerEditableFlags,
    config: Flags.string({description: 'apply the settings in this ConsumerConfig JSON file (or `consumer info --json` output)'}),
    'dry-run': Flags.boolean({description: 'only show the differences; exits 1 when there are any, 0 when none'}),
    force: Flags.boolean({char: 'f', description: 'update without asking'}),
  }

  public async run(): Promise<ConsumerEditResult> {
    const {name, stream} = this.args
    const {flags} = this
    const jsm = await this.jsm()
    const current = await onConsumer(stream, name, () => jsm.consumers.info(stream, name))
    const old = current.config as PartialConsumerConfig
    if (!old.durable_name) throw new NatsctlError(`only durable consumers can be edited: ${stream} > ${name} is ephemeral`)
    let fromFile: PartialConsumerConfig = {}
    if (flags.config) {
      fromFile = readConsumerConfigFile(flags.config)
      const fileName = fromFile.durable_name ?? fromFile.name
      if (fileName !== undefined && fileName !== '' && fileName !== name) {
        throw new UsageError(`${flags.config} configures consumer "${fileName}", not "${name}"`)
      }
    }
    // Fields nobody mentioned keep their current values.
    let wanted: PartialConsumerConfig = {...old, ...fromFile, ...editableFromFlags(flags)}
    const filters = splitFilters(flags.filter)
    if (filters !== undefined) wanted = withFilters(wanted, filters)
    if (wanted.backoff?.length && (wanted.max_deliver === undefined || wanted.max_deliver === -1)) wanted.max_deliver = wanted.backoff.length + 1
    if (wanted.backoff?.length === 0) delete wanted.backoff
    if (old.backoff?.length && wanted.backoff?.length && wanted.ack_wait !== old.ack_wait) {
      throw new UsageError('consumers with backoff policies do not support editing the ack wait (--wait)')
    }
    const nc = await this.nc()
    wanted = checkConsumerServerSupport(wanted, nc.info?.version ?? '0.0.0')
    const changes = diffConfigs(old as Record<string, unknown>, wanted as Record<string, unknown>)
    if (changes.length === 0) {
      this.log('No difference in configuration')
      return {changes, consumer: name, stream, updated: false}
    }
    this.log(renderConsumerDiff(changes))
    if (flags['dry-run']) {
      // Like natscli and diff(1): a difference is exit 1, so scripts can detect drift.
      process.exitCode = 1
      return {changes, consumer: name, stream, updated: false}
    }
    this.log('')
    if (!(await this.confirmDestructive(`Really edit Consumer ${stream} > ${name}`, `edit consumer ${stream} > ${name}`, flags.force))) {
      return {changes, consumer: name, stream, updated: false}
    }
    const info = await onConsumer(stream, name, () => jsm.consumers.update(stream, name, wanted as ConsumerUpdateConfig))
    this.log(`Consumer ${stream} > ${name} was updated`)
    this.log('')
    this.log(renderConsumerInfo(info))
    return {changes, consumer: name, info: bareConsumerInfo(info), stream, updated: true}
  }
}
