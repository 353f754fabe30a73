import {Args} from '../../lib/oclif.js'

import type {EntryJson} from '../../lib/kv/entry.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class KvHistory extends NatsCommand<typeof KvHistory> {
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
    key: Args.string({description: 'the key', required: true}),
  }
  static description = 'Show every value a key has had that the bucket still keeps (its history setting), oldest first'
  static examples = ['<%= config.bin %> <%= command.id %> CONFIG log.level', '<%= config.bin %> <%= command.id %> CONFIG log.level --json']

  public async run(): Promise<EntryJson[]> {
    const {bucket, key} = this.args
    const {checkKey, keyNotFound} = await import('../../lib/kv/open.js')
    checkKey(key)
    const kv = await this.kv(bucket)
    const {keyHistory, renderHistory} = await import('../../lib/kv/history.js')
    const entries = await keyHistory(kv, key)
    if (entries.length === 0) throw keyNotFound(bucket, key)
    this.log(await renderHistory(bucket, key, entries))
    const {entryJson} = await import('../../lib/kv/entry.js')
    return entries.map((e) => entryJson(e))
  }
}
