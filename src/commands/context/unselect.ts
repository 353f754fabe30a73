import {unselectContext} from '../../lib/contexts.js'
import {BaseCommand} from '../../lib/base-command.js'

export default class ContextUnselect extends BaseCommand<typeof ContextUnselect> {
  static description = 'Unselect the selected context, so commands use their defaults again'
  static examples = ['<%= config.bin %> <%= command.id %>']

  public async run(): Promise<{unselected: string | null}> {
    const name = unselectContext()
    this.log(name ? `Unselected the "${name}" context` : 'No context is selected')
    return {unselected: name ?? null}
  }
}
