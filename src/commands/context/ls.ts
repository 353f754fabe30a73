import {Flags} from '../../lib/oclif.js'

import {listContexts, loadContext, type LoadedContext, selectedContext} from '../../lib/contexts.js'
import {contextJson} from '../../lib/contexts-view.js'
import {BaseCommand} from '../../lib/base-command.js'

export default class ContextLs extends BaseCommand<typeof ContextLs> {
  static aliases = ['context:list', 'context:l']
  static description = 'List the known contexts; the selected one is marked with *'
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --names',
    '<%= config.bin %> <%= command.id %> --json',
  ]
  static flags = {
    names: Flags.boolean({description: 'list only the names, one per line'}),
  }

  public async run(): Promise<Array<Record<string, unknown>>> {
    // A selected context that is gone (or a corrupt context.txt) is reported and unselected, as connecting commands do.
    const selected = selectedContext((m) => this.status(m))?.name
    const contexts: LoadedContext[] = []
    for (const name of listContexts()) {
      try {
        contexts.push(loadContext(name))
      } catch (error) {
        // One broken file should not hide the others (natscli logs it and goes on).
        this.status(`Could not load context ${name}: ${(error as Error).message}`)
      }
    }
    if (!this.jsonEnabled()) {
      if (this.flags.names) {
        for (const c of contexts) this.log(c.name)
      } else if (contexts.length === 0) {
        this.log('No known contexts')
      } else {
        const {renderTable} = await import('../../lib/ui/table.js')
        const rows = contexts.map((c) => [
          `${c.name}${c.name === selected ? '*' : ''}`,
          typeof c.settings.description === 'string' ? c.settings.description : '',
        ])
        this.log(await renderTable({head: ['Name', 'Description'], rows, title: 'Known Contexts'}))
      }
    }
    return contexts.map((c) => contextJson(c))
  }
}
