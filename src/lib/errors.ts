// Every failure ends as one line `natsctl: error: ...` on stderr and an exit code: 1 for runtime failures,
// 2 for usage. Commands throw; `main.ts` prints. This module maps NATS client and server errors to messages
// a user can act on, without importing the client (it matches on error names and fields), so it stays cheap
// to load.

/** A failure at run time (server, network, missing resource): exit 1. */
export class NatsctlError extends Error {
  readonly exitCode: number
  constructor(message: string, options: {cause?: unknown; exitCode?: number} = {}) {
    super(message, {cause: options.cause})
    this.name = 'NatsctlError'
    this.exitCode = options.exitCode ?? 1
  }
}

/** Bad input from the user (a flag value, an argument, a combination): exit 2. */
export class UsageError extends NatsctlError {
  constructor(message: string, options: {cause?: unknown} = {}) {
    super(message, {...options, exitCode: 2})
    this.name = 'UsageError'
  }
}

/** Context for describing an error: what the command was doing when it failed. */
export interface ErrorContext {
  subject?: string
  timeoutMs?: number
  servers?: string[]
  jsDomain?: string
  /** TLS was configured for the connection: handshake first (--tlsfirst), a client certificate (--tlscert). */
  tls?: {first: boolean; clientCert: boolean}
}

type AnyError = Error & {
  code?: string | number
  api_error?: {code?: number; err_code?: number; description?: string}
  subject?: string
  operation?: string
  cause?: unknown
  isNoResponders?: () => boolean
  isJetStreamError?: () => boolean
}

function chain(err: unknown): AnyError[] {
  const out: AnyError[] = []
  let current: unknown = err
  while (current instanceof Error && out.length < 8) {
    out.push(current as AnyError)
    current = (current as AnyError).cause
  }
  return out
}

function named(err: unknown, ...names: string[]): AnyError | undefined {
  return chain(err).find((e) => names.includes(e.name) || names.includes(e.constructor?.name))
}

/** Formats a duration in ms for messages: `5s`, `500ms`, `1.5s`. */
function humanMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : ms > 1000 ? `${ms / 1000}s` : `${ms}ms`
}

/**
 * Turns any thrown value into a NatsctlError with a message naming the cause. Errors that are already
 * NatsctlErrors pass through; oclif's own errors keep their exit code (2 for parse errors).
 */
export function toNatsctlError(err: unknown, context: ErrorContext = {}): NatsctlError {
  if (err instanceof NatsctlError) return err
  if (!(err instanceof Error)) return new NatsctlError(String(err))
  const e = err as AnyError
  const subject = context.subject

  const oclifExit = (e as unknown as {oclif?: {exit?: number}}).oclif?.exit
  if (oclifExit !== undefined) {
    return new NatsctlError(stripOclifDecoration(e.message), {cause: err, exitCode: oclifExit})
  }

  // Ctrl-C at an @inquirer/prompts question: the user chose to stop, not a failure to explain.
  if (named(err, 'ExitPromptError')) return new NatsctlError('cancelled', {cause: err, exitCode: 130})

  // Subclasses (StreamNotFoundError, ConsumerNotFoundError, ...) have their own names but keep apiError().
  const jsApi = chain(err).find(
    (x) => x.name === 'JetStreamApiError' || x.api_error || typeof (x as {apiError?: unknown}).apiError === 'function',
  )
  if (jsApi) {
    const code = jsApi.api_error?.err_code ?? (typeof jsApi.code === 'number' ? jsApi.code : undefined)
    const description = jsApi.api_error?.description ?? jsApi.message
    return new NatsctlError(code ? `${description} (${code})` : description, {cause: err})
  }

  if (named(err, 'JetStreamNotEnabled', 'JetStreamNotEnabledError')) {
    if (context.jsDomain) {
      return new NatsctlError(`no JetStream in domain "${context.jsDomain}": is the leafnode connected?`, {cause: err})
    }
    return new NatsctlError(
      subject
        ? `no stream captures subject "${subject}" (or JetStream is not enabled on the server)`
        : 'JetStream is not enabled on the server (or not for this account)',
      {cause: err},
    )
  }

  if (named(err, 'NoRespondersError') || e.isNoResponders?.()) {
    return new NatsctlError(`no responders available for request${subject ? ` on "${subject}"` : ''}`, {cause: err})
  }

  if (named(err, 'TimeoutError')) {
    const after = context.timeoutMs ? ` after ${humanMs(context.timeoutMs)}` : ''
    return new NatsctlError(`timeout waiting for a reply${subject ? ` on "${subject}"` : ''}${after}`, {cause: err})
  }

  const permission = named(err, 'PermissionViolationError')
  if (permission) {
    const op = permission.operation === 'subscription' ? 'subscribe' : (permission.operation ?? 'operation')
    const subj = permission.subject ?? subject
    return new NatsctlError(`permission denied: not allowed to ${op}${subj ? ` on "${subj}"` : ''}`, {cause: err})
  }

  if (named(err, 'AuthorizationError') || /authorization violation|authentication/i.test(e.message)) {
    return new NatsctlError(`authorization failed${serversSuffix(context)}: check user, password, token, creds or nkey`, {
      cause: err,
    })
  }

  const refused = chain(err).find((x) => x.code === 'ECONNREFUSED' || /connection refused|ECONNREFUSED/.test(x.message))
  if (refused) {
    return new NatsctlError(`could not connect${serversSuffix(context)}: connection refused`, {cause: err})
  }

  const tls = tlsError(err, context)
  if (tls) return tls

  if (named(err, 'InvalidSubjectError')) {
    return new NatsctlError(`invalid subject${subject ? ` "${subject}"` : ''}: ${e.message}`, {cause: err, exitCode: 2})
  }

  if (chain(err).some((x) => x.code === 'ENOENT' || x.code === 'EACCES')) {
    return new NatsctlError(e.message, {cause: err})
  }

  // One line, always: some messages (OpenSSL's) end in a newline or span several.
  const line = (e.message || e.name).split('\n').map((l) => l.trim()).find((l) => l !== '') ?? e.name
  return new NatsctlError(line, {cause: err})
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
function tlsError(err: unknown, context: ErrorContext): NatsctlError | undefined {
  const to = serversSuffix(context)
  // With TLS 1.3 the client's handshake ends before the server has checked the client's certificate; a
  // server that requires one then sends its alert and closes, and the client may read the reset first.
  if (context.tls && !context.tls.clientCert && chain(err).some((x) => x.code === 'ECONNRESET')) {
    return new NatsctlError(`TLS handshake failed${to}: the server refused the client certificate (none was given, and it reset the connection); check --tlscert and --tlskey`, {cause: err})
  }
  const e = chain(err).find((x) => typeof x.code === 'string' && (UNTRUSTED.has(x.code) || x.code.startsWith('ERR_SSL_')))
  if (!e) return undefined
  const code = e.code as string
  if (UNTRUSTED.has(code)) {
    return new NatsctlError(`TLS: the server's certificate is not trusted${to ? ` (${to.slice(4)})` : ''}: ${e.message}; pass the CA that signed it with --tlsca`, {cause: err})
  }
  // OpenSSL: "...:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:file:line:SSL alert number 42"
  const reason = /SSL routines:[^:]*:([^:]+)/.exec(e.message)?.[1] ?? code
  if (/bad certificate|certificate required|unknown ca|certificate unknown/i.test(reason)) {
    return new NatsctlError(`TLS handshake failed${to}: the server refused the client certificate (${reason}); check --tlscert and --tlskey`, {cause: err})
  }
  if (context.tls?.first && /wrong version number/i.test(reason)) {
    return new NatsctlError(`TLS handshake failed${to}: ${reason}; --tlsfirst needs a server with handshake_first (nats-server 2.10+)`, {cause: err})
  }
  return new NatsctlError(`TLS handshake failed${to}: ${reason}`, {cause: err})
}

function serversSuffix(context: ErrorContext): string {
  return context.servers?.length ? ` to ${context.servers.join(', ')}` : ''
}

function stripOclifDecoration(message: string): string {
  // oclif parse errors span lines and end in "See more help with --help": fold them into one line.
  const lines = message
    .split('\n')
    .map((l) => l.trim().replace(/\s{2,}/g, ' '))
    .filter((l) => l !== '' && !l.startsWith('See more help'))
  return lines.join(' ').replace(/: /g, ': ').trim() || message
}
