// sub --translate CMD: each body goes through a shell command (on its stdin) and its stdout is shown
// instead. As in natscli, {{Subject}} and {{Stream}} in the command are the message's subject and stream
// (shell-quoted here); NATS_SUBJECT and NATS_STREAM are also in its environment.

import {describeExit, runShell, shellQuote} from './shell.js'

export interface TranslateResult {
  ok: boolean
  output: Buffer
  /** Why the command failed (`exit status 1: <stderr>`), when it did. */
  error?: string
}

export function expandTranslateCommand(command: string, values: {subject: string; stream?: string}): string {
  return command.replace(/\{\{\s*\.?(Subject|Stream)\s*\}\}/g, (_, name: string) =>
    shellQuote(name === 'Subject' ? values.subject : (values.stream ?? '')),
  )
}

export async function translate(command: string, data: Uint8Array, values: {subject: string; stream?: string}): Promise<TranslateResult> {
  const expanded = expandTranslateCommand(command, values)
  try {
    const result = await runShell(expanded, {input: data, env: {NATS_SUBJECT: values.subject, NATS_STREAM: values.stream ?? ''}})
    if (result.code === 0) return {ok: true, output: result.stdout}
    const detail = result.stderr.toString().trim()
    return {ok: false, output: result.stdout, error: `${describeExit(result)}${detail ? `: ${detail}` : ''}`}
  } catch (error) {
    return {ok: false, output: Buffer.alloc(0), error: (error as Error).message}
  }
}
