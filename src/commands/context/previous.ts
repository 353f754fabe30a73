import {loadContext, selectPreviousContext} from '../../lib/contexts.js'
import {showContext} from '../../lib/contexts-view.js'
import {BaseCommand} from '../../lib/base-command.js'
import {showSecretsFlag} from '../../lib/flags.js'

export default class ContextPrevious extends BaseCommand<typeof ContextPrevious> {
  static description = 'Switch back to the previously selected context (natscli\'s "context -")'
  static examples = ['<%= config.bin %> <%= command.id %>']
  static flags = showSecretsFlag

  public async run(): Promise<Record<string, unknown>> {
    const name = selectPreviousContext()
    return showContext(this, loadContext(name), {showSecrets: this.flags['show-secrets']})
  }
}
