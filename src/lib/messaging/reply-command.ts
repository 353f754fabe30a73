// reply --command CMD: one shell command per request. {{0}}, {{1}}, ... are the request subject's tokens
// (0-based, as natscli), {{Request}} is the request body, and the other body templates ({{Count}},
// {{Time}}, ...) work too; values reach the shell as variables, never as command text (see shell.ts). The command also gets NATS_REQUEST_SUBJECT
// and NATS_REQUEST_BODY in its environment and the body on stdin. Its stdout is the reply; when it fails,
// the reply carries its stderr and a NATS-Reply-Error header, and the replier keeps serving.

import {UsageError} from '../errors.js'
import {compileShellTemplate, describeExit, runShell} from './shell.js'
import {compileTemplate, type Template, type TemplateValues} from './templates.js'

export const REPLY_ERROR_HEADER = 'NATS-Reply-Error'

interface CommandRequest {
  subject: string
  data: Uint8Array
  count: number
}

interface CommandReply {
  ok: boolean
  data: Uint8Array
  /** Set when the command failed: `exit status 2`. */
  error?: string
}

export type ReplyCommand = (request: CommandRequest) => Promise<CommandReply>

/** Compiles the command once; each call expands it for one request and runs it. */
export async function compileReplyCommand(command: string): Promise<ReplyCommand> {
  if (command.trim() === '') throw new UsageError('--command needs a command to run')
  const templates = new Map<string, Template>()
  for (const match of command.matchAll(/\{\{(.*?)\}\}/g)) {
    const inner = match[1].trim().replace(/^\./, '')
    if (!/^\d+$/.test(inner) && inner !== 'Request') templates.set(match[1], await compileTemplate(`{{${match[1]}}}`, '--command'))
  }
  const expand = compileShellTemplate<CommandRequest>(
    command,
    (raw) => {
      const inner = raw.trim().replace(/^\./, '')
      if (/^\d+$/.test(inner)) {
        const index = Number(inner)
        return (r) => r.subject.split('.')[index] ?? ''
      }
      if (inner === 'Request') return (r) => Buffer.from(r.data).toString()
      const template = templates.get(raw)!
      return (r) => template({count: r.count} satisfies TemplateValues)
    },
    '--command',
  )
  return async (request) => {
    const {command: line, env} = expand(request)
    try {
      const result = await runShell(line, {
        input: request.data,
        env: {...env, NATS_REQUEST_SUBJECT: request.subject, NATS_REQUEST_BODY: Buffer.from(request.data).toString()},
      })
      if (result.code === 0) return {ok: true, data: result.stdout}
      return {ok: false, data: result.stderr, error: describeExit(result)}
    } catch (error) {
      return {ok: false, data: Buffer.from((error as Error).message), error: 'failed to start'}
    }
  }
}
