import {Args} from '../../lib/oclif.js'

import {NatsCommand} from '../../lib/nats-command.js'

interface ServicePong {
  name: string
  id: string
  version: string
  rtt_ms: number
}

export default class ServicePing extends NatsCommand<typeof ServicePing> {
  static args = {
    service: Args.string({description: 'ping the instances of this service only'}),
  }
  static description = `Ping the NATS micro services: every instance that answers, with its round trip time

Sends $SRV.PING (or $SRV.PING.NAME) and prints each instance as it answers, until the replies stop for a
short interval (within --timeout). Exits 1 when no instance answers.`
  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> orders --timeout 2s --json']

  public async run(): Promise<ServicePong[]> {
    const [{gatherServices, noInstances}, {formatDuration}] = await Promise.all([
      import('../../lib/service/discovery.js'),
      import('../../lib/format.js'),
    ])
    const nc = await this.nc()
    const target = this.target()
    const pongs: ServicePong[] = []
    await gatherServices(nc, 'PING', this.args.service, undefined, {
      timeoutMs: target.timeoutMs,
      inboxPrefix: target.inboxPrefix,
      onReply: (reply, rttMs) => {
        const r = reply as {name: string; id: string; version: string}
        pongs.push({name: r.name, id: r.id, version: r.version, rtt_ms: Number(rttMs.toFixed(3))})
        this.log(`${`${r.name} ${r.id}`.padEnd(50)} rtt=${formatDuration(rttMs)}`)
      },
    })
    if (pongs.length === 0) throw noInstances(this.args.service)
    return pongs
  }
}
