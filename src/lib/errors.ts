// The one place for error wording. Every failure ends as one line `natsctl: error: ...` on stderr and an exit
// code: 1 for runtime failures, 2 for usage. Commands throw; `main.ts` prints (through `printable`, so nothing
// from the input can split the line or reach the terminal as an escape sequence).
//
// What lives here:
// - `causes(err)`: the one walk down `error.cause` (everything that looks under an error uses it);
// - `JsApi`: the JetStream API error codes (err_code) natsctl meets, and `jsApiFailure`/`isJsApiError` to find
//   them under any wrapping;
// - resources: `onResource({stream, consumer, bucket, key, object}, work)` and `notFound(...)`, so a missing
//   stream, consumer, bucket, key, object or message is worded alike by every command (see `Resource`);
// - `toNatsctlError(err, context)`: client and server errors in words a user can act on.
// It never imports the NATS client (it matches on error names and fields), so it stays cheap to load.

import {formatDuration} from './format.js'

/** A failure at run time (server, network, missing resource): exit 1. */
export class NatsctlError extends Error {
  readonly exitCode: number
  /** Printed under the error line, line by line (a server log's tail); never part of the one error line. */
  readonly detail?: string
  constructor(message: string, options: {cause?: unknown; exitCode?: number; detail?: string} = {}) {
    super(message, {cause: options.cause})
    this.name = 'NatsctlError'
    this.exitCode = options.exitCode ?? 1
    if (options.detail) this.detail = options.detail
  }
}

/** Bad input from the user (a flag value, an argument, a combination): exit 2. */
export class UsageError extends NatsctlError {
  constructor(message: string, options: {cause?: unknown} = {}) {
    super(message, {...options, exitCode: 2})
    this.name = 'UsageError'
  }
}

// ---------------------------------------------------------------------------------------------------------
// The cause walker

/** The error and the errors under it (`cause`, then its `cause`...), at most `limit` deep: cycles end too. */
export function causes(err: unknown, limit = 8): Error[] {
  const out: Error[] = []
  for (let current = err; current instanceof Error && out.length < limit; current = current.cause) {
    if (out.includes(current)) break
    out.push(current)
  }
  return out
}

/** The first error in the cause chain with one of these names (`name` or its class's name). */
export function causeNamed(err: unknown, ...names: string[]): Error | undefined {
  return causes(err).find((e) => names.includes(e.name) || names.includes(e.constructor?.name))
}

// ---------------------------------------------------------------------------------------------------------
// JetStream API errors

/**
 * The JetStream API error codes (`err_code`) natsctl meets, by name (nats-server's server/errors.json; the
 * client's own `JetStreamApiCodes` has only six). Match them with `isJsApiError(error, JsApi.StreamNotFound)`.
 */
export const JsApi = {
  AccountResourcesExceeded: 10_002, // resource limits exceeded for account
  BadRequest: 10_003, // bad request
  ConsumerNameInUse: 10_013, // consumer name already in use
  ConsumerNotFound: 10_014, // consumer not found
  InsufficientResources: 10_023, // insufficient resources
  InvalidJson: 10_025, // invalid JSON: ...
  MaximumConsumers: 10_026, // maximum consumers limit reached
  MaximumStreams: 10_027, // maximum number of streams reached
  MirrorWithSubjects: 10_034, // stream mirrors can not contain subjects
  NoMessageFound: 10_037, // no message found
  NotEnabledForAccount: 10_039, // JetStream not enabled for account
  StorageResourcesExceeded: 10_047, // insufficient storage resources available
  StreamMessageExceedsMaximum: 10_054, // message size exceeds maximum allowed
  MessageDeleteFailed: 10_057, // the server's reason, e.g. "message delete not permitted" (deny_delete)
  StreamNameInUse: 10_058, // stream name already in use with a different configuration
  StreamNotFound: 10_059, // stream not found
  SubjectOverlap: 10_065, // subjects overlap with an existing stream
  WrongLastMsgId: 10_070, // wrong last msg ID: ...
  WrongLastSequence: 10_071, // wrong last sequence: N
  ReplicasNotSupported: 10_074, // replicas > 1 not supported in non-clustered mode
  NotEnabled: 10_076, // JetStream not enabled
  StreamSealed: 10_109, // invalid operation on sealed stream
  PurgeFailed: 10_110, // the server's reason, e.g. "purge not permitted" (deny_purge)
  ConsumerAlreadyExists: 10_148, // consumer already exists
  ConsumerDoesNotExist: 10_149, // consumer does not exist
  WrongLastSequenceConstant: 10_164, // wrong last sequence
} as const

/** A JetStream API error as the server sent it. */
interface JsApiFailure {
  /** The JetStream error code (`err_code`, e.g. 10059). */
  code?: number
  /** The HTTP-like status (`code` in the API's JSON, e.g. 404). */
  status?: number
  description: string
}

type ApiErrorLike = Error & {
  api_error?: {code?: number; err_code?: number; description?: string}
  apiError?: () => {code?: number; err_code?: number; description?: string}
  code?: unknown
}

/**
 * The JetStream API error anywhere in the cause chain: the client's JetStreamApiError and its subclasses
 * (StreamNotFoundError, ConsumerNotFoundError), or an older client's `api_error` field.
 */
export function jsApiFailure(err: unknown): JsApiFailure | undefined {
  for (const e of causes(err) as ApiErrorLike[]) {
    const api = typeof e.apiError === 'function' ? e.apiError() : e.api_error
    if (api) return {code: api.err_code, status: api.code, description: api.description || e.message}
    if (e.name === 'JetStreamApiError' && typeof e.code === 'number') return {code: e.code, description: e.message}
  }
  return undefined
}

/** True when a JetStream API error with one of these codes is in the cause chain. */
export function isJsApiError(err: unknown, ...codes: number[]): boolean {
  const code = jsApiFailure(err)?.code
  return code !== undefined && codes.includes(code)
}

/** The server's words and code, as natsctl shows an API error it has nothing better to say about. */
export function apiErrorText(api: {description?: string; err_code?: number; code?: number}): string {
  const code = api.err_code ?? api.code
  return `${api.description ?? 'JetStream API error'}${code ? ` (${code})` : ''}`
}

// ---------------------------------------------------------------------------------------------------------
// Resources: what a command works on, worded alike everywhere

/**
 * What a command works on. Give the names you have; errors name the most specific thing:
 * - `{stream}`                          stream "X" not found
 * - `{stream, consumer}`                consumer "Y" on stream "X" not found (stream "X" not found if the stream is gone)
 * - `{stream, seq}` / `{stream, lastFor}`  message 5 not found in stream "X" / last message on subject "a.b" not found in stream "X"
 * - `{bucket}`                          bucket "Z" not found (key-value and object buckets are streams underneath)
 * - `{bucket, key}` / `{bucket, object}`  key "K" not found in bucket "Z" / object "O" not found in bucket "Z"
 */
interface Resource {
  stream?: string
  consumer?: string
  bucket?: string
  key?: string
  object?: string
  /** A message by sequence, in `stream`. */
  seq?: number
  /** The last message on this subject, in `stream`. */
  lastFor?: string
}

const quote = (name: string) => JSON.stringify(name)

/** The thing, and what it is in: `object "O"` in `bucket "Z"`, `consumer "Y" on stream "X"` (in nothing). */
function parts(r: Resource): {what: string; within?: string} {
  if (r.bucket !== undefined) {
    const bucket = `bucket ${quote(r.bucket)}`
    if (r.object !== undefined) return {what: `object ${quote(r.object)}`, within: bucket}
    if (r.key !== undefined) return {what: `key ${quote(r.key)}`, within: bucket}
    return {what: bucket}
  }
  const stream = `stream ${quote(r.stream ?? '')}`
  if (r.consumer !== undefined) return {what: `consumer ${quote(r.consumer)} on ${stream}`}
  if (r.seq !== undefined) return {what: `message ${r.seq}`, within: stream}
  if (r.lastFor !== undefined) return {what: `last message on subject ${quote(r.lastFor)}`, within: stream}
  return {what: stream}
}

/** `stream "X"`, `consumer "Y" on stream "X"`, `object "O" in bucket "Z"`... */
export function describeResource(r: Resource): string {
  const {what, within} = parts(r)
  return within ? `${what} in ${within}` : what
}

/** `stream "X" not found`, `object "O" not found in bucket "Z"`... (exit 1). `hint` follows a colon. */
export function notFound(r: Resource, options: {cause?: unknown; hint?: string} = {}): NatsctlError {
  const {what, within} = parts(r)
  const hint = options.hint ? `: ${options.hint}` : ''
  return new NatsctlError(`${what} not found${within ? ` in ${within}` : ''}${hint}`, {cause: options.cause})
}

/** `stream "X" already exists`, with the server's qualification (`with a different configuration (10058)`). */
export function alreadyExists(r: Resource, options: {cause?: unknown; detail?: string} = {}): NatsctlError {
  return new NatsctlError(`${describeResource(r)} already exists${options.detail ? ` ${options.detail}` : ''}`, {cause: options.cause})
}

type Kind = 'stream' | 'consumer' | 'message'

/** What an API error code says about the resource: which kind of thing is missing, or already there. */
const RESOURCE_CODES: ReadonlyMap<number, {kind: Kind; state: 'missing' | 'exists'; detail?: string}> = new Map([
  [JsApi.ConsumerAlreadyExists, {kind: 'consumer', state: 'exists'}],
  [JsApi.ConsumerDoesNotExist, {kind: 'consumer', state: 'missing'}],
  [JsApi.ConsumerNameInUse, {kind: 'consumer', state: 'exists'}],
  [JsApi.ConsumerNotFound, {kind: 'consumer', state: 'missing'}],
  [JsApi.NoMessageFound, {kind: 'message', state: 'missing'}],
  [JsApi.StreamNameInUse, {kind: 'stream', state: 'exists', detail: 'with a different configuration'}],
  [JsApi.StreamNotFound, {kind: 'stream', state: 'missing'}],
])

/** The same, for errors the kv and obj clients make up themselves (no API code: `new Error("object not found")`). */
const CLIENT_MESSAGES: ReadonlyMap<string, Kind> = new Map([
  ['consumer not found', 'consumer'],
  ['no message found', 'message'],
  ['object not found', 'message'],
  ['object store not found', 'stream'],
  ['stream not found', 'stream'],
])

/** The resource of `kind` named by `r`, if `r` names one: a missing stream under a bucket is the bucket. */
function narrow(kind: Kind, r: Resource): Resource | undefined {
  switch (kind) {
    case 'stream': {
      if (r.bucket !== undefined) return {bucket: r.bucket}
      return r.stream === undefined ? undefined : {stream: r.stream}
    }
    case 'consumer': {
      return r.stream !== undefined && r.consumer !== undefined ? {consumer: r.consumer, stream: r.stream} : undefined
    }
    case 'message': {
      if (r.bucket !== undefined) {
        if (r.object !== undefined) return {bucket: r.bucket, object: r.object}
        if (r.key !== undefined) return {bucket: r.bucket, key: r.key}
        return undefined
      }
      if (r.stream === undefined) return undefined
      if (r.seq !== undefined) return {seq: r.seq, stream: r.stream}
      if (r.lastFor !== undefined) return {lastFor: r.lastFor, stream: r.stream}
      return undefined
    }
  }
}

/** `err` worded for the resource, when it says the resource (or the thing it is in) is missing or taken. */
export function resourceError(err: unknown, r: Resource): NatsctlError | undefined {
  const code = jsApiFailure(err)?.code
  const meaning = code === undefined ? undefined : RESOURCE_CODES.get(code)
  if (meaning) {
    const target = narrow(meaning.kind, r)
    if (!target) return undefined
    if (meaning.state === 'missing') return notFound(target, {cause: err})
    // The code stays: "already exists" has several causes a search for the code tells apart.
    return alreadyExists(target, {cause: err, detail: `${meaning.detail ? `${meaning.detail} ` : ''}(${code})`})
  }
  for (const e of causes(err)) {
    const kind = CLIENT_MESSAGES.get(e.message)
    const target = kind && narrow(kind, r)
    if (target) return notFound(target, {cause: err})
  }
  // Writing to a bucket that is not there: nobody answers the publish (as with no JetStream at all).
  if (r.bucket !== undefined && causeNamed(err, 'JetStreamNotEnabled')) {
    return new NatsctlError(`${describeResource({bucket: r.bucket})} not found (or JetStream is not enabled on the server)`, {cause: err})
  }
  return undefined
}

/**
 * Runs work on a resource; "not found" and "already exists" from the server (or the kv/obj clients) become
 * errors that name it. Anything else is rethrown untouched. For example:
 *   const info = await onResource({stream: name}, () => jsm.streams.info(name))
 *   await onResource({stream, consumer}, () => jsm.consumers.delete(stream, consumer))
 *   const os = await onResource({bucket}, () => objm.open(bucket))
 * A command can also set `this.errorContext.resource`, and every error it throws is worded the same way.
 */
export async function onResource<T>(r: Resource, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw resourceError(error, r) ?? error
  }
}

// ---------------------------------------------------------------------------------------------------------
// Wordings shared by several modules

/**
 * A JetStream publish nobody answered: no stream captures the subject (CLIENT-NOTES pitfall 10). `checked`
 * when the JetStream API was asked and answered, so JetStream itself is known to be there.
 */
export function noStreamCaptures(subject: string, cause?: unknown, checked = false): NatsctlError {
  return new NatsctlError(`no stream captures subject ${quote(subject)}${checked ? '' : ' (or JetStream is not enabled on the server)'}`, {cause})
}

/** Nobody answers for JetStream in a domain: usually a leafnode that is not connected. */
export function noJetStreamInDomain(domain: string, cause?: unknown): NatsctlError {
  return new NatsctlError(`no JetStream in domain ${quote(domain)}: is the leafnode connected?`, {cause})
}

/** Nobody answers the JetStream API at all: not enabled, or the server disabled it (out of storage). */
export function jetStreamUnavailable(cause?: unknown): NatsctlError {
  return new NatsctlError('JetStream is not available on the server: not enabled, or disabled by the server (out of disk or memory? see its log)', {
    cause,
  })
}

/** A stream that captures the subject did not acknowledge a publish: offline, or its server out of storage. */
export function streamNotAnswering(stream: string, subject: string, cause?: unknown): NatsctlError {
  return new NatsctlError(
    `stream ${quote(stream)} captures subject ${quote(subject)} but did not answer: is it offline (no leader, or its server out of storage)?`,
    {cause},
  )
}

/** A request nobody listens for. */
export function noResponders(subject?: string, cause?: unknown): NatsctlError {
  return new NatsctlError(`no responders available for request${subject ? ` on ${quote(subject)}` : ''}`, {cause})
}

/** Why a file or directory could not be used, in words (for `cannot read creds file F: no such file`). */
export function fileProblem(error: unknown): string {
  const {code, message} = (error ?? {}) as Partial<NodeJS.ErrnoException>
  switch (code) {
    case 'ENOENT': {
      return 'no such file'
    }
    case 'EACCES':
    case 'EPERM': {
      return 'permission denied'
    }
    case 'ENOTDIR':
    case 'EEXIST': {
      return 'a file is in the way (not a directory)'
    }
    case 'EISDIR': {
      return 'it is a directory'
    }
    case 'EROFS': {
      return 'read-only file system'
    }
    case 'ENAMETOOLONG': {
      return 'the name is too long'
    }
    case 'ENOSPC': {
      return 'no space left on the device'
    }
    default: {
      return message ?? String(error)
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Mapping any error

/** Context for describing an error: what the command was doing when it failed. */
export interface ErrorContext {
  subject?: string
  timeoutMs?: number
  servers?: string[]
  jsDomain?: string
  /** TLS was configured for the connection: handshake first (--tlsfirst), a client certificate (--tlscert). */
  tls?: {first: boolean; clientCert: boolean}
  /** What the command works on: "not found" and "already exists" errors name it (see `Resource`). */
  resource?: Resource
}

type AnyError = Error & {
  code?: string | number
  subject?: string
  operation?: string
  isNoResponders?: () => boolean
}

/**
 * Turns any thrown value into a NatsctlError with a message naming the cause. Errors that are already
 * NatsctlErrors pass through; oclif's own errors keep their exit code (2 for parse errors).
 */
export function toNatsctlError(err: unknown, context: ErrorContext = {}): NatsctlError {
  if (err instanceof NatsctlError) return err
  if (!(err instanceof Error)) return new NatsctlError(String(err))
  const e = err as AnyError
  const chain = causes(err) as AnyError[]
  const subject = context.subject

  const oclifExit = (e as unknown as {oclif?: {exit?: number}}).oclif?.exit
  if (oclifExit !== undefined) {
    return unknownFlags(e, oclifExit) ?? new NatsctlError(stripOclifDecoration(e.message), {cause: err, exitCode: oclifExit})
  }

  // Ctrl-C at an @inquirer/prompts question: the user chose to stop, not a failure to explain.
  if (causeNamed(err, 'ExitPromptError')) return new NatsctlError('cancelled', {cause: err, exitCode: 130})

  if (context.resource) {
    const about = resourceError(err, context.resource)
    if (about) return about
  }

  const api = jsApiFailure(err)
  if (api) return new NatsctlError(apiErrorText({description: api.description, err_code: api.code}), {cause: err})

  if (causeNamed(err, 'JetStreamNotEnabled', 'JetStreamNotEnabledError')) {
    if (context.jsDomain) {
      return noJetStreamInDomain(context.jsDomain, err)
    }
    if (subject) return noStreamCaptures(subject, err)
    return new NatsctlError('JetStream is not enabled on the server (or not for this account)', {cause: err})
  }

  if (causeNamed(err, 'NoRespondersError') || e.isNoResponders?.()) {
    return noResponders(subject, err)
  }

  if (causeNamed(err, 'TimeoutError')) {
    const after = context.timeoutMs ? ` after ${formatDuration(context.timeoutMs)}` : ''
    return new NatsctlError(`timeout waiting for a reply${subject ? ` on ${quote(subject)}` : ''}${after}`, {cause: err})
  }

  const permission = causeNamed(err, 'PermissionViolationError') as AnyError | undefined
  if (permission) {
    const op = permission.operation === 'subscription' ? 'subscribe' : (permission.operation ?? 'operation')
    const subj = permission.subject ?? subject
    return new NatsctlError(`permission denied: not allowed to ${op}${subj ? ` on ${quote(subj)}` : ''}`, {cause: err})
  }

  if (causeNamed(err, 'AuthorizationError') || /authorization violation|authentication/i.test(e.message)) {
    return new NatsctlError(`authorization failed${serversSuffix(context)}: check user, password, token, creds or nkey`, {
      cause: err,
    })
  }

  if (chain.some((x) => x.code === 'ECONNREFUSED' || /connection refused|ECONNREFUSED/.test(x.message))) {
    return new NatsctlError(`could not connect${serversSuffix(context)}: connection refused`, {cause: err})
  }

  const tls = tlsError(chain, context)
  if (tls) return tls

  if (causeNamed(err, 'InvalidSubjectError')) {
    return new NatsctlError(`invalid subject${subject ? ` ${quote(subject)}` : ''}: ${e.message}`, {cause: err, exitCode: 2})
  }

  // The client refuses a stream or consumer name before sending anything (`a.b`, a name with a space): input.
  if (causeNamed(err, 'InvalidNameError')) return new NatsctlError(e.message, {cause: err, exitCode: 2})

  if (chain.some((x) => x.code === 'ENOENT' || x.code === 'EACCES')) {
    return new NatsctlError(e.message, {cause: err})
  }

  // Some messages (OpenSSL's) end in a newline; one that spans lines is kept whole, and main.ts prints it
  // escaped on one line.
  return new NatsctlError(e.message.trim() || e.name, {cause: err})
}

/** Node's certificate verification failures (the server's certificate is not trusted). */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

/** TLS handshake failures, said in terms of the flags that fix them, instead of OpenSSL's multi-line text. */
function tlsError(chain: AnyError[], context: ErrorContext): NatsctlError | undefined {
  const err = chain[0]
  const to = serversSuffix(context)
  // With TLS 1.3 the client's handshake ends before the server has checked the client's certificate; a
  // server that requires one then sends its alert and closes, and the client may read the reset first.
  if (context.tls && !context.tls.clientCert && chain.some((x) => x.code === 'ECONNRESET')) {
    return new NatsctlError(
      `TLS handshake failed${to}: the server refused the client certificate (none was given, and it reset the connection); check --tlscert and --tlskey`,
      {cause: err},
    )
  }
  const e = chain.find((x) => typeof x.code === 'string' && (UNTRUSTED.has(x.code) || x.code.startsWith('ERR_SSL_')))
  if (!e) return undefined
  const code = e.code as string
  if (UNTRUSTED.has(code)) {
    return new NatsctlError(
      `TLS: the server's certificate is not trusted${to ? ` (${to.slice(4)})` : ''}: ${e.message}; pass the CA that signed it with --tlsca`,
      {cause: err},
    )
  }
  // OpenSSL: "...:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:file:line:SSL alert number 42"
  const reason = /SSL routines:[^:]*:([^:]+)/.exec(e.message)?.[1] ?? code
  if (/bad certificate|certificate required|unknown ca|certificate unknown/i.test(reason)) {
    return new NatsctlError(`TLS handshake failed${to}: the server refused the client certificate (${reason}); check --tlscert and --tlskey`, {
      cause: err,
    })
  }
  if (context.tls?.first && /wrong version number/i.test(reason)) {
    return new NatsctlError(`TLS handshake failed${to}: ${reason}; --tlsfirst needs a server with handshake_first (nats-server 2.10+)`, {cause: err})
  }
  return new NatsctlError(`TLS handshake failed${to}: ${reason}`, {cause: err})
}

function serversSuffix(context: ErrorContext): string {
  return context.servers?.length ? ` to ${context.servers.join(', ')}` : ''
}

// ---------------------------------------------------------------------------------------------------------
// oclif's parse errors

/** The connection flags as written (`--server`, `-s`, `--tls-first`...): flags.ts registers them when it loads. */
const connectionFlagSpellings = new Set<string>()

/** Called by flags.ts with every spelling of the connection flags (errors.ts does not load oclif's flags). */
export function registerConnectionFlags(spellings: Iterable<string>): void {
  for (const s of spellings) connectionFlagSpellings.add(s)
}

/**
 * oclif's "Nonexistent flag: --server" for a command that does not connect says why: `broker ls does not
 * connect to NATS: --server is not one of its flags`. A value given as `--password=...` is never echoed.
 */
function unknownFlags(e: Error, exitCode: number): NatsctlError | undefined {
  const given = (e as {flags?: unknown}).flags
  if (e.constructor?.name !== 'NonExistentFlagsError' || !Array.isArray(given)) return undefined
  const flags = given.map((f) => String(f).replace(/=[\s\S]*$/, ''))
  const connection = flags.filter((f) => connectionFlagSpellings.has(f))
  const others = flags.filter((f) => !connectionFlagSpellings.has(f))
  const nonexistent = others.length > 0 ? `Nonexistent flag${others.length === 1 ? '' : 's'}: ${others.join(', ')}` : ''
  if (connection.length === 0) return new NatsctlError(nonexistent, {cause: e, exitCode})
  const id = (e as {parse?: {input?: {context?: {id?: unknown}}}}).parse?.input?.context?.id
  const command = typeof id === 'string' && id !== '' ? id.split(':').join(' ') : 'this command'
  const which = connection.length === 1 ? `${connection[0]} is not one of its flags` : `${connection.join(', ')} are not among its flags`
  return new NatsctlError(`${command} does not connect to NATS: ${which}${nonexistent ? `; ${nonexistent.toLowerCase()}` : ''}`, {cause: e, exitCode})
}

function stripOclifDecoration(message: string): string {
  // oclif's "Missing 2 required args:" is followed by one `name  description` line per argument.
  const missing = /^Missing \d+ required args?:\n([\s\S]*)$/.exec(message)
  if (missing) {
    const args = missing[1]
      .split('\n')
      .map((l) => /^\s*(\S+)\s{2,}(.+?)\s*$/.exec(l) ?? /^\s*(\S+)\s*$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null && !m[0].trim().startsWith('See more help'))
      .map((m) => (m[2] ? `${m[1].toUpperCase()} (${m[2]})` : m[1].toUpperCase()))
    if (args.length > 0) return `missing ${args.length === 1 ? 'argument' : 'arguments'} ${args.join(', ')}`
  }
  // oclif parse errors span lines and end in "See more help with --help": fold them into one line.
  const lines = message
    .split('\n')
    .map((l) => l.trim().replace(/\s{2,}/g, ' '))
    .filter((l) => l !== '' && !l.startsWith('See more help'))
  return lines.join(' ').replace(/: /g, ': ').trim() || message
}

// ---------------------------------------------------------------------------------------------------------
// Printing

/** Control characters, and the invisible ones that move or reorder text (line separators, bidi overrides). */

const UNPRINTABLE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g
const NAMED: Record<string, string> = {'\n': '\\n', '\r': '\\r'}
/** Longer error lines are shortened in the middle: a 10 MB name must not become 10 MB on stderr. */
const MAX_LINE = 2000

/**
 * `text` as one printable line: CR, LF, ESC and the other control characters escaped (`\n`, `\r`, `\u001b`),
 * so nothing from the input splits an error line or reaches the terminal as an escape sequence.
 */
export function printable(text: string, maxLength = MAX_LINE): string {
  // Written as JSON.stringify writes them, so a name quoted by `quote` and a raw one read alike.
  let out = text.replace(UNPRINTABLE, (c) => NAMED[c] ?? `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`)
  if (out.length > maxLength) {
    const keep = Math.floor((maxLength - 40) / 2)
    out = `${out.slice(0, keep)}... (${out.length - 2 * keep} characters left out) ...${out.slice(-keep)}`
  }
  return out
}
