import {Args, Flags} from '../../lib/oclif.js'

import {NatsCommand} from '../../lib/nats-command.js'

export default class ObjectDel extends NatsCommand<typeof ObjectDel> {
  static aliases = ['object:rm']
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
    name: Args.string({description: 'the object to delete (without it: the whole bucket)'}),
  }
  static description = `Delete an object, or a whole bucket with all its objects

Asks first on a terminal; without one (or with --json) it refuses unless --force is given.`
  static examples = ['<%= config.bin %> <%= command.id %> FILES old-backup.tar.gz --force', '<%= config.bin %> <%= command.id %> FILES --force']
  static flags = {
    force: Flags.boolean({char: 'f', description: 'delete without asking'}),
  }

  public async run(): Promise<{bucket: string; name?: string; deleted: boolean}> {
    const {bucket, name} = this.args
    const os = await this.os(bucket)
    const {OBJ_PREFIX, objectNotFound} = await import('../../lib/obj/open.js')
    if (name === undefined) {
      if (!(await this.confirmDestructive(`Delete bucket ${bucket} and all its files?`, `delete bucket ${bucket}`, this.flags.force))) {
        this.log('Skipping delete')
        return {bucket, deleted: false}
      }
      await (await this.jsm()).streams.delete(`${OBJ_PREFIX}${bucket}`)
      return {bucket, deleted: true}
    }
    const info = await os.info(name)
    if (!info || info.deleted) throw objectNotFound(bucket, name)
    const {formatBytes} = await import('../../lib/format.js')
    if (
      !(await this.confirmDestructive(
        `Delete ${formatBytes(info.size)} byte file ${bucket} > ${name}?`,
        `delete object ${name} in bucket ${bucket}`,
        this.flags.force,
      ))
    ) {
      this.log('Skipping delete')
      return {bucket, deleted: false, name}
    }
    await os.delete(name)
    this.log(`Removed ${bucket} > ${name}`)
    return {bucket, deleted: true, name}
  }
}
