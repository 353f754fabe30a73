// How sub (and reply, for the requests it logs) show a received message: natscli's text layout, raw bodies,
// one NDJSON object per message for --json, and natscli's dump record. Pure functions over a plain
// ReceivedMessage, so core and JetStream messages render through the same code and tests need no server.

import {formatCount, formatGoDuration, formatStampMicro, formatTime} from '../format.js'

/** JetStream delivery details, present for messages read from a stream. */
interface StreamDelivery {
  stream: string
  seq: number
  pending: number
  /** When the server stored the message. */
  time: Date
}

export interface ReceivedMessage {
  subject: string
  reply?: string
  /** Header name and values, in the order the message carried them. */
  headers: Array<[string, string[]]>
  data: Uint8Array
  receivedAt: Date
  js?: StreamDelivery
}

/** The fields of a client Msg or JsMsg that rendering needs (structural, so no client import). */
interface ClientMessage {
  subject: string
  reply?: string
  data: Uint8Array
  headers?: Iterable<[string, string[]]>
}

export function fromClientMessage(msg: ClientMessage, js?: StreamDelivery): ReceivedMessage {
  const headers: Array<[string, string[]]> = []
  if (msg.headers) for (const [key, values] of msg.headers) headers.push([key, [...values]])
  return {subject: msg.subject, reply: msg.reply || undefined, headers, data: msg.data, receivedAt: new Date(), js}
}

type TimeMode = 'delta' | 'none' | 'timestamp'

export interface TextOptions {
  /** Show the body only (natscli -r). */
  raw?: boolean
  headersOnly?: boolean
  subjectsOnly?: boolean
  time?: TimeMode
  /** When the subscription started, for -d/--delta-time. */
  startedAt?: Date
}

const utf8 = new TextDecoder('utf-8', {fatal: true})

/** The body as text when it is valid UTF-8, else undefined. */
function bodyText(data: Uint8Array): string | undefined {
  try {
    return utf8.decode(data)
  } catch {
    return undefined
  }
}

/** The heading line: `[#1] Received on "subj" with reply "r"` or the JetStream form. */
function headingLine(msg: ReceivedMessage, n: number, options: TextOptions = {}, label = 'Received'): string {
  let stamp = ''
  if (options.time === 'timestamp') stamp = ` @ ${formatStampMicro(msg.js?.time ?? msg.receivedAt)}`
  else if (options.time === 'delta') {
    const since = msg.js ? msg.js.time : (options.startedAt ?? msg.receivedAt)
    stamp = ` @ ${formatGoDuration(msg.receivedAt.getTime() - since.getTime())}`
  }
  if (msg.js) {
    const {pending, seq, stream, time} = msg.js
    return `[#${n}]${stamp} ${label} JetStream message: stream: ${stream} seq: ${formatCount(seq)} / pending: ${formatCount(pending)} / subject: ${msg.subject} / time: ${formatTime(time)}`
  }
  const reply = msg.reply ? ` with reply ${JSON.stringify(msg.reply)}` : ''
  const verb = label === 'Received' ? 'Received on' : `${label} on`
  return `[#${n}]${stamp} ${verb} ${JSON.stringify(msg.subject)}${reply}`
}

/** Header lines `K: V`, one per value. */
export function headerLines(msg: ReceivedMessage): string[] {
  const lines: string[] = []
  for (const [key, values] of msg.headers) for (const value of values) lines.push(`${key}: ${value}`)
  return lines
}

/**
 * natscli's text view of one message: heading, header lines and a blank line, the body (`nil body` when
 * empty), a blank line. `body` replaces the message data (e.g. the output of --translate); `label` names
 * what the message is (`Matched reply` for sub --match-replies). A body that is not valid UTF-8 is written
 * byte for byte (the result is then a Buffer), never turned into U+FFFD replacement characters.
 */
export function renderText(
  msg: ReceivedMessage,
  n: number,
  options: TextOptions = {},
  body?: Uint8Array | string,
  label = 'Received',
): Buffer | string {
  const data = body ?? msg.data
  if (options.raw) return bodyBlock(data)
  let out = headingLine(msg, n, options, label) + '\n'
  if (options.subjectsOnly) return out
  const headers = headerLines(msg)
  if (headers.length > 0) out += headers.join('\n') + '\n\n'
  if (options.headersOnly) return out
  const block = bodyBlock(data)
  return typeof block === 'string' ? out + block + '\n' : Buffer.concat([Buffer.from(out), block, NEWLINE])
}

const NEWLINE = Buffer.from('\n')

/**
 * The body and one newline (none added when it already ends in one); `nil body` when empty. Text when the
 * body is valid UTF-8, else the bytes as they are (a Buffer).
 */
export function bodyBlock(data: Uint8Array | string): Buffer | string {
  const text = typeof data === 'string' ? data : bodyText(data)
  if (text === undefined) {
    const bytes = Buffer.from((data as Uint8Array).buffer, (data as Uint8Array).byteOffset, (data as Uint8Array).byteLength)
    return bytes.at(-1) === 0x0a ? bytes : Buffer.concat([bytes, NEWLINE])
  }
  if (text.length === 0) return 'nil body\n'
  return text.endsWith('\n') ? text : text + '\n'
}

interface JsonRecord {
  subject: string
  reply: string | null
  headers: Record<string, string[]>
  data: string
  encoding?: 'base64'
  size: number
  received_at: string
  stream?: string
  seq?: number
  pending?: number
  time?: string
}

/** The --json object: data as text when it is valid UTF-8, else base64 with `encoding: "base64"`. */
export function jsonRecord(msg: ReceivedMessage, body?: Uint8Array | string): JsonRecord {
  const data = body ?? msg.data
  const bytes = typeof data === 'string' ? Buffer.from(data) : data
  const text = typeof data === 'string' ? data : bodyText(data)
  const record: JsonRecord = {
    subject: msg.subject,
    reply: msg.reply ?? null,
    headers: Object.fromEntries(msg.headers),
    data: text ?? Buffer.from(bytes).toString('base64'),
    size: bytes.byteLength,
    received_at: msg.receivedAt.toISOString(),
  }
  if (text === undefined) record.encoding = 'base64'
  if (msg.js) {
    record.stream = msg.js.stream
    record.seq = msg.js.seq
    record.pending = msg.js.pending
    record.time = msg.js.time.toISOString()
  }
  return record
}

export function jsonLine(msg: ReceivedMessage, body?: Uint8Array | string): string {
  return JSON.stringify(jsonRecord(msg, body)) + '\n'
}

/**
 * natscli's --dump record (Go's nats.Msg marshalled): Subject, Reply, Header, Data as base64. Keeping its
 * shape lets tools written for natscli's dump files read ours.
 */
export function dumpRecord(msg: ReceivedMessage, body?: Uint8Array | string): Record<string, unknown> {
  const data = body ?? msg.data
  const bytes = typeof data === 'string' ? Buffer.from(data) : data
  return {
    Subject: msg.subject,
    Reply: msg.reply ?? '',
    Header: msg.headers.length > 0 ? Object.fromEntries(msg.headers) : null,
    Data: bytes.byteLength > 0 ? Buffer.from(bytes).toString('base64') : null,
  }
}
