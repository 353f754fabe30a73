import {Args} from '../../lib/oclif.js'

import {bucketEditFlags, checkApplied, editedBucketConfig, notChanged} from '../../lib/kv/config.js'
import type {BucketStatus} from '../../lib/kv/status.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class KvEdit extends NatsCommand<typeof KvEdit> {
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
  }
  static description = `Change a key-value bucket's configuration

Each setting given replaces the bucket's (the others stay as they are), through an update of the stream
behind the bucket; --source adds a source. Shows the new configuration. A setting the server refuses (more
replicas than servers, a mirror change on an older server) is an error and nothing changes. A lower
--history, --ttl or --max-bucket-size removes the values beyond it.`
  static examples = [
    '<%= config.bin %> <%= command.id %> CONFIG --history 10 --description "service settings"',
    '<%= config.bin %> <%= command.id %> CONFIG --ttl 7d --max-value-size 64KiB --max-bucket-size 1GiB',
    '<%= config.bin %> <%= command.id %> CONFIG --republish-destination "cfg.changes.>" --json',
  ]
  static flags = bucketEditFlags

  public async run(): Promise<BucketStatus> {
    const {bucket} = this.args
    const {bucketStreamInfo, checkBucketName, KV_PREFIX} = await import('../../lib/kv/open.js')
    checkBucketName(bucket)
    const nc = await this.nc()
    const jsm = await this.jsm()
    const current = await bucketStreamInfo(jsm, bucket)
    const wanted = editedBucketConfig(bucket, current.config, this.flags, nc.info?.version)
    const info = await jsm.streams.update(`${KV_PREFIX}${bucket}`, wanted).catch((error: unknown) => {
      throw notChanged(bucket, error)
    })
    checkApplied(bucket, wanted, current.config, info.config)
    const {bucketStatus, renderBucketStatus} = await import('../../lib/kv/status.js')
    this.log(renderBucketStatus(info))
    return bucketStatus(info)
  }
}
