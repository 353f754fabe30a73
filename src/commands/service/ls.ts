import {Args} from '../../lib/oclif.js'

import {NatsCommand} from '../../lib/nats-command.js'
import type {InfoResponse} from '../../lib/service/discovery.js'

export default class ServiceLs extends NatsCommand<typeof ServiceLs> {
  static aliases = ['service:list', 'service:l']
  static args = {
    service: Args.string({description: 'list the instances of this service only'}),
  }
  static description = `List the NATS micro services that answer: name, versions, instances, description

Every instance answers $SRV.INFO (or $SRV.INFO.NAME); the replies are gathered until they stop coming for a
short interval, within --timeout. With a service name, one row per instance (its ID). --json is the
instances' info replies (io.nats.micro.v1.info_response), as natscli prints them.`
  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> orders --json']

  public async run(): Promise<InfoResponse[]> {
    const {byNameAndId, gatherServices, summarise} = await import('../../lib/service/discovery.js')
    const nc = await this.nc()
    const target = this.target()
    const gathered = await gatherServices<InfoResponse>(nc, 'INFO', this.args.service, undefined, {
      timeoutMs: target.timeoutMs,
      inboxPrefix: target.inboxPrefix,
    })
    const infos = byNameAndId(gathered.map((g) => g.reply))
    if (!this.jsonEnabled()) {
      if (infos.length === 0) {
        this.log('No results received')
        return infos
      }
      const {renderTable} = await import('../../lib/ui/table.js')
      if (this.args.service) {
        const rows = infos.map((i) => [i.name, i.version, i.id, i.description ?? ''])
        this.log(await renderTable({title: `${this.args.service} Service Instances`, head: ['Name', 'Version', 'ID', 'Description'], rows}))
      } else {
        const rows = summarise(infos).map((s) => [s.name, s.versions.join(', '), s.instances, s.description])
        this.log(await renderTable({title: 'All Services', head: ['Name', 'Version', 'Instances', 'Description'], rows, alignRight: [2]}))
      }
    }
    return infos
  }
}
