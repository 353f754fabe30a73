import {Args, Flags} from '../../lib/oclif.js'

import type {StreamInfo, StreamUpdateConfig} from '@nats-io/jetstream'

import {onResource, UsageError} from '../../lib/errors.js'
import {checkMirror, checkServerSupport, configFromFlags, type PartialStreamConfig, readConfigFile} from '../../lib/jetstream/config.js'
import {replicationFlags, streamConfigFlags} from '../../lib/jetstream/flags.js'
import {type ConfigChange, diffConfigs, renderDiff, renderStreamInfo} from '../../lib/jetstream/render.js'
import {NatsCommand} from '../../lib/nats-command.js'

/** Mirror and source flags exist on edit only to say how to change them instead. */
const refusedFlags = Object.fromEntries(Object.entries(replicationFlags).map(([k, f]) => [k, {...f, hidden: true}])) as typeof replicationFlags

interface StreamEditResult {
  stream: string
  changes: ConfigChange[]
  updated: boolean
  info?: StreamInfo
}

export default class StreamEdit extends NatsCommand<typeof StreamEdit> {
  static aliases = ['stream:update']
  static args = {
    name: Args.string({description: 'stream name', required: true}),
  }
  static description = 'Change a stream: shows the differences, asks, then updates (--dry-run only shows them)'
  static examples = [
    '<%= config.bin %> <%= command.id %> ORDERS --max-age 30d --force',
    '<%= config.bin %> <%= command.id %> ORDERS --subjects "orders.>,returns.>" --dry-run',
    '<%= config.bin %> <%= command.id %> ORDERS --config orders.json',
  ]
  static flags = {
    ...streamConfigFlags,
    ...refusedFlags,
    config: Flags.string({description: 'apply the settings in this StreamConfig JSON file (or `stream info --json` output)'}),
    'dry-run': Flags.boolean({description: 'only show the differences; exits 1 when there are any, 0 when none'}),
    force: Flags.boolean({char: 'f', description: 'update without asking'}),
  }

  public async run(): Promise<StreamEditResult> {
    const {name} = this.args
    const {flags} = this
    const given = Object.keys(replicationFlags).find((f) => (flags as Record<string, unknown>)[f] !== undefined)
    if (given) throw new UsageError(`mirrors and sources cannot be changed with --${given}: use --config instead`)

    const jsm = await this.jsm()
    const current = await onResource({stream: name}, () => jsm.streams.info(name))
    const old = current.config as PartialStreamConfig
    let fromFile: PartialStreamConfig = {}
    if (flags.config) {
      fromFile = readConfigFile(flags.config)
      if (fromFile.name !== undefined && fromFile.name !== name) {
        throw new UsageError(`${flags.config} configures stream "${fromFile.name}", not "${name}"`)
      }
    }
    // Fields nobody mentioned keep their current values.
    const nc = await this.nc()
    // Before diffing, so a newer server's empty defaults in a --config file are not shown as changes.
    const wanted = checkServerSupport({...old, ...fromFile, ...configFromFlags(flags), name}, nc.info?.version ?? '0.0.0')
    checkMirror(wanted)
    const changes = diffConfigs(old as Record<string, unknown>, wanted as Record<string, unknown>)
    if (changes.length === 0) {
      this.log('No difference in configuration')
      return {changes, stream: name, updated: false}
    }
    this.log(renderDiff(changes))
    if (flags['dry-run']) {
      // Like natscli and diff(1): a difference is exit 1, so scripts can detect drift.
      process.exitCode = 1
      return {changes, stream: name, updated: false}
    }
    this.log('')
    if (!(await this.confirmDestructive(`Really edit Stream ${name}`, `edit stream ${name}`, flags.force))) {
      return {changes, stream: name, updated: false}
    }
    const info = await onResource({stream: name}, () => jsm.streams.update(name, wanted as Partial<StreamUpdateConfig>))
    this.log(`Stream ${name} was updated`)
    this.log('')
    this.log(renderStreamInfo(info))
    return {changes, info, stream: name, updated: true}
  }
}
