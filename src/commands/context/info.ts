import {Args, Flags} from '../../lib/oclif.js'

import {loadContext, selectedContext} from '../../lib/contexts.js'
import {showContext} from '../../lib/contexts-view.js'
import {NatsctlError} from '../../lib/errors.js'
import {BaseCommand} from '../../lib/base-command.js'

export default class ContextInfo extends BaseCommand<typeof ContextInfo> {
  static aliases = ['context:show', 'context:view', 'context:v']
  static args = {
    name: Args.string({description: 'context to show (default: the selected one)'}),
  }
  static description = 'Show a context; passwords, tokens and seeds are shown as *** unless --show-secrets'
  static examples = ['<%= config.bin %> <%= command.id %> prod', '<%= config.bin %> <%= command.id %> prod --json --show-secrets']
  static flags = {
    'show-secrets': Flags.boolean({description: 'show passwords, tokens and seeds instead of ***'}),
  }

  public async run(): Promise<Record<string, unknown>> {
    // Without a name: the selected context; one that is gone is reported and unselected first.
    const loaded = this.args.name === undefined ? selectedContext((m) => this.status(m)) : loadContext(this.args.name)
    if (!loaded) throw new NatsctlError('no context selected and no name given: pass a context name')
    return showContext(this, loaded, {showSecrets: this.flags['show-secrets']})
  }
}
