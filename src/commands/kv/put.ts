import {Args} from '../../lib/oclif.js'

import {NatsCommand} from '../../lib/nats-command.js'

export default class KvPut extends NatsCommand<typeof KvPut> {
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
    key: Args.string({description: 'the key', required: true}),
    value: Args.string({description: 'the value (read from stdin when absent, byte for byte)'}),
  }
  static description = `Store a value under a key

The value comes from the VALUE argument, or from stdin when it is absent (binary safe: the bytes in are the
bytes stored). Prints the value given as an argument, as natscli does; --json gives the new revision.`
  static examples = [
    '<%= config.bin %> <%= command.id %> CONFIG log.level debug',
    'cat settings.json | <%= config.bin %> <%= command.id %> CONFIG settings',
    '<%= config.bin %> <%= command.id %> CONFIG log.level info --js-domain embedded --json',
  ]

  public async run(): Promise<{bucket: string; key: string; revision: number}> {
    const {bucket, key, value} = this.args
    const [{checkKey}, {valueOrStdin}] = await Promise.all([import('../../lib/kv/open.js'), import('../../lib/kv/value.js')])
    checkKey(key)
    const {bytes} = await valueOrStdin(value)
    const kv = await this.kv(bucket)
    const revision = await kv.put(key, bytes)
    if (value !== undefined) this.log(value)
    return {bucket, key, revision}
  }
}
