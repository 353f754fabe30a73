// Key-value entries as natsctl shows them: natscli's text (values base64 when not printable, long values
// shortened) and one JSON shape for `kv get`, `kv history` and `kv watch --json`.

import type {KvEntry} from '@nats-io/kv'

import {formatCount, formatTime} from '../format.js'

export interface EntryJson {
  bucket: string
  key: string
  revision: number
  /** PUT, DEL or PURGE. */
  operation: string
  created: string
  length: number
  /** The value as text, when it is valid UTF-8. */
  value?: string
  /** The value in base64, when it is not valid UTF-8. */
  value_base64?: string
  delta?: number
}

const utf8 = new TextDecoder('utf-8', {fatal: true})

function asText(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes)
  } catch {
    return undefined
  }
}

export function entryJson(e: KvEntry): EntryJson {
  const text = asText(e.value)
  return {
    bucket: e.bucket,
    key: e.key,
    revision: e.revision,
    operation: e.operation,
    created: e.created.toISOString(),
    length: e.value.length,
    ...(text === undefined ? {value_base64: Buffer.from(e.value).toString('base64')} : {value: text}),
    ...(e.delta === undefined ? {} : {delta: e.delta}),
  }
}

/** natscli's Base64IfNotPrintable: the text when every character prints (or is whitespace), else base64. */
export function printable(bytes: Uint8Array): string {
  const text = asText(bytes)

  if (text !== undefined && !/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text)) return text
  return Buffer.from(bytes).toString('base64')
}

/** A value for a table cell: printable, one line, at most 40 characters (first and last 15). */
export function shortValue(bytes: Uint8Array): string {
  const v = printable(bytes).replace(/\r?\n/g, '\\n')
  return v.length > 40 ? `${v.slice(0, 15)}...${v.slice(-15)}` : v
}

/** `kv get`'s text view. */
export function renderEntry(e: KvEntry): string {
  const value = printable(e.value)
  const lines = [`${e.bucket} > ${e.key} revision: ${e.revision} created @ ${formatTime(e.created)}`, '']
  if (value.length > 120) lines.push(`Showing first 120 bytes of ${formatCount(value.length)}, use --raw for full data`, '', value.slice(0, 120))
  else lines.push(value)
  return `${lines.join('\n')}\n`
}
