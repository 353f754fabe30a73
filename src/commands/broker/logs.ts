import {Args, Flags} from '../../lib/oclif.js'

import {NatsctlError} from '../../lib/errors.js'
import {BaseCommand} from '../../lib/base-command.js'

export default class BrokerLogs extends BaseCommand<typeof BrokerLogs> {
  static args = {
    name: Args.string({default: 'local', description: 'broker name'}),
  }
  static description = `Print a broker's nats-server log

The log is kept after the broker stops; --follow keeps printing new lines until Ctrl-C.`
  static examples = [
    '<%= config.bin %> <%= command.id %> edge',
    '<%= config.bin %> <%= command.id %> edge --follow',
    '<%= config.bin %> <%= command.id %> edge --lines 20',
  ]
  static flags = {
    follow: Flags.boolean({char: 'f', description: 'keep printing new lines as they are written'}),
    lines: Flags.integer({char: 'n', description: 'print only the last N lines', min: 0}),
    node: Flags.integer({default: 1, description: 'node number in a --cluster broker', min: 1}),
  }
  static hiddenAliases = ['server:logs']

  public async run(): Promise<{file: string}> {
    const {existsSync, readFileSync} = await import('node:fs')
    const path = await import('node:path')
    const {brokerDir, validateBrokerName} = await import('../../lib/broker/state.js')
    const {name} = this.args
    validateBrokerName(name)
    const dir = brokerDir(name)
    const clustered = path.join(dir, `server-${this.flags.node}.log`)
    const file = existsSync(clustered) ? clustered : path.join(dir, 'server.log')
    if (!existsSync(file)) throw new NatsctlError(`no log for broker "${name}" (${file} does not exist)`)
    let text = readFileSync(file, 'utf8')
    if (this.flags.lines !== undefined) {
      const lines = text.replace(/\n$/, '').split('\n')
      text = this.flags.lines === 0 ? '' : lines.slice(-this.flags.lines).join('\n') + '\n'
    }
    process.stdout.write(text)
    if (this.flags.follow) {
      const {followFile} = await import('../../lib/broker/logs.js')
      const stop = followFile(file, (chunk) => process.stdout.write(chunk))
      await this.untilSignal()
      stop()
    }
    return {file}
  }
}
