// Every name a user types that reaches the NATS protocol is checked here, before anything connects:
// subjects (to publish on, to subscribe to), queue groups, inbox prefixes, header keys and values. The
// protocol is text with space-separated fields and CRLF-terminated lines, so a space, CR or LF in any of
// them would split a command and let the rest be read as another (`--queue $'q\r\nPUB x 1\r\n...'`).
// A bad name is a usage error (exit 2) that names what was wrong; values shown are printed escaped by main.ts.
// Also readSmallFile: settings files are read only when regular and small.

import {closeSync, constants as fsConstants, fstatSync, openSync, readSync} from 'node:fs'

import {NatsctlError, UsageError} from './errors.js'

/** Whitespace (any kind) and the C0/C1 control characters, DEL included. */

const SPACE_OR_CONTROL = /[\s\u0000-\u001F\u007F-\u009F]/u

function quote(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}...` : text)
}

/**
 * A subject to publish or send a request on: not empty, no whitespace or control characters, no empty
 * tokens, and no wildcard tokens (`*`, `>`), which the server would accept and nobody would receive.
 */
export function checkPublishSubject(subject: string, what = 'subject'): void {
  const bad = (why: string) => new UsageError(`invalid ${what} ${quote(subject)}: ${why}`)
  checkTokens(subject, bad)
  if (subject.split('.').some((t) => t === '*' || t === '>')) throw bad('cannot publish to a wildcard subject ("*" or ">")')
}

/**
 * A subject to subscribe to (sub, reply, filters): not empty, no whitespace or control characters, no empty
 * tokens, and `>` only as the last token, as the server requires (it would answer `-ERR 'Invalid Subject'`).
 */
export function checkSubscribeSubject(subject: string, what = 'subject'): void {
  const bad = (why: string) => new UsageError(`invalid ${what} ${quote(subject)}: ${why}`)
  checkTokens(subject, bad)
  const tokens = subject.split('.')
  if (tokens.slice(0, -1).includes('>')) throw bad('">" may only be the last token')
}

function checkTokens(subject: string, bad: (why: string) => Error): void {
  if (subject === '') throw bad('it is empty')
  if (SPACE_OR_CONTROL.test(subject)) throw bad('subjects cannot contain spaces, line breaks or other control characters')
  if (subject.split('.').includes('')) throw bad('it has an empty token (leading, trailing or double ".")')
}

/** A queue group name (sub --queue, reply -q): one protocol field, so no whitespace or control characters. */
export function checkQueueName(name: string, flag = '--queue'): void {
  if (name === '') throw new UsageError(`invalid queue group for ${flag}: it is empty`)
  if (SPACE_OR_CONTROL.test(name)) {
    throw new UsageError(`invalid queue group ${quote(name)} for ${flag}: it cannot contain spaces, line breaks or other control characters`)
  }
}

/** An inbox prefix (--inbox-prefix or a context's inbox_prefix): a subject without wildcards. */
export function checkInboxPrefix(prefix: string): void {
  const bad = (why: string) => new UsageError(`invalid inbox prefix ${quote(prefix)}: ${why}`)
  checkTokens(prefix, bad)
  if (prefix.split('.').some((t) => t.includes('*') || t.includes('>'))) throw bad('it cannot contain wildcards ("*" or ">")')
}

/** A header name: printable ASCII without spaces or ":" (RFC 7230's token characters, which the server expects). */
export function checkHeaderKey(key: string): void {
  if (key === '' || !/^[\u0021-\u007E]+$/.test(key) || key.includes(':')) {
    throw new UsageError(`invalid header name ${quote(key)}: use printable ASCII without spaces or ":"`)
  }
}

/**
 * A header value: no CR, LF or other control characters (a tab is allowed). `usage` says whether the value
 * came from the command line (exit 2) or from a message at run time (a template fill: exit 1).
 */
export function checkHeaderValue(key: string, value: string, options: {usage?: boolean} = {}): void {
  if (/[\u0000-\u0008\u000A-\u001F\u007F]/.test(value)) {
    const message = `invalid value for header ${quote(key)}: it cannot contain line breaks or other control characters`
    throw options.usage === false ? new NatsctlError(message) : new UsageError(message)
  }
}

/** The most natsctl reads of a settings file (credentials, keys, certificates, contexts, JSON configs): 1 MiB. */
const MAX_SETTINGS_FILE = 1024 * 1024

/**
 * Reads a small file: only a regular file (a FIFO, a device such as /dev/zero or a directory is refused
 * without reading or blocking), and at most `maxBytes`. Errors are plain Errors whose message says why
 * ("not a regular file", "larger than 1,048,576 bytes"); callers word them with the file's kind and path.
 */
export function readSmallFile(path: string, maxBytes = MAX_SETTINGS_FILE): string {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
  const fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK)
  try {
    const stat = fstatSync(fd)
    if (stat.isDirectory()) throw Object.assign(new Error('it is a directory'), {code: 'EISDIR'})
    if (!stat.isFile()) throw new Error('it is not a regular file')
    if (stat.size > maxBytes) {
      throw new Error(`it is larger than ${maxBytes.toLocaleString('en-US')} bytes (${stat.size.toLocaleString('en-US')} bytes)`)
    }
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1)
    let length = 0
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null)
      if (n === 0) break
      length += n
    }
    if (length > maxBytes) throw new Error(`it is larger than ${maxBytes.toLocaleString('en-US')} bytes`)
    return buffer.subarray(0, length).toString('utf8')
  } finally {
    closeSync(fd)
  }
}
