import {NatsCommand} from '../../lib/nats-command.js'

import type {AccountInfoResult} from '../../lib/server/account.js'

export default class AccountInfo extends NatsCommand<typeof AccountInfo> {
  static aliases = ['account:nfo']
  static description = `Show who you are connected as: user, account, connection, JetStream limits and usage

The user and account come from the server ($SYS.REQ.USER.INFO on nats-server 2.10+, else your own
connection in the account's connz); JetStream usage, limits per tier and API totals from $JS.API.INFO.`
  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --context prod --json']

  public async run(): Promise<AccountInfoResult> {
    const nc = await this.nc()
    const {accountInfo, renderAccountInfo} = await import('../../lib/server/account.js')
    const target = this.target()
    const result = await accountInfo(nc, () => this.jsm(), {timeoutMs: target.timeoutMs, inboxPrefix: target.inboxPrefix})
    this.log(renderAccountInfo(result))
    return result
  }
}
