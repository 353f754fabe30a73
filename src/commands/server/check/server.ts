import {Flags} from '../../../lib/oclif.js'

import {topicAliases} from '../../../lib/server/aliases.js'
import type {CheckResult} from '../../../lib/server/check.js'
import {CheckCommand, checkFlags, durationFlag} from '../../../lib/server/check-command.js'
import type {Varz} from '../../../lib/server/sys.js'

export default class ServerCheckServer extends CheckCommand<typeof ServerCheckServer> {
  static description = `Check one NATS server: CPU, memory, connections, subscriptions, uptime, auth, TLS, JetStream

Asks the server named by --name for its varz (over the system account) and checks it against the thresholds
given. For connections and subscriptions a critical threshold below the warning one inverts the check (too
few is bad). Needs the system account (a natsctl broker has one). Exit code: 0 OK, 1 WARNING, 2 CRITICAL,
3 UNKNOWN (a bad flag).`
  static examples = [
    '<%= config.bin %> <%= command.id %> --name n1 --cpu-warn 60 --cpu-critical 90 --js-required',
    '<%= config.bin %> <%= command.id %> --name n1 --conn-warn 10 --conn-critical 2 --uptime-warn 10m --uptime-critical 1m',
  ]
  static flags = {
    ...checkFlags,
    'auth-required': Flags.boolean({description: 'the server must require authentication'}),
    'conn-critical': Flags.integer({description: 'critical threshold for connections (below --conn-warn: too few)'}),
    'conn-warn': Flags.integer({description: 'warning threshold for connections'}),
    'cpu-critical': Flags.integer({description: 'critical threshold for CPU usage, in percent'}),
    'cpu-warn': Flags.integer({description: 'warning threshold for CPU usage, in percent'}),
    'js-required': Flags.boolean({description: 'the server must have JetStream enabled'}),
    'mem-critical': Flags.integer({description: 'critical threshold for memory usage, in bytes'}),
    'mem-warn': Flags.integer({description: 'warning threshold for memory usage, in bytes'}),
    name: Flags.string({description: 'the server to check (its name)', required: true}),
    'subs-critical': Flags.integer({description: 'critical threshold for subscriptions (below --subs-warn: too few)'}),
    'subs-warn': Flags.integer({description: 'warning threshold for subscriptions'}),
    'tls-required': Flags.boolean({description: 'the server must require TLS'}),
    'uptime-critical': durationFlag({description: 'critical when the server has been up for less than this'}),
    'uptime-warn': durationFlag({description: 'warning when the server has been up for less than this'}),
  }
  static hiddenAliases = topicAliases('check:server')

  protected async check(result: CheckResult): Promise<void> {
    const {checkServer} = await import('../../../lib/server/checks.js')
    const f = this.flags
    let replies
    try {
      replies = await this.request<Varz>('varz', {server: f.name})
    } catch (error) {
      const {toNatsctlError} = await import('../../../lib/errors.js')
      result.critical(`varz failed: ${toNatsctlError(error).message}`)
      return
    }
    checkServer(result, replies[0].data, f.name, {
      cpuWarn: f['cpu-warn'],
      cpuCrit: f['cpu-critical'],
      memWarn: f['mem-warn'],
      memCrit: f['mem-critical'],
      connWarn: f['conn-warn'],
      connCrit: f['conn-critical'],
      subsWarn: f['subs-warn'],
      subsCrit: f['subs-critical'],
      uptimeWarn: f['uptime-warn'],
      uptimeCrit: f['uptime-critical'],
      authRequired: f['auth-required'],
      tlsRequired: f['tls-required'],
      jsRequired: f['js-required'],
    })
  }

  protected describeCheck() {
    return {suite: 'server', name: this.flags.name}
  }
}
