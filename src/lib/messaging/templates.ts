// natscli's body templates, in subjects, bodies and header values: {{Count}} (alias Cnt), {{TimeStamp}}
// (RFC 3339), {{Unix}}, {{UnixNano}}, {{Time}} (3:04PM), {{ID}} (a NUID), {{Random min max}} (a random
// alphanumeric string of min..max characters) and, in reply, {{Request}}. A template is compiled once into
// a function, so a hot publish loop pays only for the parts it uses; text without `{{` is returned as is.

import {randomBytes, randomInt} from 'node:crypto'

import {UsageError} from '../errors.js'
import {formatKitchen, formatRfc3339} from '../format.js'

export interface TemplateValues {
  /** The message counter (pub and request count from 1; reply from 0, as natscli does). */
  count: number
  /** The request body, for reply's {{Request}}. */
  request?: string
}

export type Template = (values: TemplateValues) => string

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/**
 * The longest {{Random}} string: 64 MiB, the largest max_payload a nats-server can be given. Anything longer
 * could never be sent, and building it would exhaust memory before the server's limit is checked.
 */
const MAX_RANDOM_LENGTH = 64 * 1024 * 1024

type Part = string | ((values: TemplateValues) => string)

export function hasTemplate(text: string): boolean {
  return text.includes('{{')
}

/**
 * Compiles a template. `what` names it in errors ("body", "subject", "header X"). Throws UsageError for an
 * unclosed `{{`, an unknown function or bad arguments.
 */
export async function compileTemplate(text: string, what = 'body'): Promise<Template> {
  if (!hasTemplate(text)) return () => text
  const parts: Part[] = []
  let rest = text
  let nuid: {next(): string} | undefined
  while (rest.length > 0) {
    const open = rest.indexOf('{{')
    if (open === -1) {
      parts.push(rest)
      break
    }
    if (open > 0) parts.push(rest.slice(0, open))
    const close = rest.indexOf('}}', open + 2)
    if (close === -1) throw new UsageError(`bad template in ${what}: unclosed "{{" in ${JSON.stringify(text)}`)
    const [name, ...args] = rest
      .slice(open + 2, close)
      .trim()
      .replace(/^\./, '')
      .split(/\s+/)
    switch (name) {
      case 'Count':
      case 'Cnt': {
        parts.push((v) => String(v.count))
        break
      }
      case 'TimeStamp': {
        parts.push(() => formatRfc3339(new Date()))
        break
      }
      case 'Unix': {
        parts.push(() => String(Math.floor(Date.now() / 1000)))
        break
      }
      case 'UnixNano': {
        parts.push(() => unixNano())
        break
      }
      case 'Time': {
        parts.push(() => formatKitchen(new Date()))
        break
      }
      case 'ID': {
        nuid ??= (await import('@nats-io/transport-node')).nuid
        const ids = nuid
        parts.push(() => ids.next())
        break
      }
      case 'Random': {
        const [min, max] = args.map(Number)
        if (args.length !== 2 || !Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min) {
          throw new UsageError(`bad template in ${what}: use {{Random min max}} with whole numbers, min <= max`)
        }
        if (max > MAX_RANDOM_LENGTH) {
          throw new UsageError(
            `bad template in ${what}: {{Random}} makes at most ${MAX_RANDOM_LENGTH.toLocaleString('en-US')} characters (the largest message a server accepts), not ${max.toLocaleString('en-US')}`,
          )
        }
        parts.push(() => randomString(randomInt(min, max + 1)))
        break
      }
      case 'Request': {
        parts.push((v) => v.request ?? '')
        break
      }
      default: {
        throw new UsageError(
          `bad template in ${what}: unknown function "${name ?? ''}" (use Count, TimeStamp, Unix, UnixNano, Time, ID, Random or Request)`,
        )
      }
    }
    rest = rest.slice(close + 2)
  }
  if (parts.length === 1 && typeof parts[0] === 'function') return parts[0]
  return (values) => {
    let out = ''
    for (const part of parts) out += typeof part === 'string' ? part : part(values)
    return out
  }
}

function randomString(length: number): string {
  if (length < 64) {
    let out = ''
    for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]
    return out
  }
  // Long strings from random bytes in bulk (without modulo bias: bytes from 248 up are skipped).
  const out = Buffer.allocUnsafe(length)
  let filled = 0
  while (filled < length) {
    for (const byte of randomBytes(Math.min(65_536, (length - filled) * 2))) {
      if (byte >= 248) continue
      out[filled++] = ALPHANUMERIC.codePointAt(byte % 62)!
      if (filled === length) break
    }
  }
  return out.toString('latin1')
}

const startNs = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint()
function unixNano(): string {
  return String(startNs + process.hrtime.bigint())
}
