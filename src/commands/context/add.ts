import {Args, Flags} from '../../lib/oclif.js'

import {
  contextChangesFromFlags,
  contextExists,
  loadContext,
  mergeContextChanges,
  saveContext,
  selectContext,
  validateContextName,
} from '../../lib/contexts.js'
import {showContext} from '../../lib/contexts-view.js'
import {BaseCommand} from '../../lib/base-command.js'
import {contextFieldFlags, contextOnlyFlags} from '../../lib/flags.js'
import {parseServerUrl} from '../../lib/target.js'

export default class ContextAdd extends BaseCommand<typeof ContextAdd> {
  static aliases = ['context:create', 'context:save']
  static args = {
    name: Args.string({description: 'context name', required: true}),
  }
  static description = `Create or update a context from the connection flags given

An existing context keeps every field no flag names; pass a flag with an empty value (--token "") to clear
a field. The file is natscli's format, so natscli can use it too.`
  static examples = [
    '<%= config.bin %> <%= command.id %> prod --server nats://prod.example.net:4222 --creds ~/prod.creds --description "Production" --select',
    '<%= config.bin %> <%= command.id %> prod --description "Production cluster"',
  ]
  static flags = {
    ...contextFieldFlags,
    ...contextOnlyFlags,
    description: Flags.string({description: 'a description of the context'}),
    select: Flags.boolean({description: 'select the context after saving it'}),
    'show-secrets': Flags.boolean({description: 'show passwords, tokens and seeds instead of ***'}),
  }

  public async run(): Promise<Record<string, unknown>> {
    const {name} = this.args
    validateContextName(name)
    const f = this.flags
    if (f.server)
      for (const url of f.server
        .split(',')
        .map((u) => u.trim())
        .filter((u) => u !== ''))
        parseServerUrl(url)
    const changes = contextChangesFromFlags(f)
    const existed = contextExists(name)
    const merged = mergeContextChanges(existed ? loadContext(name).settings : {}, changes)
    saveContext(name, merged)
    if (f.select) selectContext(name)
    this.status(`${existed ? 'Updated' : 'Created'} context "${name}"${f.select ? ' and selected it' : ''}`)
    return showContext(this, loadContext(name), {showSecrets: f['show-secrets']})
  }
}
