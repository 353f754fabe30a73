import {Args} from '../../lib/oclif.js'

import type {BucketStatus} from '../../lib/kv/status.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class KvInfo extends NatsCommand<typeof KvInfo> {
  static aliases = ['kv:view', 'kv:status']
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
  }
  static description = "Show a key-value bucket's configuration and state (values, size, limits, mirror and sources)"
  static examples = ['<%= config.bin %> <%= command.id %> CONFIG', '<%= config.bin %> <%= command.id %> CONFIG --json --js-domain embedded']

  public async run(): Promise<BucketStatus> {
    const {bucketStreamInfo} = await import('../../lib/kv/open.js')
    const info = await bucketStreamInfo(await this.jsm(), this.args.bucket)
    const {bucketStatus, renderBucketStatus} = await import('../../lib/kv/status.js')
    this.log(renderBucketStatus(info))
    return bucketStatus(info)
  }
}
