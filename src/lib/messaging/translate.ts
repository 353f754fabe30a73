// sub --translate CMD: each body goes through a shell command (on its stdin) and its stdout is shown
// instead. As in natscli, {{Subject}} and {{Stream}} in the command are the message's subject and stream
// (passed as variables, never as command text); NATS_SUBJECT and NATS_STREAM are also in its environment.

import {UsageError} from '../errors.js'
import {compileShellTemplate, describeExit, runShell} from './shell.js'

interface TranslateResult {
  ok: boolean
  output: Buffer
  /** Why the command failed (`exit status 1: <stderr>`), when it did. */
  error?: string
}

interface Values {
  subject: string
  stream?: string
}

export type Translator = (data: Uint8Array, values: Values) => Promise<TranslateResult>

export function compileTranslate(command: string): Translator {
  if (command.trim() === '') throw new UsageError('--translate needs a command to run')
  const expand = compileShellTemplate<Values>(
    command,
    (raw) => {
      const inner = raw.trim().replace(/^\./, '')
      if (inner === 'Subject') return (v) => v.subject
      if (inner === 'Stream') return (v) => v.stream ?? ''
      throw new UsageError(`bad template in --translate: unknown function "${inner}" (use Subject or Stream)`)
    },
    '--translate',
  )
  return (data, values) => translate(expand(values), data, values)
}

async function translate(expanded: {command: string; env: Record<string, string>}, data: Uint8Array, values: Values): Promise<TranslateResult> {
  try {
    const result = await runShell(expanded.command, {
      input: data,
      env: {...expanded.env, NATS_SUBJECT: values.subject, NATS_STREAM: values.stream ?? ''},
    })
    if (result.code === 0) return {ok: true, output: result.stdout}
    const detail = result.stderr.toString().trim()
    return {ok: false, output: result.stdout, error: `${describeExit(result)}${detail ? `: ${detail}` : ''}`}
  } catch (error) {
    return {ok: false, output: Buffer.alloc(0), error: (error as Error).message}
  }
}
