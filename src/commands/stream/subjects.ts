import {Args, Flags} from '../../lib/oclif.js'

import {formatCount} from '../../lib/format.js'
import {onResource} from '../../lib/errors.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class StreamSubjects extends NatsCommand<typeof StreamSubjects> {
  static aliases = ['stream:subj']
  static args = {
    name: Args.string({description: 'stream name', required: true}),
    filter: Args.string({default: '>', description: 'only subjects matching this filter (wildcards allowed)'}),
  }
  static description = `List the subjects a stream holds messages on, with their message counts
--json gives natscli's object: each subject with its count.`
  static examples = [
    '<%= config.bin %> <%= command.id %> ORDERS',
    '<%= config.bin %> <%= command.id %> ORDERS "orders.eu.>" --sort name',
    '<%= config.bin %> <%= command.id %> ORDERS --json',
  ]
  static flags = {
    names: Flags.boolean({description: 'print only the subjects, one per line'}),
    reverse: Flags.boolean({char: 'R', description: 'reverse the order'}),
    sort: Flags.string({
      default: 'messages',
      description: 'order by subject name or by message count',
      options: ['name', 'subjects', 'messages', 'count'],
    }),
  }

  public async run(): Promise<Record<string, number>> {
    const {filter, name} = this.args
    const jsm = await this.jsm()
    // The client pages through the server's subject list, however many subjects there are.
    const info = await onResource({stream: name}, () => jsm.streams.info(name, {subjects_filter: filter}))
    const subjects = (info.state.subjects ?? {}) as Record<string, number>
    const byName = this.flags.sort === 'name' || this.flags.sort === 'subjects'
    const names = Object.keys(subjects).sort((a, b) => {
      const order = byName ? (a < b ? -1 : a > b ? 1 : 0) : subjects[a] - subjects[b] || (a < b ? -1 : a > b ? 1 : 0)
      return this.flags.reverse ? -order : order
    })
    if (this.jsonEnabled()) return Object.fromEntries(names.map((n) => [n, subjects[n]]))
    if (names.length === 0) {
      this.log(`No subjects found matching ${filter}`)
      return {}
    }
    if (this.flags.names) {
      for (const n of names) this.log(n)
      return subjects
    }
    // natscli lays short subjects out in two or three column pairs.
    const longest = Math.max(...names.map((n) => n.length))
    const countWidth = formatCount(Math.max(...names.map((n) => subjects[n]))).length
    const pairs = longest + countWidth < 20 ? 3 : longest + countWidth < 30 ? 2 : 1
    const head: string[] = []
    for (let i = 0; i < pairs; i++) head.push('Subject', 'Count')
    const rows: string[][] = []
    for (let i = 0; i < names.length; i += pairs) {
      const row: string[] = []
      for (let j = 0; j < pairs; j++) {
        const n = names[i + j]
        row.push(n ?? '', n === undefined || subjects[n] === 0 ? '' : formatCount(subjects[n]))
      }
      rows.push(row)
    }
    const {renderTable} = await import('../../lib/ui/table.js')
    this.log(
      await renderTable({
        alignRight: head.map((_, i) => i).filter((i) => i % 2 === 1),
        head,
        rows,
        title: `${formatCount(names.length)} Subjects in stream ${name}`,
      }),
    )
    return subjects
  }
}
