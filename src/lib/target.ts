// Where to connect and how to authenticate, resolved from flags, environment, a context and the embedded
// default. This is the only place that knows the precedence: flag > environment > context > default.
// Pure: no I/O (the context is loaded by the caller), so it is unit-tested without a server.

import {type ContextSettings, contextChangesFromFlags, type LoadedContext} from './contexts.js'
import {UsageError} from './errors.js'
import type {ConnectionFlagValues} from './flags.js'
import {parseWait} from './units.js'

interface Auth {
  user?: string
  password?: string
  token?: string
  /** Path to a .creds file (JWT + seed). */
  creds?: string
  /** Path to an nkey seed file. */
  nkey?: string
  userJwt?: string
  userSeed?: string
  /** A context's nsc lookup, `nsc://operator/account/user`: resolved into creds when connecting. */
  nsc?: string
}

interface Tls {
  cert?: string
  key?: string
  ca?: string
  first?: boolean
}

/** Plain data describing a connection target. */
export interface Target {
  servers: string[]
  auth: Auth
  tls?: Tls
  inboxPrefix?: string
  jsDomain?: string
  jsApiPrefix?: string
  timeoutMs: number
  connectionName: string
  /** Set when the target is an embedded broker natsctl manages: its name. Servers are filled in once it runs. */
  embedded?: string
  /**
   * Nothing was configured: natscli's default server (127.0.0.1:4222) when a NATS server answers there, else
   * the embedded broker `embedded` (broker/index.ts defaultServer).
   */
  embeddedDefault?: boolean
  /** No server was configured anywhere: `servers` is natscli's default (an nsc profile may supply them). */
  serversDefaulted?: boolean
  /** --trace: print the protocol conversation on stderr. */
  trace?: boolean
  /** The context the settings came from, if any. */
  context?: {name: string; path: string}
}

/** The environment variables natscli reads, by the setting they override. */
const ENV_VARS = {
  server: 'NATS_URL',
  user: 'NATS_USER',
  password: 'NATS_PASSWORD',
  token: 'NATS_TOKEN',
  creds: 'NATS_CREDS',
  nkey: 'NATS_NKEY',
  jwt: 'NATS_JWT',
  seed: 'NATS_SEED',
  tlscert: 'NATS_CERT',
  tlskey: 'NATS_KEY',
  tlsca: 'NATS_CA',
  timeout: 'NATS_TIMEOUT',
  context: 'NATS_CONTEXT',
} as const

const DEFAULT_SERVER = 'nats://127.0.0.1:4222'
const DEFAULT_TIMEOUT = '5s'
const DEFAULT_BROKER = 'local'

/** Which context applies: one named by flag or environment, the selected one, or none. */
type ContextChoice = {kind: 'named'; nameOrPath: string} | {kind: 'none'} | {kind: 'selected'}

export function chooseContext(flags: ConnectionFlagValues, env: NodeJS.ProcessEnv): ContextChoice {
  if (flags['no-context'] && nonEmpty(flags.context)) throw new UsageError('--context and --no-context cannot be used together')
  if (flags['no-context']) return {kind: 'none'}
  const named = nonEmpty(flags.context) ?? nonEmpty(env[ENV_VARS.context])
  if (named) return {kind: 'named', nameOrPath: named}
  // An explicit --embedded names its own broker: the selected context does not apply.
  if (flags.embedded) return {kind: 'none'}
  return {kind: 'selected'}
}

/** Environment variables that override context settings, for `context info`'s warning. */
export function environmentOverrides(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(ENV_VARS)
    .filter(([setting, variable]) => setting !== 'context' && nonEmpty(env[variable]) !== undefined)
    .map(([, variable]) => variable)
}

interface Layer {
  servers?: string[]
  auth: Auth
  tls: Tls
  inboxPrefix?: string
  jsDomain?: string
  jsApiPrefix?: string
}

/**
 * Merges flags, environment and context into a Target. `context` is the context chosen by chooseContext,
 * already loaded (or undefined). With nothing configured at all, the target is the embedded broker `local`.
 */
export function resolveTarget(
  flags: ConnectionFlagValues,
  env: NodeJS.ProcessEnv,
  context: LoadedContext | undefined,
  options: {version?: string} = {},
): Target {
  const fromFlags = layer(contextChangesFromFlags(flags))
  const fromEnv = layer({
    url: env[ENV_VARS.server],
    user: env[ENV_VARS.user],
    password: env[ENV_VARS.password],
    token: env[ENV_VARS.token],
    creds: env[ENV_VARS.creds],
    nkey: env[ENV_VARS.nkey],
    user_jwt: env[ENV_VARS.jwt],
    user_seed: env[ENV_VARS.seed],
    cert: env[ENV_VARS.tlscert],
    key: env[ENV_VARS.tlskey],
    ca: env[ENV_VARS.tlsca],
  })
  const fromContext = layer(context?.settings ?? {})
  const layers = [fromFlags, fromEnv, fromContext]
  // natscli's rule within one place: one kind of credentials (a context file is checked when it is saved).
  checkOneCredentialKind(fromFlags.auth, 'flags', {user: '--user', token: '--token', creds: '--creds', nkey: '--nkey', userJwt: '--jwt'})
  checkOneCredentialKind(fromEnv.auth, 'environment variables', {
    user: 'NATS_USER',
    token: 'NATS_TOKEN',
    creds: 'NATS_CREDS',
    nkey: 'NATS_NKEY',
    userJwt: 'NATS_JWT',
  })

  const first = <T>(pick: (l: Layer) => T | undefined): T | undefined => {
    for (const l of layers) {
      const value = pick(l)
      if (value !== undefined) return value
    }
    return undefined
  }

  const auth = mergeAuth(layers.map((l) => l.auth))
  const tls: Tls = {
    cert: first((l) => l.tls.cert),
    key: first((l) => l.tls.key),
    ca: first((l) => l.tls.ca),
    first: first((l) => l.tls.first),
  }
  const hasTls = Object.values(tls).some((v) => v !== undefined && v !== false)

  const configuredServers = first((l) => l.servers)
  const embedded = nonEmpty(flags.embedded) ?? (configuredServers || context ? undefined : DEFAULT_BROKER)
  if (flags.embedded && flags.server) {
    throw new UsageError('--embedded and --server cannot be used together: pick the broker or the server')
  }

  const timeoutText = nonEmpty(flags.timeout) ?? nonEmpty(env[ENV_VARS.timeout]) ?? DEFAULT_TIMEOUT
  const timeoutMs = parseWait(timeoutText, 'timeout')
  if (timeoutMs <= 0) throw new UsageError(`invalid timeout "${timeoutText}": it must be more than zero`)

  return {
    servers: embedded ? [] : (configuredServers ?? [DEFAULT_SERVER]),
    serversDefaulted: !embedded && !configuredServers ? true : undefined,
    trace: flags.trace ? true : undefined,
    auth,
    tls: hasTls ? tls : undefined,
    inboxPrefix: first((l) => l.inboxPrefix),
    jsDomain: first((l) => l.jsDomain),
    jsApiPrefix: first((l) => l.jsApiPrefix),
    timeoutMs,
    connectionName: nonEmpty(flags['connection-name']) ?? `natsctl${options.version ? ` ${options.version}` : ''}`,
    embedded,
    embeddedDefault: embedded !== undefined && !nonEmpty(flags.embedded) ? true : undefined,
    context: context ? {name: context.name, path: context.path} : undefined,
  }
}

/**
 * Credentials are chosen by kind: the most specific layer that says anything about auth decides, so a
 * --creds flag replaces a context's user and password instead of being mixed with them. A user and password
 * are one kind that may come from two layers (`--user a` with NATS_PASSWORD, as the --password help advises).
 * Then natscli's rule: a user without a password is a token.
 */
function mergeAuth(layers: Auth[]): Auth {
  const winner = layers.find((a) => Object.values(a).some((v) => v !== undefined))
  if (!winner) return {}
  const auth: Auth = {...winner}
  const onlyUserPassword = Object.entries(winner).every(([k, v]) => v === undefined || k === 'user' || k === 'password')
  if (onlyUserPassword) {
    auth.user ??= layers.find((a) => a.user !== undefined)?.user
    auth.password ??= layers.find((a) => a.password !== undefined)?.password
  }
  if (auth.user !== undefined && auth.password === undefined && auth.token === undefined) {
    auth.token = auth.user
    auth.user = undefined
  }
  return auth
}

/**
 * Two kinds of credentials given in one place (`--user` with `--token`, NATS_CREDS with NATS_NKEY) would
 * have one silently ignored: refuse, naming both, as natscli does. A user with a password is one kind.
 */
function checkOneCredentialKind(auth: Auth, where: string, names: Record<'creds' | 'nkey' | 'token' | 'user' | 'userJwt', string>): void {
  const given = (Object.keys(names) as Array<keyof typeof names>).filter((kind) => auth[kind] !== undefined)
  if (given.length > 1) {
    throw new UsageError(`too many types of credentials in ${where}: ${given.map((kind) => names[kind]).join(' and ')}; choose one`)
  }
}

function layer(settings: ContextSettings): Layer {
  const auth: Auth = {
    user: nonEmpty(settings.user),
    password: nonEmpty(settings.password),
    token: nonEmpty(settings.token),
    creds: nonEmpty(settings.creds),
    nkey: nonEmpty(settings.nkey),
    userJwt: nonEmpty(settings.user_jwt),
    userSeed: nonEmpty(settings.user_seed),
    nsc: nonEmpty(settings.nsc),
  }
  let servers: string[] | undefined
  const url = nonEmpty(settings.url)
  if (url) {
    const parsed = url
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map(parseServerUrl)
    if (parsed.length === 0) {
      throw new UsageError(`invalid server "${url}": no server URL in it (expected nats://host:port, comma separated)`)
    }
    servers = parsed.map((p) => p.url)
    // Credentials in a URL apply unless the same layer gave credentials explicitly.
    const withCreds = parsed.find((p) => p.user !== undefined)
    if (withCreds && !Object.values(auth).some((v) => v !== undefined)) {
      if (withCreds.password === undefined) auth.token = withCreds.user
      else {
        auth.user = withCreds.user
        auth.password = withCreds.password
      }
    }
  }
  return {
    servers,
    auth,
    tls: {
      cert: nonEmpty(settings.cert),
      key: nonEmpty(settings.key),
      ca: nonEmpty(settings.ca),
      first: settings.tls_first === true ? true : undefined,
    },
    inboxPrefix: nonEmpty(settings.inbox_prefix),
    jsDomain: nonEmpty(settings.jetstream_domain),
    jsApiPrefix: nonEmpty(settings.jetstream_api_prefix),
  }
}

interface ParsedServer {
  /** The URL without credentials, as the client gets it. */
  url: string
  user?: string
  password?: string
}

const SCHEMES = new Set(['nats:', 'tls:', 'ws:', 'wss:'])

/** Validates one server URL and splits off `user:pass@` or `token@`, which the client would ignore. */
export function parseServerUrl(input: string): ParsedServer {
  const text = input.includes('://') ? input : `nats://${input}`
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`invalid server URL "${input}": expected nats://host:port`)
  }
  if (!SCHEMES.has(url.protocol)) {
    throw new UsageError(`invalid server URL "${input}": unsupported scheme "${url.protocol}" (use nats://, tls://, ws:// or wss://)`)
  }
  if (url.hostname === '') throw new UsageError(`invalid server URL "${input}": no host`)
  if (url.pathname !== '' && url.pathname !== '/') throw new UsageError(`invalid server URL "${input}": unexpected path`)
  const user = url.username ? decodeURIComponent(url.username) : undefined
  const password = url.password ? decodeURIComponent(url.password) : undefined
  url.username = ''
  url.password = ''
  const clean = `${url.protocol}//${url.host}`
  return {url: clean, user, password}
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}
