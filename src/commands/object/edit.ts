import {Args} from '../../lib/oclif.js'

import {checkApplied, notChanged} from '../../lib/kv/config.js'
import {editedObjectBucketConfig, objectBucketEditFlags} from '../../lib/obj/edit.js'
import type {ObjectBucketStatus} from '../../lib/obj/status.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class ObjectEdit extends NatsCommand<typeof ObjectEdit> {
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
  }
  static description = `Change an object store bucket's configuration

Each setting given replaces the bucket's (the others stay as they are), through an update of the stream
behind the bucket. Shows the new configuration. A setting the server refuses is an error and nothing
changes. A lower --ttl or --max-bucket-size removes the objects beyond it.`
  static examples = [
    '<%= config.bin %> <%= command.id %> FILES --description "build artifacts" --ttl 30d',
    '<%= config.bin %> <%= command.id %> FILES --max-bucket-size 10GiB --json',
  ]
  static flags = objectBucketEditFlags

  public async run(): Promise<ObjectBucketStatus> {
    const {bucket} = this.args
    const [{checkObjectBucketName, OBJ_PREFIX}, {isJsApiError, JsApi, notFound}] = await Promise.all([
      import('../../lib/obj/open.js'),
      import('../../lib/errors.js'),
    ])
    checkObjectBucketName(bucket)
    const jsm = await this.jsm()
    const stream = `${OBJ_PREFIX}${bucket}`
    const current = await jsm.streams.info(stream).catch((error: unknown) => {
      throw isJsApiError(error, JsApi.StreamNotFound) ? notFound({bucket}, {cause: error}) : error
    })
    const wanted = editedObjectBucketConfig(current.config, this.flags)
    const info = await jsm.streams.update(stream, wanted).catch((error: unknown) => {
      throw notChanged(bucket, error)
    })
    checkApplied(bucket, wanted, current.config, info.config)
    const {objectBucketStatus, renderObjectBucket} = await import('../../lib/obj/status.js')
    this.log(renderObjectBucket(info))
    return objectBucketStatus(info)
  }
}
