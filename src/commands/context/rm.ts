import {Args, Flags} from '../../lib/oclif.js'

import {contextExists, removeContext, selectedContextName, unselectContext, validateContextName} from '../../lib/contexts.js'
import {NatsctlError, UsageError} from '../../lib/errors.js'
import {BaseCommand} from '../../lib/base-command.js'

export default class ContextRm extends BaseCommand<typeof ContextRm> {
  static aliases = ['context:remove']
  static args = {
    name: Args.string({description: 'context to delete', required: true}),
  }
  static description = 'Delete a context (asks first unless --force; the selected one only with --force)'
  static examples = ['<%= config.bin %> <%= command.id %> staging', '<%= config.bin %> <%= command.id %> staging --force']
  static flags = {
    force: Flags.boolean({char: 'f', description: 'delete without asking, even the selected context'}),
  }

  public async run(): Promise<{name: string; removed: boolean; unselected: boolean}> {
    const {name} = this.args
    validateContextName(name)
    if (!contextExists(name)) throw new NatsctlError(`unknown context "${name}"`)
    const selected = selectedContextName() === name
    if (!this.flags.force) {
      if (selected) {
        throw new UsageError(`"${name}" is the selected context: select another one first, or pass --force`)
      }
      if (!(await this.confirmDestructive(`Really delete context "${name}"`, `delete context "${name}"`, false))) {
        this.status(`Kept context "${name}"`)
        return {name, removed: false, unselected: false}
      }
    }
    removeContext(name)
    if (selected) unselectContext()
    this.status(`Deleted context "${name}"${selected ? ' and unselected it' : ''}`)
    return {name, removed: true, unselected: selected}
  }
}
