import {Args} from '../../lib/oclif.js'

import {NatsctlError} from '../../lib/errors.js'
import {bucketFlags, bucketOptions} from '../../lib/kv/config.js'
import type {BucketStatus} from '../../lib/kv/status.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class KvAdd extends NatsCommand<typeof KvAdd> {
  static aliases = ['kv:new']
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
  }
  static description = `Create a key-value bucket

Shows the new bucket's configuration. --mirror makes a read-only copy of another bucket (with --mirror-domain
for one in another JetStream domain, such as an edge broker's), --source copies the values of one or more
buckets into this one.`
  static examples = [
    '<%= config.bin %> <%= command.id %> CONFIG --history 5 --ttl 7d --description "service settings"',
    '<%= config.bin %> <%= command.id %> CONFIG --republish-destination "cfg.changes.>" --storage memory',
    '<%= config.bin %> <%= command.id %> CFG_BACKUP --mirror CFG --mirror-domain embedded',
  ]
  static flags = bucketFlags

  public async run(): Promise<BucketStatus> {
    const {bucket} = this.args
    const {bucketExists, checkBucketName, KV_PREFIX} = await import('../../lib/kv/open.js')
    checkBucketName(bucket)
    const nc = await this.nc()
    const options = bucketOptions(bucket, this.flags, nc.info?.version)
    const jsm = await this.jsm()
    if (await bucketExists(jsm, bucket)) throw new NatsctlError(`bucket "${bucket}" already exists`)
    await (await this.kvm()).create(bucket, options)
    const info = await jsm.streams.info(`${KV_PREFIX}${bucket}`)
    const {bucketStatus, renderBucketStatus} = await import('../../lib/kv/status.js')
    this.log(renderBucketStatus(info))
    return bucketStatus(info)
  }
}
