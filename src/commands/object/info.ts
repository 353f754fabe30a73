import {Args} from '../../lib/oclif.js'

import type {ObjectBucketStatus, ObjectJson} from '../../lib/obj/status.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class ObjectInfo extends NatsCommand<typeof ObjectInfo> {
  static aliases = ['object:show', 'object:i']
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
    name: Args.string({description: 'an object in the bucket (without it: the bucket itself)'}),
  }
  static description = "Show an object store bucket's configuration, or one object's size, time, chunks and digest"
  static examples = ['<%= config.bin %> <%= command.id %> FILES', '<%= config.bin %> <%= command.id %> FILES report.pdf --json']

  public async run(): Promise<ObjectBucketStatus | ObjectJson> {
    const {bucket, name} = this.args
    const [{objectNotFound, OBJ_PREFIX}, status] = await Promise.all([import('../../lib/obj/open.js'), import('../../lib/obj/status.js')])
    const os = await this.os(bucket)
    if (name === undefined) {
      const info = await (await this.jsm()).streams.info(`${OBJ_PREFIX}${bucket}`)
      this.log(status.renderObjectBucket(info))
      return status.objectBucketStatus(info)
    }
    const info = await os.info(name)
    if (!info || info.deleted) throw objectNotFound(bucket, name)
    const json = status.objectJson(info)
    this.log(status.renderObjectInfo(json))
    return json
  }
}
