// reply --command CMD: one shell command per request. {{0}}, {{1}}, ... are the request subject's tokens
// (0-based, as natscli), {{Request}} is the request body, and the other body templates ({{Count}},
// {{Time}}, ...) work too; every inserted value is shell-quoted. The command also gets NATS_REQUEST_SUBJECT
// and NATS_REQUEST_BODY in its environment and the body on stdin. Its stdout is the reply; when it fails,
// the reply carries its stderr and a NATS-Reply-Error header, and the replier keeps serving.

import {UsageError} from '../errors.js'
import {describeExit, runShell, shellQuote} from './shell.js'
import {compileTemplate, type Template, type TemplateValues} from './templates.js'

export const REPLY_ERROR_HEADER = 'NATS-Reply-Error'

type Part = string | ((request: CommandRequest) => string)

export interface CommandRequest {
  subject: string
  data: Uint8Array
  count: number
}

export interface CommandReply {
  ok: boolean
  data: Uint8Array
  /** Set when the command failed: `exit status 2`. */
  error?: string
}

export type ReplyCommand = (request: CommandRequest) => Promise<CommandReply>

/** Compiles the command once; each call expands it for one request and runs it. */
export async function compileReplyCommand(command: string): Promise<ReplyCommand> {
  if (command.trim() === '') throw new UsageError('--command needs a command to run')
  const expand = await compileCommandTemplate(command)
  return async (request) => {
    const line = expand(request)
    const body = Buffer.from(request.data)
    try {
      const result = await runShell(line, {
        input: request.data,
        env: {NATS_REQUEST_SUBJECT: request.subject, NATS_REQUEST_BODY: body.toString()},
      })
      if (result.code === 0) return {ok: true, data: result.stdout}
      return {ok: false, data: result.stderr, error: describeExit(result)}
    } catch (error) {
      return {ok: false, data: Buffer.from((error as Error).message), error: 'failed to start'}
    }
  }
}

export async function compileCommandTemplate(command: string): Promise<(request: CommandRequest) => string> {
  const parts: Part[] = []
  const pattern = /\{\{(.*?)\}\}/g
  let last = 0
  for (const match of command.matchAll(pattern)) {
    if (match.index > last) parts.push(command.slice(last, match.index))
    last = match.index + match[0].length
    const inner = match[1].trim().replace(/^\./, '')
    if (/^\d+$/.test(inner)) {
      const index = Number(inner)
      parts.push((r) => shellQuote(r.subject.split('.')[index] ?? ''))
    } else if (inner === 'Request') {
      parts.push((r) => shellQuote(Buffer.from(r.data).toString()))
    } else {
      const template: Template = await compileTemplate(`{{${match[1]}}}`, '--command')
      parts.push((r) => shellQuote(template({count: r.count} satisfies TemplateValues)))
    }
  }
  if (last < command.length) parts.push(command.slice(last))
  return (request) => parts.map((p) => (typeof p === 'string' ? p : p(request))).join('')
}
