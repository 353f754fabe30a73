// `context validate`: what can be checked about a context without connecting (the file parses, the URLs
// are valid, one kind of credentials, the files it names can be read), and `context edit`'s editor. No NATS
// client here: the command connects (with --connect) through connect.ts, loaded only then.

import {spawn} from 'node:child_process'

import {
  type ContextSettings,
  displayName,
  isInlineSecret,
  listContexts,
  loadContext,
  type LoadedContext,
  selectedContextName,
  validateCredentials,
} from './contexts.js'
import {readSettingFile} from './credentials.js'
import {fileProblem, NatsctlError, UsageError} from './errors.js'
import {parseServerList} from './target.js'

/** One context's verdict: `--json` of `context validate` is an array of these. */
export interface ContextCheck {
  name: string
  ok: boolean
  errors: string[]
}

/** Settings that name a file (or a resolver URI, or hold the secret inline), and what errors call them. */
const FILE_FIELDS: Array<[field: string, kind: string, literal: (value: string) => boolean]> = [
  ['creds', 'creds', (v) => v.includes('BEGIN NATS USER JWT')],
  ['nkey', 'nkey', isInlineSecret],
  ['user_jwt', 'user JWT', (v) => /^ey[\w-]+\.[\w-]+\.[\w-]*$/.test(v.trim())],
  ['user_seed', 'user seed', isInlineSecret],
  ['cert', 'TLS certificate', () => false],
  ['key', 'TLS key', () => false],
  ['ca', 'TLS CA', () => false],
]

/** Resolved when natsctl connects (env://, 1Password, nsc): nothing to check in the file system now. */
const RESOLVED_LATER = /^(env|op|nsc):\/\/|^data:/

/** What is wrong with a context's settings, each a one-line sentence; empty when nothing is. */
export function contextProblems(settings: ContextSettings): string[] {
  return [...settingsProblems(settings), ...fileProblems(settings)]
}

/** What makes a context unusable whatever the file system holds: bad server URLs, two kinds of credentials. */
export function settingsProblems(settings: ContextSettings): string[] {
  const problems: string[] = []
  const {url} = settings
  if (url !== undefined && typeof url !== 'string') problems.push('url is not a string')
  else if (url !== undefined && url.trim() !== '') {
    try {
      if (parseServerList(url).length === 0) problems.push(`invalid server "${url}": no server URL in it`)
    } catch (error) {
      problems.push((error as Error).message)
    }
  }
  try {
    validateCredentials(settings)
  } catch (error) {
    problems.push((error as Error).message)
  }
  return problems
}

/** Files the context names that cannot be read (resolver URIs and inline secrets are not files). */
export function fileProblems(settings: ContextSettings): string[] {
  const problems: string[] = []
  for (const [field, kind, literal] of FILE_FIELDS) {
    const value = settings[field]
    if (value === undefined || value === '') continue
    if (typeof value !== 'string') {
      problems.push(`${field} is not a string`)
      continue
    }
    if (RESOLVED_LATER.test(value) || literal(value)) continue
    try {
      readSettingFile(value, kind)
    } catch (error) {
      problems.push((error as Error).message)
    }
  }
  return problems
}

/** The result of checking one context by name: loaded (when it could be) and its problems. */
export interface CheckedContext extends ContextCheck {
  loaded?: LoadedContext
  /** With --connect: `OK` or why connecting failed. */
  connection?: string
}

/**
 * Checks the named context, or every saved one and the selection (a selected context must exist). Never
 * throws for a broken context: its problems are in the result.
 */
export function checkContexts(name: string | undefined): CheckedContext[] {
  const names = name === undefined ? listContexts() : [name]
  const results: CheckedContext[] = names.map((n) => {
    try {
      const loaded = loadContext(n)
      const errors = contextProblems(loaded.settings)
      return {name: n, ok: errors.length === 0, errors, loaded}
    } catch (error) {
      return {name: n, ok: false, errors: [(error as Error).message]}
    }
  })
  const selected = selectedContextName()
  if (name === undefined && selected !== undefined && !names.includes(selected)) {
    results.push({name: selected, ok: false, errors: [`the selected context ${displayName(selected)} does not exist (nats/context.txt names it)`]})
  }
  return results
}

/**
 * The editor command natscli would run, as words: $VISUAL, else $EDITOR, split like a shell splits words
 * (quotes group, no expansion), so `code -w` runs `code` with `-w`. Never run through a shell.
 */
export function editorCommand(env: NodeJS.ProcessEnv = process.env): {variable: string; words: string[]} {
  for (const variable of ['VISUAL', 'EDITOR']) {
    const value = env[variable]
    if (value === undefined || value.trim() === '') continue
    const words = splitWords(value)
    if (words === undefined) throw new UsageError(`cannot parse ${variable}=${JSON.stringify(value)}: unbalanced quotes`)
    return {variable, words}
  }
  throw new UsageError('no editor: set EDITOR to your editor (for example EDITOR=vi, or EDITOR="code -w")')
}

/** Splits on blanks outside quotes; '...' and "..." group (a backslash escapes in "..." and outside). */
export function splitWords(text: string): string[] | undefined {
  const words: string[] = []
  let word: string | undefined
  let quote: string | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote) {
      if (c === quote) quote = undefined
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i]!
      else word += c
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word)
      word = undefined
    } else if (c === '"' || c === "'") {
      quote = c
      word ??= ''
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i]!
    } else {
      word = (word ?? '') + c
    }
  }
  if (quote) return undefined
  if (word !== undefined) words.push(word)
  return words
}

/**
 * Runs the editor on a file and waits for it: the terminal is the editor's (stdin and stderr; stdout too
 * unless `quietStdout`, which sends the editor's stdout to stderr so --json output stays JSON).
 */
export async function runEditor(editor: {variable: string; words: string[]}, file: string, options: {quietStdout?: boolean} = {}): Promise<void> {
  const [command, ...args] = editor.words
  if (command === undefined) throw new UsageError(`${editor.variable} names no command`)
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, [...args, file], {stdio: ['inherit', options.quietStdout ? process.stderr : 'inherit', 'inherit'], shell: false})
    child.once('error', (error) => {
      reject(new NatsctlError(`cannot run the editor ${JSON.stringify(command)} (${editor.variable}): ${fileProblem(error)}`, {cause: error}))
    })
    child.once('exit', (code, signal) => {
      if (code === 0) resolve()
      else
        reject(
          new NatsctlError(
            `the editor ${JSON.stringify(command)} (${editor.variable}) ${signal ? `was stopped by ${signal}` : `exited with code ${code}`}`,
          ),
        )
    })
  })
}
