import {Args, Flags} from '../../lib/oclif.js'

import {NatsCommand} from '../../lib/nats-command.js'

export default class KvCompact extends NatsCommand<typeof KvCompact> {
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
  }
  static description = `Reclaim the space held by deleted keys

Removes the history of every deleted or purged key; the delete markers themselves go once they are older
than 30 minutes. Asks first on a terminal; without one (or with --json) it refuses unless --force is given.`
  static examples = ['<%= config.bin %> <%= command.id %> CONFIG --force']
  static flags = {
    force: Flags.boolean({char: 'f', description: 'compact without asking'}),
  }

  public async run(): Promise<{bucket: string; purged: number}> {
    const {bucket} = this.args
    const kv = await this.kv(bucket)
    const question = `Purge all historic values and audit trails for deleted keys in bucket ${bucket}?`
    if (!(await this.confirmDestructive(question, `compact bucket ${bucket}`, this.flags.force))) {
      this.log('Skipping compact')
      return {bucket, purged: 0}
    }
    const {purged} = await (kv as unknown as {purgeDeletes(): Promise<{purged: number}>}).purgeDeletes()
    const {formatCount} = await import('../../lib/format.js')
    this.log(`Purged ${formatCount(purged)} values from ${bucket}`)
    return {bucket, purged}
  }
}
