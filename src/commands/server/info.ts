import {Args} from '../../lib/oclif.js'

import {topicAliases} from '../../lib/server/aliases.js'
import {SystemCommand} from '../../lib/server/command.js'
import type {Varz} from '../../lib/server/sys.js'

export default class ServerInfo extends SystemCommand<typeof ServerInfo> {
  static aliases = ['server:i']
  static args = {
    server: Args.string({description: 'server name or ID (the first server to answer when absent)'}),
  }
  static description = `Show one server's details: version, limits, cluster, gateways, JetStream limits and usage

Asks the server for its varz over the system account. --json prints the varz object as the server sent it.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> c-2',
    '<%= config.bin %> <%= command.id %> NCSIOO7UOTKOWKXGM7BWDN2632FNLWK5Z4OP3JXV3YLRSCGIT4OSIDOI --json',
  ]
  static hiddenAliases = topicAliases('info', 'i')

  public async run(): Promise<Varz> {
    const [reply] = await this.request<Varz>('varz', this.args.server ? {server: this.args.server} : {expect: 1})
    if (reply.error) {
      const {NatsctlError} = await import('../../lib/errors.js')
      throw new NatsctlError(`${reply.server.name}: ${reply.error.description} (${reply.error.code})`)
    }
    if (!this.jsonEnabled()) {
      const {renderVarz} = await import('../../lib/server/info.js')
      this.log(renderVarz(reply.data))
    }
    return reply.data
  }
}
