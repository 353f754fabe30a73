import {Args, Flags} from '../../lib/oclif.js'

import {NatsctlError, UsageError} from '../../lib/errors.js'
import type {ObjectBucketStatus} from '../../lib/obj/status.js'
import {NatsCommand} from '../../lib/nats-command.js'
import {parseDuration, parseSize} from '../../lib/units.js'

export default class ObjectAdd extends NatsCommand<typeof ObjectAdd> {
  static aliases = ['object:new']
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
  }
  static description = 'Create an object store bucket, and show its configuration'
  static examples = [
    '<%= config.bin %> <%= command.id %> FILES',
    '<%= config.bin %> <%= command.id %> FILES --ttl 30d --max-bucket-size 10GiB --description "build artifacts"',
  ]
  static flags = {
    description: Flags.string({description: 'a description for the bucket'}),
    'max-bucket-size': Flags.string({description: 'the most bytes the bucket may hold, like 10GiB (-1: unlimited)', helpValue: 'BYTES'}),
    replicas: Flags.integer({default: 1, description: 'how many copies of the data to keep in a cluster', min: 1}),
    storage: Flags.string({default: 'file', description: 'where the server keeps the objects', options: ['file', 'memory']}),
    ttl: Flags.string({description: 'how long to keep objects, like 30d (default: for ever)', helpValue: 'DURATION'}),
  }

  public async run(): Promise<ObjectBucketStatus> {
    const {bucket} = this.args
    const {flags} = this
    const {checkObjectBucketName, OBJ_PREFIX} = await import('../../lib/obj/open.js')
    checkObjectBucketName(bucket)
    const ttlMs = flags.ttl === undefined ? 0 : parseDuration(flags.ttl, '--ttl duration')
    if (ttlMs < 0) throw new UsageError('--ttl must be a duration like 30d; leave it out to keep objects for ever')
    const maxBytes = flags['max-bucket-size'] === undefined ? -1 : parseSize(flags['max-bucket-size'], '--max-bucket-size')
    const jsm = await this.jsm()
    const {isJsApiError, JsApi} = await import('../../lib/errors.js')
    const exists = await jsm.streams.info(`${OBJ_PREFIX}${bucket}`).then(
      () => true,
      (error: unknown) => {
        if (isJsApiError(error, JsApi.StreamNotFound)) return false
        throw error
      },
    )
    if (exists) throw new NatsctlError(`bucket "${bucket}" already exists`)
    const [{nanos}, {StorageType}] = await Promise.all([import('@nats-io/transport-node'), import('@nats-io/obj')])
    await (
      await this.objm()
    ).create(bucket, {
      ...(flags.description ? {description: flags.description} : {}),
      max_bytes: maxBytes,
      replicas: flags.replicas,
      storage: flags.storage === 'memory' ? StorageType.Memory : StorageType.File,
      ...(ttlMs > 0 ? {ttl: nanos(ttlMs)} : {}),
    })
    const info = await jsm.streams.info(`${OBJ_PREFIX}${bucket}`)
    const {objectBucketStatus, renderObjectBucket} = await import('../../lib/obj/status.js')
    this.log(renderObjectBucket(info))
    return objectBucketStatus(info)
  }
}
