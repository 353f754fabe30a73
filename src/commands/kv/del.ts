import {Args, Flags} from '../../lib/oclif.js'

import {NatsCommand} from '../../lib/nats-command.js'

export default class KvDel extends NatsCommand<typeof KvDel> {
  static aliases = ['kv:rm']
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
    key: Args.string({description: 'the key to delete (without it: the whole bucket)'}),
  }
  static description = `Delete a key, or a whole bucket with all its values

Deleting a key writes a delete marker (its history stays until purged or compacted). Asks first on a
terminal; without one (or with --json) it refuses unless --force is given.`
  static examples = ['<%= config.bin %> <%= command.id %> CONFIG log.level --force', '<%= config.bin %> <%= command.id %> CONFIG --force --json']
  static flags = {
    force: Flags.boolean({char: 'f', description: 'delete without asking'}),
  }

  public async run(): Promise<{bucket: string; key?: string; deleted: boolean}> {
    const {bucket, key} = this.args
    const {bucketStreamInfo, checkKey, keyNotFound} = await import('../../lib/kv/open.js')
    if (key === undefined) {
      const jsm = await this.jsm()
      const info = await bucketStreamInfo(jsm, bucket)
      if (!(await this.confirmDestructive(`Delete bucket ${bucket}?`, `delete bucket ${bucket}`, this.flags.force))) {
        this.log('Skipping delete')
        return {bucket, deleted: false}
      }
      await jsm.streams.delete(info.config.name)
      return {bucket, deleted: true}
    }
    checkKey(key)
    const kv = await this.kv(bucket)
    const entry = await kv.get(key)
    if (!entry || entry.operation !== 'PUT') throw keyNotFound(bucket, key)
    if (!(await this.confirmDestructive(`Delete key ${bucket} > ${key}?`, `delete key ${key} in bucket ${bucket}`, this.flags.force))) {
      this.log('Skipping delete')
      return {bucket, deleted: false, key}
    }
    await kv.delete(key)
    return {bucket, deleted: true, key}
  }
}
