import {Args} from '../../lib/oclif.js'

import {NatsctlError, UsageError} from '../../lib/errors.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class KvUpdate extends NatsCommand<typeof KvUpdate> {
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
    key: Args.string({description: 'the key', required: true}),
    value: Args.string({description: 'the new value', required: true}),
    revision: Args.string({description: 'the revision the key must be at (compare and swap)', required: true}),
  }
  static description = `Replace a value only if the key is still at the given revision (compare and swap)

When someone else changed the key since REVISION, nothing is written and the command fails (exit 1)
naming the key's current revision.`
  static examples = [
    '<%= config.bin %> <%= command.id %> CONFIG log.level info 7',
    '<%= config.bin %> <%= command.id %> CONFIG log.level info 7 --json',
  ]

  public async run(): Promise<{bucket: string; key: string; revision: number}> {
    const {bucket, key, value} = this.args
    const expected = Number(this.args.revision)
    if (!Number.isSafeInteger(expected) || expected < 0) throw new UsageError(`invalid revision "${this.args.revision}": use a number`)
    const [{checkKey}, {isWrongLastSequence}] = await Promise.all([import('../../lib/kv/open.js'), import('../../lib/kv/value.js')])
    checkKey(key)
    const kv = await this.kv(bucket)
    let revision: number
    try {
      revision = await kv.update(key, value, expected)
    } catch (error) {
      if (!isWrongLastSequence(error)) throw error
      const current = await kv.get(key)
      const now =
        current && current.operation === 'PUT'
          ? `is at revision ${current.revision}`
          : current
            ? `was deleted at revision ${current.revision}`
            : 'has no value'
      throw new NatsctlError(`key "${key}" in bucket "${bucket}" ${now}, not ${expected}: nothing was written`, {cause: error})
    }
    this.log(value)
    return {bucket, key, revision}
  }
}
