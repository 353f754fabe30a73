// Where pub and request get their message bodies: the BODY argument, or stdin. stdin is read only when no
// body argument is given, and then only when it is not a terminal or --force-stdin is set, so a `pub` inside
// a `while read` loop never swallows the loop's input (natscli#1426). `--send-on eof` reads all of stdin as
// one body; `--send-on newline` streams one body per line, so a long log is never held in memory.

import {isatty} from 'node:tty'

import {NatsctlError, UsageError} from '../errors.js'
import {formatCount} from '../format.js'
import {compileTemplate, hasTemplate, type Template} from './templates.js'

export type SendOn = 'eof' | 'newline'

/** One message body: bytes used as they are, or a compiled template filled per message. */
export type Body = {bytes: Uint8Array} | {template: Template}

interface BodyInputOptions {
  /** The BODY argument, when given. */
  arg?: string
  forceStdin?: boolean
  sendOn?: SendOn
  /** Templates in the body (on unless --no-templates). */
  templates: boolean
  /** A status line (stderr). */
  status(message: string): void
  /** The server's max_payload: a body or line from stdin longer than this is not read further. */
  maxBytes?: number
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

/**
 * Reads all of stdin (for --send-on eof), but never more than `maxBytes` (the server's max_payload): past it
 * reading stops and the error names both sizes, so `pub x < /dev/zero` fails at once instead of growing.
 */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin, maxBytes = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    size += buffer.length
    if (size > maxBytes) throw tooLarge('the body on stdin', size, maxBytes)
    chunks.push(buffer)
  }
  return Buffer.concat(chunks, size)
}

function tooLarge(what: string, size: number, maxBytes: number, more = true): NatsctlError {
  return new NatsctlError(
    `${what} is larger than the server's max_payload of ${formatCount(maxBytes)} bytes (${more ? 'stopped reading at ' : ''}${formatCount(size)} bytes)`,
  )
}

const strictUtf8 = new TextDecoder('utf-8', {fatal: true})

/** The bytes as text when they are valid UTF-8 and hold a template; undefined when they must be sent as they are. */
function templateText(bytes: Uint8Array, templates: boolean): string | undefined {
  if (!templates || !bytes.includes(0x7b) || !Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('{{')) return undefined
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return undefined
  }
}

/**
 * The bodies to send, in order, in batches. With a BODY argument or --send-on eof there is one batch of one;
 * with --send-on newline each batch holds the lines of stdin that have arrived (up to LINE_BATCH), so the
 * publisher can send them without yielding between lines (one socket write per batch, not per line), and
 * stdin is read only as fast as the batches are sent, so memory stays flat however long the input.
 * Bytes from stdin are sent byte for byte: only input that is valid UTF-8 and holds `{{` is templated.
 */
export async function* bodyBatches(options: BodyInputOptions): AsyncGenerator<Body[]> {
  if (!bodyFromStdin(options)) {
    yield [await bodyFromText(options.arg ?? '', {templates: options.templates})]
    return
  }
  options.status('Reading payload from STDIN')
  const warn = onceWarner((message) => options.status(message))
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY
  const fromBytes = async (bytes: Uint8Array): Promise<Body> => {
    const text = templateText(bytes, options.templates)
    return text === undefined ? {bytes} : bodyFromText(text, {fromStdin: true, templates: true, warn})
  }
  if ((options.sendOn ?? 'eof') === 'eof') {
    const data = await readStdin(process.stdin, maxBytes)
    yield [await fromBytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))]
    return
  }
  for await (const lines of lineBatches(process.stdin, LINE_BATCH, maxBytes)) {
    const batch: Body[] = []
    for (const line of lines) batch.push(await fromBytes(line))
    yield batch
  }
}

const LINE_BATCH = 1000

/**
 * Lines of a stream (LF or CRLF; the line break is not part of the line), as bytes, in batches of what has
 * arrived. The stream is read only when the previous batch was taken, and a line longer than `maxLine` bytes
 * ends the input with an error naming both sizes, so neither memory nor a single line grows without bound.
 */
export async function* lineBatches(input: NodeJS.ReadableStream, max = LINE_BATCH, maxLine = Number.POSITIVE_INFINITY): AsyncGenerator<Uint8Array[]> {
  let partial: Buffer[] = []
  let partialSize = 0
  const finish = (tail: Buffer): Uint8Array => {
    let line = partial.length === 0 ? tail : Buffer.concat([...partial, tail], partialSize + tail.length)
    partial = []
    partialSize = 0
    if (line.length > 0 && line.at(-1) === 0x0d) line = line.subarray(0, -1)
    if (line.length > maxLine) throw tooLarge('a line on stdin', line.length, maxLine, false)
    return line
  }
  let batch: Uint8Array[] = []
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    let from = 0
    for (;;) {
      const newline = buffer.indexOf(0x0a, from)
      if (newline === -1) break
      batch.push(finish(buffer.subarray(from, newline)))
      from = newline + 1
      if (batch.length >= max) {
        yield batch
        batch = []
      }
    }
    if (from < buffer.length) {
      partial.push(buffer.subarray(from))
      partialSize += buffer.length - from
      // +1: a CR that ends the line is not part of it.
      if (partialSize > maxLine + 1) throw tooLarge('a line on stdin', partialSize, maxLine)
    }
    if (batch.length > 0) {
      yield batch
      batch = []
    }
  }
  if (partialSize > 0) batch.push(finish(Buffer.alloc(0)))
  if (batch.length > 0) yield batch
}

function onceWarner(status: (message: string) => void): (message: string) => void {
  let warned = false
  return (message) => {
    if (warned) return
    warned = true
    status(message)
  }
}
