// Mirror and source specifications: a stream name or a StreamSource JSON object, plus the flags that
// place it in another JetStream domain (`$JS.<domain>.API`) or account (an API prefix used verbatim).

import type {StreamSource} from '@nats-io/jetstream'

import {UsageError} from '../errors.js'
import type {StreamFlagValues} from './flags.js'

/** The API prefix of a JetStream domain, as the server and natscli spell it. */
export function domainApiPrefix(domain: string): string {
  const d = domain.trim()
  if (d === '' || /[\s.*>]/.test(d)) throw new UsageError(`invalid JetStream domain "${domain}"`)
  return `$JS.${d}.API`
}

/** A name, or a JSON StreamSource object (`{"name":"S1","external":{"api":"$JS.hub.API"}}`). */
export function parseSourceSpec(value: string, flag: string): StreamSource {
  const text = value.trim()
  if (text.startsWith('{')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      throw new UsageError(`invalid JSON in ${flag}: ${(error as Error).message}`)
    }
    const src = parsed as StreamSource & {domain?: string}
    if (typeof src.name !== 'string' || src.name === '') throw new UsageError(`${flag} JSON needs a "name"`)
    // The client's `domain` shorthand is not part of the server's schema: turn it into external.api here.
    if (src.domain !== undefined) {
      if (src.external) throw new UsageError(`${flag} JSON cannot have both "domain" and "external"`)
      const {domain, ...rest} = src
      return {...rest, external: {api: domainApiPrefix(domain), deliver: ''}}
    }
    return src
  }
  if (text === '' || /[\s.*>]/.test(text)) throw new UsageError(`invalid stream name "${value}" in ${flag}`)
  return {name: text}
}

/** Accepts RFC 3339 / ISO 8601 and natscli's prompt layout `YYYY:MM:DD HH:MM:SS` (local time). */
export function parseStartTime(value: string, flag: string): string {
  const natscli = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim())
  const date = natscli
    ? new Date(Number(natscli[1]), Number(natscli[2]) - 1, Number(natscli[3]), Number(natscli[4]), Number(natscli[5]), Number(natscli[6]))
    : new Date(value)
  if (Number.isNaN(date.getTime())) {
    throw new UsageError(`invalid time "${value}" for ${flag}: use RFC 3339 (2024-01-31T12:00:00Z) or "YYYY:MM:DD HH:MM:SS"`)
  }
  return date.toISOString()
}

interface ExternalOptions {
  domain?: string
  apiPrefix?: string
  deliverPrefix?: string
}

/** Places a source in another domain or account. Fields it sets override the JSON form's. */
export function applyExternal(src: StreamSource, options: ExternalOptions, flagPrefix: string): StreamSource {
  if (options.domain !== undefined && options.apiPrefix !== undefined) {
    throw new UsageError(`--${flagPrefix}-domain and --${flagPrefix}-api-prefix cannot be combined: a domain is an API prefix`)
  }
  if (options.domain !== undefined) {
    return {...src, external: {api: domainApiPrefix(options.domain), deliver: options.deliverPrefix ?? src.external?.deliver ?? ''}}
  }
  if (options.apiPrefix !== undefined) {
    return {...src, external: {api: options.apiPrefix, deliver: options.deliverPrefix ?? src.external?.deliver ?? ''}}
  }
  if (options.deliverPrefix !== undefined) {
    if (!src.external) throw new UsageError(`--${flagPrefix}-deliver-prefix needs --${flagPrefix}-domain or --${flagPrefix}-api-prefix`)
    return {...src, external: {...src.external, deliver: options.deliverPrefix}}
  }
  return src
}

export function mirrorFromFlags(flags: StreamFlagValues): StreamSource | undefined {
  const dependent = ['mirror-domain', 'mirror-api-prefix', 'mirror-deliver-prefix', 'mirror-start-seq', 'mirror-start-time', 'mirror-filter'] as const
  if (flags.mirror === undefined) {
    const stray = dependent.find((f) => flags[f] !== undefined)
    if (stray) throw new UsageError(`--${stray} needs --mirror`)
    return undefined
  }
  let src = parseSourceSpec(flags.mirror, '--mirror')
  src = applyExternal(
    src,
    {apiPrefix: flags['mirror-api-prefix'], deliverPrefix: flags['mirror-deliver-prefix'], domain: flags['mirror-domain']},
    'mirror',
  )
  if (flags['mirror-start-seq'] !== undefined && flags['mirror-start-time'] !== undefined) {
    throw new UsageError('--mirror-start-seq and --mirror-start-time cannot be combined')
  }
  if (flags['mirror-start-seq'] !== undefined) src = {...src, opt_start_seq: flags['mirror-start-seq']}
  if (flags['mirror-start-time'] !== undefined) src = {...src, opt_start_time: parseStartTime(flags['mirror-start-time'], '--mirror-start-time')}
  if (flags['mirror-filter'] !== undefined) src = {...src, filter_subject: flags['mirror-filter']}
  return src
}

export function sourcesFromFlags(flags: StreamFlagValues): StreamSource[] | undefined {
  if (flags.source === undefined) {
    if (flags['source-domain'] !== undefined) throw new UsageError('--source-domain needs --source')
    return undefined
  }
  return flags.source.map((value) => {
    const src = parseSourceSpec(value, '--source')
    // The domain flag applies to every source, except a JSON one that already says where it lives.
    return flags['source-domain'] !== undefined && !src.external ? applyExternal(src, {domain: flags['source-domain']}, 'source') : src
  })
}
