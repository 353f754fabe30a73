import {topicAliases} from '../../../lib/server/aliases.js'
import type {CheckResult} from '../../../lib/server/check.js'
import {CheckCommand, checkFlags, durationFlag} from '../../../lib/server/check-command.js'

export default class ServerCheckConnection extends CheckCommand<typeof ServerCheckConnection> {
  static aliases = ['server:check:conn']
  static description = `Check that a connection can be made, and how long it, its RTT and a round trip take

Connects to the target, measures the connect time and the server's RTT, and sends a message through the
server to the connection's own inbox. Exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (a bad flag).`
  static examples = [
    '<%= config.bin %> <%= command.id %> --server nats://127.0.0.1:4222',
    '<%= config.bin %> <%= command.id %> --connect-warn 100ms --connect-critical 500ms --format json',
  ]
  static flags = {
    ...checkFlags,
    'connect-critical': durationFlag({default: '1s', description: 'critical threshold for the time to connect'}),
    'connect-warn': durationFlag({default: '500ms', description: 'warning threshold for the time to connect'}),
    'req-critical': durationFlag({default: '1s', description: 'critical threshold for the full round trip'}),
    'req-warn': durationFlag({default: '500ms', description: 'warning threshold for the full round trip'}),
    'rtt-critical': durationFlag({default: '1s', description: 'critical threshold for the server RTT'}),
    'rtt-warn': durationFlag({default: '500ms', description: 'warning threshold for the server RTT'}),
  }
  static hiddenAliases = topicAliases('check:connection', 'check:conn')

  protected async check(result: CheckResult): Promise<void> {
    const {checkConnection} = await import('../../../lib/server/checks.js')
    const started = performance.now()
    let nc
    try {
      nc = await this.nc()
    } catch (error) {
      const {toNatsctlError} = await import('../../../lib/errors.js')
      result.critical(`connection failed: ${toNatsctlError(error, this.errorContext).message}`)
      return
    }
    const connectMs = performance.now() - started
    const rttMs = await nc.rtt()
    const {createInbox} = await import('@nats-io/transport-node')
    const {randomBytes} = await import('node:crypto')
    const inbox = createInbox(this.target().inboxPrefix)
    const payload = randomBytes(75).toString('base64')
    const timeoutMs = this.target().timeoutMs
    const sent = performance.now()
    const received = await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => {
        sub.unsubscribe()
        resolve(undefined)
      }, timeoutMs)
      const sub = nc.subscribe(inbox, {
        max: 1,
        callback: (_error, msg) => {
          clearTimeout(timer)
          resolve(msg?.string())
        },
      })
      nc.publish(inbox, payload)
    })
    const requestMs = received === undefined ? undefined : performance.now() - sent
    const f = this.flags
    checkConnection(
      result,
      {url: nc.getServer(), connectMs, rttMs, requestMs, echoed: received === payload},
      {
        connectWarn: f['connect-warn'],
        connectCrit: f['connect-critical'],
        rttWarn: f['rtt-warn'],
        rttCrit: f['rtt-critical'],
        reqWarn: f['req-warn'],
        reqCrit: f['req-critical'],
      },
    )
  }

  protected describeCheck() {
    return {suite: 'connections', name: 'Connection'}
  }
}
