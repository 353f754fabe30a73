import {Args, Flags} from '../../lib/oclif.js'

import {NatsCommand} from '../../lib/nats-command.js'

export default class KvPurge extends NatsCommand<typeof KvPurge> {
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
    key: Args.string({description: 'the key', required: true}),
  }
  static description = `Delete a key and every earlier value it had, leaving one purge marker

Asks first on a terminal; without one (or with --json) it refuses unless --force is given.`
  static examples = ['<%= config.bin %> <%= command.id %> CONFIG old.setting --force']
  static flags = {
    force: Flags.boolean({char: 'f', description: 'purge without asking'}),
  }

  public async run(): Promise<{bucket: string; key: string; purged: boolean}> {
    const {bucket, key} = this.args
    const {checkKey} = await import('../../lib/kv/open.js')
    checkKey(key)
    const kv = await this.kv(bucket)
    if (!(await this.confirmDestructive(`Purge key ${bucket} > ${key}?`, `purge key ${key} in bucket ${bucket}`, this.flags.force))) {
      this.log('Skipping purge')
      return {bucket, key, purged: false}
    }
    await kv.purge(key)
    return {bucket, key, purged: true}
  }
}
