import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {Args} from '../../lib/oclif.js'

import {BaseCommand} from '../../lib/base-command.js'
import {contextPath, type ContextSettings, displayName, loadContext, parseContextText, serializeContext, writeFileAtomic} from '../../lib/contexts.js'
import {editorCommand, runEditor, settingsProblems} from '../../lib/contexts-check.js'
import {showContext} from '../../lib/contexts-view.js'
import {fileProblem, NatsctlError} from '../../lib/errors.js'
import {readSmallFile} from '../../lib/validate.js'

export default class ContextEdit extends BaseCommand<typeof ContextEdit> {
  static aliases = ['context:vi']
  static args = {
    name: Args.string({description: 'context to edit', required: true}),
  }
  static description = `Edit a context in your editor ($VISUAL, else $EDITOR)

The file is edited as a temporary copy (mode 0600) and written back only when it is still a valid context
(a JSON object with valid server URLs and one kind of credentials); otherwise the context is left as it was.
The editor is run directly, never through a shell: EDITOR="code -w" runs code with -w and the file. Then the
context is shown as "context info" shows it.`
  static examples = ['<%= config.bin %> <%= command.id %> prod', 'EDITOR="code -w" <%= config.bin %> <%= command.id %> prod --json']

  public async run(): Promise<Record<string, unknown>> {
    const {name} = this.args
    const path = contextPath(name)
    if (!existsSync(path)) throw new NatsctlError(`unknown context ${displayName(name)} (no file ${path})`)
    const editor = editorCommand()
    // The file as it is, even a corrupt one: editing is how it gets fixed.
    const original = readText(path)
    const dir = mkdtempSync(join(tmpdir(), 'natsctl-context-'))
    try {
      const copy = join(dir, `${name}.json`)
      writeFileSync(copy, original, {mode: 0o600})
      await runEditor(editor, copy, {quietStdout: this.jsonEnabled()})
      const edited = readText(copy)
      if (edited === original) this.status(`No changes to context ${displayName(name)}`)
      else writeFileAtomic(path, serializeContext(checkEdit(name, edited)))
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
    return showContext(this, loadContext(name))
  }
}

function readText(file: string): string {
  try {
    return readSmallFile(file)
  } catch (error) {
    throw new NatsctlError(`cannot read ${file}: ${fileProblem(error)}`, {cause: error})
  }
}

/** The edited settings, or an error saying why they are refused (the context file is left alone). */
function checkEdit(name: string, text: string): ContextSettings {
  const unchanged = `context ${displayName(name)} is unchanged`
  let settings: ContextSettings
  try {
    settings = parseContextText(text)
  } catch (error) {
    throw new NatsctlError(`the edited context is not valid JSON: ${(error as Error).message}; ${unchanged}`, {cause: error})
  }
  // Unreadable files are reported by `context validate`, not refused: the file may come later.
  const problems = settingsProblems(settings)
  if (problems.length > 0) throw new NatsctlError(`the edited context is not valid: ${problems.join('; ')}; ${unchanged}`)
  return settings
}
