import {Args, Flags} from '../../lib/oclif.js'

import type {ObjectBucketStatus} from '../../lib/obj/status.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class ObjectSeal extends NatsCommand<typeof ObjectSeal> {
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
  }
  static description = `Seal a bucket: no object can be added, changed or deleted afterwards (it cannot be undone)

Asks first on a terminal; without one (or with --json) it refuses unless --force is given.`
  static examples = ['<%= config.bin %> <%= command.id %> RELEASES --force']
  static flags = {
    force: Flags.boolean({char: 'f', description: 'seal without asking'}),
  }

  public async run(): Promise<ObjectBucketStatus> {
    const {bucket} = this.args
    const os = await this.os(bucket)
    const {OBJ_PREFIX} = await import('../../lib/obj/open.js')
    const {objectBucketStatus, renderObjectBucket} = await import('../../lib/obj/status.js')
    const question = `Really seal Bucket ${bucket}, sealed buckets can not be unsealed or modified`
    if (!(await this.confirmDestructive(question, `seal bucket ${bucket}`, this.flags.force))) {
      return objectBucketStatus(await (await this.jsm()).streams.info(`${OBJ_PREFIX}${bucket}`))
    }
    await os.seal()
    const info = await (await this.jsm()).streams.info(`${OBJ_PREFIX}${bucket}`)
    this.log(`${bucket} has been sealed`)
    this.log(renderObjectBucket(info))
    return objectBucketStatus(info)
  }
}
