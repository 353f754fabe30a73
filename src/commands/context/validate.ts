import {Args, Flags} from '../../lib/oclif.js'

import {BaseCommand} from '../../lib/base-command.js'
import {type CheckedContext, checkContexts, type ContextCheck} from '../../lib/contexts-check.js'
import {renderContextInfo} from '../../lib/contexts-view.js'
import {NatsctlError} from '../../lib/errors.js'
import {verdict} from '../../lib/ui/colour.js'
import type {Row} from '../../lib/ui/columns.js'

export default class ContextValidate extends BaseCommand<typeof ContextValidate> {
  static args = {
    name: Args.string({description: 'context to validate (default: every context)'}),
  }
  static description = `Validate one or all contexts

Checks that each context file parses, its server URLs are valid, it names one kind of credentials and the
files it names (creds, nkey, JWT, seed, TLS certificate, key and CA) can be read, and that the selected
context exists. --connect also connects with each context. Exit 1 when any context has a problem.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> prod --connect',
    '<%= config.bin %> <%= command.id %> --connect --json',
  ]
  static flags = {
    connect: Flags.boolean({description: 'also connect to NATS with each context'}),
  }

  public async run(): Promise<ContextCheck[]> {
    const results = checkContexts(this.args.name)
    if (this.flags.connect) {
      for (const result of results) if (result.loaded) result.connection = await tryConnect(result)
    }
    if (!this.jsonEnabled()) {
      if (results.length === 0) this.log('No known contexts')
      for (const result of results) this.log(render(result))
    }
    const failed = results.filter((r) => !r.ok)
    const json = results.map(({errors, name, ok}) => ({name, ok, errors}))
    if (failed.length === 0) return json
    const message = `validation failed: ${failed.length === 1 ? `context "${failed[0]!.name}" has` : `${failed.length} contexts have`} problems`
    if (!this.jsonEnabled()) throw new NatsctlError(message)
    // --json: the array on stdout, the verdict in the exit code (and one line on stderr).
    this.status(`natsctl: error: ${message}`)
    process.exitCode = 1
    return json
  }
}

/** Connects with the context alone (no flags, no NATS_* variables): `OK`, or why not (also added to the errors). */
async function tryConnect(result: CheckedContext): Promise<string> {
  try {
    const {resolveTarget} = await import('../../lib/target.js')
    const {connectTarget} = await import('../../lib/connect.js')
    const nc = await connectTarget(resolveTarget({}, {}, result.loaded))
    await nc.close()
    return 'OK'
  } catch (error) {
    const message = `connection failed: ${(error as Error).message}`
    result.errors.push(message)
    result.ok = false
    return message
  }
}

/** natscli's view: the context as `context info` shows it, with the problems and the connection under it. */
function render(result: CheckedContext): string {
  if (!result.loaded) return `Could not load ${result.name}: ${verdict('ERROR')} ${result.errors.join('; ')}\n`
  const rows: Row[] = []
  const problems = result.errors.filter((e) => !e.startsWith('connection failed: '))
  for (const [i, problem] of problems.entries()) rows.push([i === 0 ? 'Problems' : '', problem])
  if (result.connection)
    rows.push([
      'Connection',
      result.connection === 'OK' ? verdict('OK') : verdict('ERROR') + ' ' + result.connection.slice('connection failed: '.length),
    ])
  return renderContextInfo(result.loaded, {extraRows: rows})
}
