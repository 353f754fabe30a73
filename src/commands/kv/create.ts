import {Args} from '../../lib/oclif.js'

import {NatsctlError} from '../../lib/errors.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class KvCreate extends NatsCommand<typeof KvCreate> {
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
    key: Args.string({description: 'the key', required: true}),
    value: Args.string({description: 'the value (read from stdin when absent, byte for byte)'}),
  }
  static description = `Store a value under a key only if the key is new (or was deleted)

Fails (exit 1) when the key already holds a value, so two writers cannot both create it.`
  static examples = [
    '<%= config.bin %> <%= command.id %> LOCKS build-42 "$HOSTNAME"',
    'cat default.json | <%= config.bin %> <%= command.id %> CONFIG settings --json',
  ]

  public async run(): Promise<{bucket: string; key: string; revision: number}> {
    const {bucket, key, value} = this.args
    const [{checkKey}, {isWrongLastSequence, valueOrStdin}] = await Promise.all([import('../../lib/kv/open.js'), import('../../lib/kv/value.js')])
    checkKey(key)
    const {bytes} = await valueOrStdin(value)
    const kv = await this.kv(bucket)
    let revision: number
    try {
      revision = await kv.create(key, bytes)
    } catch (error) {
      if (!isWrongLastSequence(error)) throw error
      const current = await kv.get(key)
      throw new NatsctlError(`key "${key}" already exists in bucket "${bucket}"${current ? ` (revision ${current.revision})` : ''}`, {cause: error})
    }
    if (value !== undefined) this.log(value)
    return {bucket, key, revision}
  }
}
