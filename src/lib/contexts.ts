// natscli-compatible context files (ADR-21): $XDG_CONFIG_HOME/nats/context/NAME.json, the selected name in
// nats/context.txt and the previous one in nats/previous-context.txt. Files written by natscli are read as
// they are; files written here work in natscli: natscli's fields in natscli's order, unknown fields kept.

import {randomBytes} from 'node:crypto'
import {chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {basename, dirname, join} from 'node:path'

import {fileProblem, NatsctlError, UsageError} from './errors.js'
import {readSmallFile} from './validate.js'
import type {ContextFieldValues} from './flags.js'

/** The settings of one context, with natscli's JSON field names. Unknown fields are kept on rewrite. */
export interface ContextSettings {
  description?: string
  url?: string
  socks_proxy?: string
  token?: string
  user?: string
  password?: string
  creds?: string
  nkey?: string
  cert?: string
  key?: string
  ca?: string
  nsc?: string
  jetstream_domain?: string
  jetstream_api_prefix?: string
  jetstream_event_prefix?: string
  inbox_prefix?: string
  user_jwt?: string
  user_seed?: string
  color_scheme?: string
  tls_first?: boolean
  [field: string]: unknown
}

/** natscli writes every field, in this order; so do we, so a diff between the two tools' files is empty. */
export const CONTEXT_FIELDS = [
  'description',
  'url',
  'socks_proxy',
  'token',
  'user',
  'password',
  'creds',
  'nkey',
  'cert',
  'key',
  'ca',
  'nsc',
  'jetstream_domain',
  'jetstream_api_prefix',
  'jetstream_event_prefix',
  'inbox_prefix',
  'user_jwt',
  'user_seed',
  'color_scheme',
  'tls_first',
  'windows_cert_store',
  'windows_cert_match_by',
  'windows_cert_match',
  'windows_ca_certs_match',
] as const

/** Fields whose values are secrets: masked as *** unless the user asks to see them. */
const SECRET_FIELDS = ['password', 'token', 'user_seed', 'user_jwt'] as const

export interface LoadedContext {
  name: string
  path: string
  settings: ContextSettings
}

type Env = NodeJS.ProcessEnv

/** The nats config directory natscli uses: $XDG_CONFIG_HOME/nats, else ~/.config/nats. */
function natsConfigDir(env: Env = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.trim() !== '' ? env.XDG_CONFIG_HOME : join(homedir(), '.config')
  return join(base, 'nats')
}

function contextsDir(env: Env = process.env): string {
  return join(natsConfigDir(env), 'context')
}

/** Longest context name in bytes: NAME.json and natsctl's temporary file beside it fit a 255-byte file name. */
export const MAX_CONTEXT_NAME_BYTES = 200

export function validateContextName(name: string): void {
  if (!name || name.includes('..') || name.includes('/') || name.includes('\\')) {
    throw new UsageError(`invalid context name ${displayName(name)}: names must be non-empty and may not contain "..", "/" or "\\"`)
  }
  if (name === '.' || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new UsageError(`invalid context name ${displayName(name)}: names may not be "." or contain control characters (newlines, tabs, escapes)`)
  }
  if (Buffer.byteLength(name) > MAX_CONTEXT_NAME_BYTES) {
    throw new UsageError(`invalid context name ${displayName(name)}: names may be at most ${MAX_CONTEXT_NAME_BYTES} bytes long`)
  }
}

/**
 * A name as read from a file or typed by someone, fit to print: quoted, control characters escaped (no
 * terminal escape sequence or line break gets through) and cut to 60 characters.
 */
export function displayName(name: string, max = 60): string {
  const short = [...name].length > max ? `${[...name].slice(0, max).join('')}...` : name
  return JSON.stringify(short).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`)
}

export function contextPath(name: string, env: Env = process.env): string {
  validateContextName(name)
  return join(contextsDir(env), `${name}.json`)
}

export function contextExists(name: string, env: Env = process.env): boolean {
  return existsSync(contextPath(name, env))
}

/** Sorted names of the saved contexts. */
export function listContexts(env: Env = process.env): string[] {
  const dir = contextsDir(env)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort((a, b) => a.localeCompare(b))
}

function readContextFile(path: string): ContextSettings {
  let text: string
  try {
    text = readSmallFile(path)
  } catch (error) {
    throw new NatsctlError(`cannot read context file ${path}: ${fileProblem(error)}`, {cause: error})
  }
  try {
    return parseContextText(text)
  } catch (error) {
    throw new NatsctlError(`corrupt context file ${path}: ${(error as Error).message}`, {cause: error})
  }
}

/** A context file's text as settings: a JSON object, or an Error saying what it is instead. */
export function parseContextText(text: string): ContextSettings {
  const parsed = JSON.parse(text) as unknown
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object')
  return parsed as ContextSettings
}

/**
 * Loads a context by name, or from a path when the argument names an existing `.json` file (natscli's
 * one-off contexts).
 */
export function loadContext(nameOrPath: string, env: Env = process.env): LoadedContext {
  if (nameOrPath.endsWith('.json') && existsSync(nameOrPath)) {
    return {name: basename(nameOrPath, '.json'), path: nameOrPath, settings: readContextFile(nameOrPath)}
  }
  // A path (natscli's one-off context file) that is not there: say so, not "invalid context name".
  if (nameOrPath.includes('/') && (nameOrPath.endsWith('.json') || !existsSync(nameOrPath))) {
    throw new UsageError(`cannot read context file ${nameOrPath}: no such file`)
  }
  const path = contextPath(nameOrPath, env)
  if (!existsSync(path)) throw new NatsctlError(`unknown context ${displayName(nameOrPath)} (no file ${path})`)
  return {name: nameOrPath, path, settings: readContextFile(path)}
}

/** Writes a file atomically (temp file in the same directory + rename) with the given mode. */
export function writeFileAtomic(path: string, content: string, mode = 0o600): void {
  const dir = dirname(path)
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    mkdirSync(dir, {recursive: true, mode: 0o700})
    writeFileSync(temp, content, {mode})
    chmodSync(temp, mode)
    renameSync(temp, path)
  } catch (error) {
    try {
      rmSync(temp, {force: true})
    } catch {}
    throw new NatsctlError(`cannot write ${path}: ${fileProblem(error)}`, {cause: error})
  }
}

/** Orders fields as natscli does, filling natscli's fields it always writes, and keeps unknown ones after. */
export function serializeContext(settings: ContextSettings): string {
  const out: Record<string, unknown> = {}
  for (const field of CONTEXT_FIELDS) {
    if (settings[field] !== undefined) out[field] = settings[field]
    else if (field === 'tls_first') out[field] = false
    else if (field === 'windows_ca_certs_match') out[field] = []
    else out[field] = ''
  }
  for (const [field, value] of Object.entries(settings)) {
    if (!(field in out) && field !== 'name' && value !== undefined) out[field] = value
  }
  return JSON.stringify(out, null, 2) + '\n'
}

/** Creates or replaces a context file (0600, directories 0700). */
export function saveContext(name: string, settings: ContextSettings, env: Env = process.env): string {
  const path = contextPath(name, env)
  writeFileAtomic(path, serializeContext(settings))
  return path
}

/**
 * Updates a context, changing only the fields given (undefined leaves a field alone), and creates it when
 * missing. Returns the merged settings.
 */
export function updateContext(name: string, changes: ContextSettings, env: Env = process.env): ContextSettings {
  const current = contextExists(name, env) ? loadContext(name, env).settings : {}
  const merged: ContextSettings = {...current}
  for (const [field, value] of Object.entries(changes)) if (value !== undefined) merged[field] = value
  saveContext(name, merged, env)
  return merged
}

export function removeContext(name: string, env: Env = process.env): void {
  rmSync(contextPath(name, env), {force: true})
}

function readName(file: string): string | undefined {
  let size: number
  try {
    const stat = statSync(file)
    if (!stat.isFile()) return `<${basename(file)} is not a regular file>`
    size = stat.size
  } catch {
    return undefined
  }
  // A name is short: a bigger file is not a name (shown shortened, then unselected as not found).
  const fd = openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(Math.min(size, 1024))
    const length = readSync(fd, buffer, 0, buffer.length, 0)
    const name = buffer.subarray(0, length).toString('utf8').trim()
    return name === '' ? undefined : name
  } finally {
    closeSync(fd)
  }
}

/** The selected context's name as written in context.txt, whether or not its file exists. */
export function selectedContextName(env: Env = process.env): string | undefined {
  return readName(join(natsConfigDir(env), 'context.txt'))
}

export function previousContextName(env: Env = process.env): string | undefined {
  return readName(join(natsConfigDir(env), 'previous-context.txt'))
}

/** Selects a context, remembering the one selected before as the previous one (natscli's `context -`). */
export function selectContext(name: string, env: Env = process.env): void {
  if (!contextExists(name, env)) throw new NatsctlError(`unknown context "${name}"`)
  const current = selectedContextName(env)
  const dir = natsConfigDir(env)
  if (current && current !== name) writeFileAtomic(join(dir, 'previous-context.txt'), current)
  writeFileAtomic(join(dir, 'context.txt'), name)
}

export function unselectContext(env: Env = process.env): string | undefined {
  const current = selectedContextName(env)
  rmSync(join(natsConfigDir(env), 'context.txt'), {force: true})
  return current
}

/**
 * The selected context, if any. A selected name whose file is gone is reported once (through `warn`) and
 * unselected, as natscli does.
 */
export function selectedContext(warn: (message: string) => void, env: Env = process.env): LoadedContext | undefined {
  const name = selectedContextName(env)
  if (!name) return undefined
  let exists = false
  try {
    exists = contextExists(name, env)
  } catch {
    exists = false
  }
  if (!exists) {
    warn(`The selected context ${displayName(name)} was not found, unselecting it`)
    unselectContext(env)
    return undefined
  }
  return loadContext(name, env)
}

/** The value is a secret itself (a literal NKey seed, embedded data), not a path to one. */
export function isInlineSecret(value: unknown): boolean {
  return typeof value === 'string' && (value.startsWith('data:') || /^S[A-Z2-7]{50,}$/.test(value.trim()))
}

/**
 * A copy with secrets replaced by `***` (empty values stay empty): passwords, tokens, JWTs and seeds, and
 * creds or nkey values that hold the secret inline (`data:` or a literal seed) instead of a file path.
 */
export function maskSecrets(settings: ContextSettings): ContextSettings {
  const copy: ContextSettings = {...settings}
  for (const field of SECRET_FIELDS) {
    if (typeof copy[field] === 'string' && copy[field] !== '') copy[field] = '***'
  }
  for (const field of ['creds', 'nkey'] as const) {
    if (isInlineSecret(copy[field])) copy[field] = '***'
  }
  if (typeof copy.url === 'string') copy.url = maskUrlCredentials(copy.url)
  return copy
}

/** `nats://user:pass@h` -> `nats://user:***@h`, `nats://token@h` -> `nats://***@h`, for each URL in a list. */
export function maskUrlCredentials(urls: string): string {
  return urls.replace(/(^|,)(\s*[a-z][a-z0-9+.-]*:\/\/)([^@/,]+)@/gi, (_, start: string, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':')
    return `${start}${scheme}${colon === -1 ? '***' : `${userinfo.slice(0, colon)}:***`}@`
  })
}

/**
 * natscli's rule: at most one kind of credentials per context ('user/token', 'creds', 'nkey', 'nsc',
 * 'user_jwt'), since the connection would silently use one and ignore the others.
 */
export function validateCredentials(settings: ContextSettings): void {
  const set = (value: unknown) => typeof value === 'string' && value !== ''
  const kinds = [
    set(settings.user) || set(settings.token),
    set(settings.creds),
    set(settings.nkey),
    set(settings.nsc),
    set(settings.user_jwt),
  ].filter(Boolean).length
  if (kinds > 1) {
    throw new UsageError("too many types of credentials. Choose only one from 'user/token', 'creds', 'nkey', 'nsc', 'user_jwt'")
  }
}

/** Selects the previous context (natscli's `context previous`); returns its name. */
export function selectPreviousContext(env: Env = process.env): string {
  const previous = previousContextName(env)
  if (!previous) throw new NatsctlError('no previous context: select one with "context select NAME" first')
  if (!contextExists(previous, env)) throw new NatsctlError(`the previous context "${previous}" no longer exists`)
  selectContext(previous, env)
  return previous
}

/**
 * Context fields from flags (natscli's mapping); undefined means "not given, leave the field alone". Also the
 * flags layer of target.ts, so a flag and the context field it stands for are mapped in one place.
 */
export function contextChangesFromFlags(f: ContextFieldValues): ContextSettings {
  return {
    description: f.description,
    url: f.server,
    user: f.user,
    password: f.password,
    token: f.token,
    creds: f.creds,
    nkey: f.nkey,
    user_jwt: f.jwt,
    user_seed: f.seed,
    cert: f.tlscert,
    key: f.tlskey,
    ca: f.tlsca,
    tls_first: f.tlsfirst ? true : undefined,
    jetstream_domain: f['js-domain'],
    jetstream_api_prefix: f['js-api-prefix'],
    jetstream_event_prefix: f['js-event-prefix'],
    inbox_prefix: f['inbox-prefix'],
  }
}

/** Applies changes (undefined leaves a field alone) to settings, checking natscli's one-credential rule. */
export function mergeContextChanges(current: ContextSettings, changes: ContextSettings): ContextSettings {
  const merged: ContextSettings = {...current}
  for (const [field, value] of Object.entries(changes)) if (value !== undefined) merged[field] = value
  validateCredentials(merged)
  return merged
}
