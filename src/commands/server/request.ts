import {Args, Flags} from '../../lib/oclif.js'

import {topicAliases} from '../../lib/server/aliases.js'
import {endpointOptions, requestOptionFlags} from '../../lib/server/request-options.js'
import {SystemCommand} from '../../lib/server/command.js'
import type {ServerIdentity} from '../../lib/server/sys.js'

export default class ServerRequest extends SystemCommand<typeof ServerRequest> {
  static aliases = ['server:req']
  static args = {
    kind: Args.string({
      description:
        'varz, connz, routez, gatewayz, leafz, subsz, jsz, accountz, healthz or statsz (natscli names such as connections and jetstream work too)',
      required: true,
    }),
    server: Args.string({
      description: "one server, by name or ID (every server when absent); a number is natscli's WAIT: stop after that many replies",
    }),
  }
  static description = `Ask the servers for a raw monitoring object (what their HTTP monitoring port serves)

Every server answers (or the one named); each reply is printed as JSON. --json prints the replies as one
array of {server, data} objects, as the servers sent them.`
  static examples = [
    '<%= config.bin %> <%= command.id %> varz',
    '<%= config.bin %> <%= command.id %> jsz c-1 --json',
    '<%= config.bin %> <%= command.id %> connz --options \'{"subscriptions":true}\'',
    '<%= config.bin %> <%= command.id %> varz --name nats1.example.net',
    '<%= config.bin %> <%= command.id %> connections --filter-state all --sort msgs_to --limit 10',
    '<%= config.bin %> <%= command.id %> jetstream --leader --all',
  ]
  static flags = {
    cluster: Flags.string({description: 'only servers of this cluster'}),
    host: Flags.string({description: 'only servers on this host'}),
    name: Flags.string({description: 'only servers whose name matches this one'}),
    tags: Flags.string({description: 'only servers with this tag (repeatable)', multiple: true}),
    options: Flags.string({description: 'the endpoint\'s options as JSON, e.g. {"accounts":true} for jsz (the flags below add to it)'}),
    ...requestOptionFlags,
  }
  static hiddenAliases = topicAliases('request', 'req')

  public async run(): Promise<Array<{server: ServerIdentity; data: unknown; error?: unknown}>> {
    const {KIND_ALIASES, KINDS} = await import('../../lib/server/sys.js')
    const {UsageError} = await import('../../lib/errors.js')
    const kind = KIND_ALIASES[this.args.kind.toLowerCase()]
    if (!kind) throw new UsageError(`unknown kind "${this.args.kind}": use one of ${KINDS.join(', ')}`)
    let options: Record<string, unknown> = {}
    if (this.flags.options) {
      try {
        options = JSON.parse(this.flags.options) as Record<string, unknown>
      } catch (error) {
        throw new UsageError(`invalid --options: ${(error as Error).message}`)
      }
      if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new UsageError('invalid --options: expected a JSON object')
    }
    // natscli always asks connz for user names (`auth`), as its connection filters need them.
    options = {...(kind === 'connz' ? {auth: true} : {}), ...options, ...endpointOptions(kind, this.flags)}
    // natscli's positional after the kind is WAIT (how many replies to wait for); natsctl's is a server name.
    const wait = this.args.server && /^\d+$/.test(this.args.server) ? Number(this.args.server) : undefined
    const replies = await this.request(kind, {
      server: wait === undefined ? this.args.server : undefined,
      ...(wait ? {expect: wait} : {}),
      options,
      filter: {cluster: this.flags.cluster, host: this.flags.host, name: this.flags.name, tags: this.flags.tags},
    })
    const out = replies
      .filter((r) => !(this.flags['filter-empty'] && (r.data as {num_connections?: number} | undefined)?.num_connections === 0))
      .sort((a, b) => a.server.name.localeCompare(b.server.name))
      .map((r) => ({server: r.server, data: r.data, ...(r.error ? {error: r.error} : {})}))
    for (const reply of out) this.log(JSON.stringify(reply, null, 2))
    return out
  }
}
