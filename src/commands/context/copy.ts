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
import {NatsctlError} from '../../lib/errors.js'
import {BaseCommand} from '../../lib/base-command.js'
import {contextFieldFlags, contextOnlyFlags} from '../../lib/flags.js'
import {parseServerUrl} from '../../lib/target.js'

export default class ContextCopy extends BaseCommand<typeof ContextCopy> {
  static aliases = ['context:cp']
  static args = {
    source: Args.string({description: 'context to copy', required: true}),
    name: Args.string({description: 'name of the new context', required: true}),
  }
  static description = 'Copy a context to a new name, changing the fields given by flags'
  static examples = ['<%= config.bin %> <%= command.id %> prod prod-admin --creds ~/admin.creds --description "Production as admin"']
  static flags = {
    ...contextFieldFlags,
    ...contextOnlyFlags,
    description: Flags.string({description: 'a description of the new context'}),
    select: Flags.boolean({description: 'select the new context'}),
    'show-secrets': Flags.boolean({description: 'show passwords, tokens and seeds instead of ***'}),
  }

  public async run(): Promise<Record<string, unknown>> {
    const {name, source} = this.args
    validateContextName(name)
    const from = loadContext(source)
    if (contextExists(name)) throw new NatsctlError(`context "${name}" already exists`)
    if (this.flags.server)
      for (const url of this.flags.server
        .split(',')
        .map((u) => u.trim())
        .filter((u) => u !== ''))
        parseServerUrl(url)
    // A credential flag replaces the copied credentials rather than adding a second kind.
    const changes = contextChangesFromFlags(this.flags)
    const base = {...from.settings}
    if (['user', 'token', 'creds', 'nkey', 'user_jwt'].some((field) => changes[field] !== undefined)) {
      for (const field of ['user', 'password', 'token', 'creds', 'nkey', 'user_jwt', 'user_seed']) {
        if (changes[field] === undefined) delete base[field]
      }
    }
    saveContext(name, mergeContextChanges(base, changes))
    if (this.flags.select) selectContext(name)
    this.status(`Copied context "${source}" to "${name}"${this.flags.select ? ' and selected it' : ''}`)
    return showContext(this, loadContext(name), {showSecrets: this.flags['show-secrets']})
  }
}
