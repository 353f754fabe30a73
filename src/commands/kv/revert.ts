import {Args, Flags} from '../../lib/oclif.js'

import {NatsctlError, UsageError} from '../../lib/errors.js'
import type {EntryJson} from '../../lib/kv/entry.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class KvRevert extends NatsCommand<typeof KvRevert> {
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
    key: Args.string({description: 'the key', required: true}),
    revision: Args.string({description: 'the revision whose value becomes the latest again', required: true}),
  }
  static description = `Make an earlier value of a key the latest again

Writes the value REVISION had as a new revision (compare and swap against the latest, so a concurrent
change is not lost), then shows the history. Asks first on a terminal; without one (or with --json) it
refuses unless --force is given.`
  static examples = ['<%= config.bin %> <%= command.id %> CONFIG log.level 3 --force']
  static flags = {
    force: Flags.boolean({char: 'f', description: 'revert without asking'}),
  }

  public async run(): Promise<EntryJson[]> {
    const {bucket, key} = this.args
    const revision = Number(this.args.revision)
    if (!Number.isSafeInteger(revision) || revision < 1) throw new UsageError(`invalid revision "${this.args.revision}": use a number`)
    const {checkKey, keyNotFound} = await import('../../lib/kv/open.js')
    checkKey(key)
    const kv = await this.kv(bucket)
    const {keyHistory, renderHistory} = await import('../../lib/kv/history.js')
    const history = await keyHistory(kv, key)
    if (history.length === 0) throw keyNotFound(bucket, key)
    if (history.length === 1) throw new NatsctlError(`cannot revert key "${key}": bucket "${bucket}" keeps no history for it (history 1)`)
    const target = history.find((e) => e.revision === revision)
    if (!target) throw new NatsctlError(`revision ${revision} of key "${key}" not found in bucket "${bucket}"`)
    if (target.operation !== 'PUT')
      throw new NatsctlError(`revision ${revision} of key "${key}" is a ${target.operation === 'DEL' ? 'delete' : 'purge'}, not a value`)
    const {printable, entryJson} = await import('../../lib/kv/entry.js')
    if (!this.flags.force && !this.jsonEnabled()) {
      const {isInteractive} = await import('../../lib/ui/terminal.js')
      if (isInteractive()) {
        const shown = printable(target.value)
        this.log(`Revision: ${revision}\n\n${shown.length > 40 ? `${shown.slice(0, 15)}...${shown.slice(-15)}` : shown}\n`)
      }
    }
    if (!(await this.confirmDestructive(`Really revert to revision ${revision}`, `revert key ${key} in bucket ${bucket}`, this.flags.force))) {
      return history.map((e) => entryJson(e))
    }
    const latest = history.at(-1)!.revision
    await kv.update(key, target.value, latest)
    const after = await keyHistory(kv, key)
    this.log(await renderHistory(bucket, key, after))
    return after.map((e) => entryJson(e))
  }
}
