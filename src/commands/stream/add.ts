import {Args, Flags} from '../../lib/oclif.js'
import {writeFileSync} from 'node:fs'

import type {StreamConfig, StreamInfo} from '@nats-io/jetstream'

import {onResource, UsageError} from '../../lib/errors.js'
import {checkMirror, checkServerSupport, configFromFlags, type PartialStreamConfig, readConfigFile} from '../../lib/jetstream/config.js'
import {createOnlyFlags, replicationFlags, streamConfigFlags} from '../../lib/jetstream/flags.js'
import {askStreamName, completeStreamConfig} from '../../lib/jetstream/prompts.js'
import {renderStreamInfo} from '../../lib/jetstream/render.js'
import {NatsCommand} from '../../lib/nats-command.js'
import {isInteractive} from '../../lib/ui/terminal.js'

export default class StreamAdd extends NatsCommand<typeof StreamAdd> {
  static aliases = ['stream:create', 'stream:new']
  static args = {
    name: Args.string({description: 'stream name (asked on a terminal when absent)'}),
  }
  static description = 'Create a stream: flags for every setting, questions for the rest on a terminal'
  static examples = [
    '<%= config.bin %> <%= command.id %> ORDERS --subjects "orders.>" --max-age 7d --defaults',
    '<%= config.bin %> <%= command.id %> ORDERS_BACKUP --mirror ORDERS --mirror-domain edge --defaults',
    '<%= config.bin %> <%= command.id %> ORDERS --config orders.json',
    '<%= config.bin %> <%= command.id %> ORDERS --subjects "orders.>" --defaults --output orders.json',
  ]
  static flags = {
    ...streamConfigFlags,
    ...replicationFlags,
    ...createOnlyFlags,
    config: Flags.string({description: 'create from a StreamConfig JSON file (or `stream info --json` output); flags override it'}),
    defaults: Flags.boolean({description: 'accept the default for every value not given, without asking'}),
    output: Flags.string({description: 'write the configuration as JSON to this file instead of creating the stream'}),
  }

  public async run(): Promise<StreamInfo | {config: PartialStreamConfig; file: string}> {
    const {flags} = this
    const fromFlags = configFromFlags(flags)
    let cfg: PartialStreamConfig
    let name = this.args.name

    if (flags.config) {
      // natscli: a config file is complete; flags override it and nothing is asked.
      cfg = {...readConfigFile(flags.config), ...fromFlags}
      name ??= cfg.name
      if (!name) throw new UsageError(`${flags.config} has no "name": pass the NAME argument`)
    } else {
      const interactive = isInteractive() && !this.jsonEnabled()
      const options = {ask: interactive && !flags.defaults, interactive, maxBytesRequired: await this.maxBytesRequired(fromFlags, flags.output)}
      name ??= await askStreamName(options)
      cfg = await completeStreamConfig(fromFlags, flags, options)
    }
    if (/[\s.*>/\\]/.test(name)) {
      throw new UsageError(`invalid stream name "${name}": it cannot contain spaces, ".", "*", ">", "/" or "\\"`)
    }
    cfg = {...cfg, name}
    checkMirror(cfg)

    if (flags.output) {
      writeFileSync(flags.output, JSON.stringify(cfg, null, 2) + '\n')
      this.log(`Stream configuration for ${name} written to ${flags.output}`)
      return {config: cfg, file: flags.output}
    }

    const nc = await this.nc()
    cfg = checkServerSupport(cfg, nc.info?.version ?? '0.0.0')
    const jsm = await this.jsm()
    const info = await onResource({stream: name}, () => jsm.streams.add(cfg as Partial<StreamConfig> & {name: string}))
    this.log(`Stream ${name} was created`)
    this.log('')
    this.log(renderStreamInfo(info))
    return info
  }

  /** Whether the account refuses streams without a size limit (asked only when the answer matters). */
  private async maxBytesRequired(cfg: PartialStreamConfig, output: string | undefined): Promise<boolean> {
    if (cfg.max_bytes !== undefined || output) return false
    const jsm = await this.jsm()
    const account = await jsm.getAccountInfo()
    return account.limits?.max_bytes_required === true
  }
}
