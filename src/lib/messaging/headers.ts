// `-H/--header K:V` flags (repeatable), shared by pub, request and reply. Split on the first colon, as
// natscli does; values may hold templates. A header given twice is sent with both values.

import {UsageError} from '../errors.js'
import {checkHeaderKey, checkHeaderValue} from '../validate.js'
import {compileTemplate, type Template, type TemplateValues} from './templates.js'

export interface HeaderSpec {
  key: string
  value: Template
}

export async function parseHeaderFlags(values: string[] | undefined, options: {templates?: boolean} = {}): Promise<HeaderSpec[]> {
  const specs: HeaderSpec[] = []
  for (const text of values ?? []) {
    const colon = text.indexOf(':')
    const key = colon === -1 ? '' : text.slice(0, colon).trim()
    if (colon === -1 || key === '') {
      throw new UsageError(`invalid header "${text}": use -H Key:Value`)
    }
    checkHeaderKey(key)
    const raw = text.slice(colon + 1).trim()
    checkHeaderValue(key, raw)
    // natscli templates header values even when body templates are off; we follow the flag for both.
    const value = options.templates === false ? () => raw : await compileTemplate(raw, `header ${key}`)
    specs.push({key, value})
  }
  return specs
}

/** Builds the client's MsgHdrs for one message, or undefined when there are no headers. */
export async function buildHeaders(specs: HeaderSpec[], values: TemplateValues) {
  if (specs.length === 0) return undefined
  const {headers} = await import('@nats-io/transport-node')
  const h = headers()
  for (const spec of specs) {
    const value = spec.value(values)
    // A template fill ({{Request}} in reply) is data from a message: it may not split the header block.
    checkHeaderValue(spec.key, value, {usage: false})
    h.append(spec.key, value)
  }
  return h
}
