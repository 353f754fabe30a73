import {Args, Flags} from '@oclif/core'

import {NatsCommand} from '../lib/nats-command.js'

export default class Pub extends NatsCommand<typeof Pub> {
  static aliases = ['publish']
  static args = {
    subject: Args.string({description: 'subject to publish to', required: true}),
    body: Args.string({description: 'message body'}),
  }
  static description = 'Publish a message to a subject'
  static examples = ['<%= config.bin %> <%= command.id %> greet.joe "hello joe"']
  static flags = {
    count: Flags.integer({default: 1, description: 'publish this many messages', min: 1}),
  }

  public async run(): Promise<void> {
    const nc = await this.nc()
    const body = this.args.body ?? ''
    for (let i = 0; i < this.flags.count; i++) nc.publish(this.args.subject, body)
    this.status(`Published ${Buffer.byteLength(body)} bytes to "${this.args.subject}"`)
  }
}
