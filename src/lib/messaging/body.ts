// Where pub and request get their message bodies: the BODY argument, or stdin. stdin is read only when no
// body argument is given, and then only when it is not a terminal or --force-stdin is set, so a `pub` inside
// a `while read` loop never swallows the loop's input (natscli#1426). `--send-on eof` reads all of stdin as
// one body; `--send-on newline` streams one body per line, so a long log is never held in memory.

import {isatty} from 'node:tty'

import {UsageError} from '../errors.js'
import {compileTemplate, hasTemplate, type Template} from './templates.js'

export type SendOn = 'eof' | 'newline'

/** One message body: bytes used as they are, or a compiled template filled per message. */
export type Body = {bytes: Uint8Array} | {template: Template}

export interface BodyInputOptions {
  /** The BODY argument, when given. */
  arg?: string
  forceStdin?: boolean
  sendOn?: SendOn
  /** Templates in the body (on unless --no-templates). */
  templates: boolean
  /** A status line (stderr). */
  status(message: string): void
}

/** Whether the body comes from stdin: no argument, and stdin is piped (or --force-stdin). */
export function bodyFromStdin(options: Pick<BodyInputOptions, 'arg' | 'forceStdin'>): boolean {
  if (options.arg !== undefined) return false
  // isatty(0) rather than process.stdin.isTTY: touching process.stdin creates a stream we may never read.
  return Boolean(options.forceStdin) || !isatty(0)
}

const encoder = new TextEncoder()

/**
 * A body from text. A template error in the argument is a usage error (nothing was sent yet); text read
 * from stdin is data, so a stray `{{` there is sent as it is, with a warning, as natscli does.
 */
export async function bodyFromText(
  text: string,
  options: {templates: boolean; fromStdin?: boolean; warn?: (message: string) => void},
): Promise<Body> {
  if (!options.templates || !hasTemplate(text)) return {bytes: encoder.encode(text)}
  try {
    return {template: await compileTemplate(text, 'body')}
  } catch (error) {
    if (!options.fromStdin || !(error instanceof UsageError)) throw error
    options.warn?.(`Could not parse body template, sending it as is: ${error.message}`)
    return {bytes: encoder.encode(text)}
  }
}

/** The body of message number `count`. */
export function bodyBytes(body: Body, count: number): Uint8Array {
  return 'bytes' in body ? body.bytes : encoder.encode(body.template({count}))
}

/** Reads all of stdin (for --send-on eof). */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  return Buffer.concat(chunks)
}

/**
 * The bodies to send, in order, in batches. With a BODY argument or --send-on eof there is one batch of one;
 * with --send-on newline each batch holds the lines of stdin that have arrived (up to LINE_BATCH), so the
 * publisher can send them without yielding between lines (one socket write per batch, not per line), and
 * stdin is paused while a batch is being sent, so memory stays flat however long the input.
 */
export async function* bodyBatches(options: BodyInputOptions): AsyncGenerator<Body[]> {
  if (!bodyFromStdin(options)) {
    yield [await bodyFromText(options.arg ?? '', {templates: options.templates})]
    return
  }
  options.status('Reading payload from STDIN')
  const warn = onceWarner(options.status)
  if ((options.sendOn ?? 'eof') === 'eof') {
    const data = await readStdin()
    // Binary input stays byte for byte: only text with a template in it is decoded and filled.
    if (!options.templates || !data.includes('{{')) {
      yield [{bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength)}]
    } else {
      yield [await bodyFromText(data.toString('utf8'), {fromStdin: true, templates: true, warn})]
    }
    return
  }
  for await (const lines of lineBatches(process.stdin)) {
    const batch: Body[] = []
    for (const line of lines) {
      batch.push(
        options.templates && hasTemplate(line)
          ? await bodyFromText(line, {fromStdin: true, templates: true, warn})
          : {bytes: encoder.encode(line)},
      )
    }
    yield batch
  }
}

const LINE_BATCH = 1000

/** Lines of a stream in batches of what has arrived; the stream is paused while a batch is consumed. */
export async function* lineBatches(input: NodeJS.ReadableStream, max = LINE_BATCH): AsyncGenerator<string[]> {
  const {createInterface} = await import('node:readline')
  const lines = createInterface({crlfDelay: Number.POSITIVE_INFINITY, input, terminal: false})
  let batch: string[] = []
  let closed = false
  let failure: unknown
  let wake: (() => void) | undefined
  const notify = () => {
    const w = wake
    wake = undefined
    w?.()
  }
  lines.on('line', (line: string) => {
    batch.push(line)
    if (batch.length >= max) lines.pause()
    notify()
  })
  lines.on('close', () => {
    closed = true
    notify()
  })
  input.on('error', (error: unknown) => {
    failure = error
    closed = true
    notify()
  })
  try {
    for (;;) {
      if (batch.length === 0 && !closed) {
        await new Promise<void>((resolve) => {
          wake = resolve
        })
      }
      if (failure) throw failure
      if (batch.length > 0) {
        const out = batch
        batch = []
        yield out
        if (!closed) lines.resume()
      } else if (closed) {
        return
      }
    }
  } finally {
    lines.close()
  }
}

function onceWarner(status: (message: string) => void): (message: string) => void {
  let warned = false
  return (message) => {
    if (warned) return
    warned = true
    status(message)
  }
}
