import {Args} from '../../lib/oclif.js'

import {listContexts, loadContext, selectContext, selectedContextName} from '../../lib/contexts.js'
import {showContext} from '../../lib/contexts-view.js'
import {NatsctlError} from '../../lib/errors.js'
import {BaseCommand} from '../../lib/base-command.js'
import {showSecretsFlag} from '../../lib/flags.js'

export default class ContextSelect extends BaseCommand<typeof ContextSelect> {
  static aliases = ['context:switch', 'context:set']
  static args = {
    name: Args.string({description: 'context to select; without it, pick one from a list (needs a terminal)'}),
  }
  static description = 'Select the default context, used when no --context or --server is given'
  static examples = ['<%= config.bin %> <%= command.id %> prod', '<%= config.bin %> <%= command.id %>']
  static flags = showSecretsFlag

  public async run(): Promise<Record<string, unknown>> {
    let {name} = this.args
    if (!name) {
      const names = listContexts()
      if (names.length === 0) throw new NatsctlError('no known contexts: create one with "context add NAME --server URL"')
      const {select} = await import('../../lib/ui/prompt.js')
      const current = selectedContextName()
      const choices = names.map((n) => {
        const description = contextDescription(n)
        return {name: `${n}${n === current ? '*' : ''}${description ? ` (${description})` : ''}`, value: n}
      })
      name = await select('Select a Context', choices, {
        default: current && names.includes(current) ? current : undefined,
        hint: 'pass the context name: context select NAME',
      })
    }
    selectContext(name)
    return showContext(this, loadContext(name), {showSecrets: this.flags['show-secrets']})
  }
}

function contextDescription(name: string): string | undefined {
  try {
    const {description} = loadContext(name).settings
    return typeof description === 'string' && description !== '' ? description : undefined
  } catch {
    return undefined
  }
}
