import {Args, Flags} from '../../../lib/oclif.js'

import type {StreamInfo} from '@nats-io/jetstream'

import {NatsctlError, onResource} from '../../../lib/errors.js'
import {renderStreamInfo} from '../../../lib/jetstream/render.js'
import {streamNameOrPick} from '../../../lib/jetstream/streams.js'
import {NatsCommand} from '../../../lib/nats-command.js'

interface StepDownResult {
  stream: string
  previous_leader: string
  leader: string
  info: StreamInfo
}

export default class StreamClusterStepDown extends NatsCommand<typeof StreamClusterStepDown> {
  static aliases = ['stream:cluster:stepdown', 'stream:cluster:sd', 'stream:cluster:elect', 'stream:cluster:down', 'stream:cluster:d']
  static args = {
    name: Args.string({description: 'clustered stream (a picker on a terminal when absent)'}),
  }
  static description = `Make a clustered stream's leader stand down, so its replicas elect a new one
Reports the old and the new leader; exit 1 when no new leader is elected within 5 seconds.`
  static examples = ['<%= config.bin %> <%= command.id %> ORDERS', '<%= config.bin %> <%= command.id %> ORDERS --json']
  static flags = {
    force: Flags.boolean({char: 'f', description: 'ask for the step-down even when the stream has no leader now'}),
  }

  public async run(): Promise<StepDownResult> {
    const name = await streamNameOrPick(this.args.name, () => this.jsm())
    const jsm = await this.jsm()
    const before = await onResource({stream: name}, () => jsm.streams.info(name))
    if (!before.cluster || (before.cluster.replicas ?? []).length === 0) {
      throw new NatsctlError(`stream "${name}" is not clustered: it has one replica, so there is no other to lead`)
    }
    let previous = before.cluster.leader ?? ''
    if (!previous) {
      if (!this.flags.force) throw new NatsctlError(`stream "${name}" has no current leader (pass --force to ask anyway)`)
      previous = '<unknown>'
    }
    const peers = (before.cluster.replicas ?? []).length + 1
    this.status(`Requesting leader step down of "${previous}" for stream "${name}" in a ${peers} peer cluster group`)
    const {apiRequest} = await import('../../../lib/jetstream/backup.js')
    await onResource({stream: name}, () => apiRequest(jsm, `STREAM.LEADER.STEPDOWN.${name}`))

    let info = before
    for (let attempt = 0; attempt < 10; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500))
      try {
        info = await jsm.streams.info(name)
      } catch (error) {
        this.status(`Failed to retrieve Stream State: ${(error as Error).message}`)
        continue
      }
      const leader = info.cluster?.leader
      if (!leader) {
        this.status('No leader elected')
        continue
      }
      if (leader !== previous) {
        this.status(`New leader elected "${leader}"`)
        this.log(renderStreamInfo(info))
        return {info, leader, previous_leader: previous, stream: name}
      }
    }
    throw new NatsctlError(`stream "${name}" did not elect a new leader in time (the leader is still "${info.cluster?.leader ?? 'none'}")`)
  }
}
