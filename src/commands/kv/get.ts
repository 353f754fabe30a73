import {Args, Flags} from '../../lib/oclif.js'

import type {EntryJson} from '../../lib/kv/entry.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class KvGet extends NatsCommand<typeof KvGet> {
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
    key: Args.string({description: 'the key', required: true}),
  }
  static description = `Show the value of a key

A missing (or deleted) key or bucket is one line on stderr and exit 1, so scripts can test for it. --raw
writes the value's bytes alone to stdout, nothing added.`
  static examples = [
    '<%= config.bin %> <%= command.id %> CONFIG log.level',
    '<%= config.bin %> <%= command.id %> CONFIG settings --raw > settings.json',
    '<%= config.bin %> <%= command.id %> CONFIG log.level --revision 3 --json',
  ]
  static flags = {
    raw: Flags.boolean({description: 'write only the value (its bytes, no newline added)'}),
    revision: Flags.integer({description: 'the value at this revision, instead of the latest', min: 1}),
  }

  public async run(): Promise<EntryJson> {
    const {bucket, key} = this.args
    const {checkKey, keyNotFound} = await import('../../lib/kv/open.js')
    checkKey(key)
    const kv = await this.kv(bucket)
    const revision = this.flags.revision
    const entry = await kv.get(key, revision === undefined ? undefined : {revision})
    if (!entry || entry.operation !== 'PUT') {
      if (revision !== undefined && entry === null) {
        const {NatsctlError} = await import('../../lib/errors.js')
        throw new NatsctlError(`revision ${revision} of key "${key}" not found in bucket "${bucket}"`)
      }
      throw keyNotFound(bucket, key)
    }
    const {entryJson, renderEntry} = await import('../../lib/kv/entry.js')
    if (this.flags.raw && !this.jsonEnabled()) {
      await new Promise<void>((resolve, reject) => process.stdout.write(entry.value, (error) => (error ? reject(error) : resolve())))
    } else {
      this.log(renderEntry(entry))
    }
    return entryJson(entry)
  }
}
