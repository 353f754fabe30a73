// Turns a Target into a live NatsConnection. The NATS client is imported here, lazily, so commands that do
// not connect (help, context commands) never load it.

import {existsSync, readFileSync} from 'node:fs'
import {Socket} from 'node:net'
import {homedir} from 'node:os'

import type {NatsConnection, NodeConnectionOptions} from '@nats-io/transport-node'

import {fileProblem, NatsctlError, toNatsctlError} from './errors.js'
import {formatDuration} from './format.js'
import type {Target} from './target.js'

export interface ConnectOptions {
  /** Long-running commands (sub, reply) reconnect after a drop; one-shot commands fail fast. */
  reconnect?: boolean
}

/** Expands `~`, `$VAR` and natscli's `file://` prefix in a path setting. */
export function expandPath(value: string): string {
  let path = value.startsWith('file://') ? value.slice('file://'.length) : value
  if (path === '~' || path.startsWith('~/')) path = homedir() + path.slice(1)
  return path.replace(/\$(\w+)|\$\{(\w+)\}/g, (_, a: string, b: string) => process.env[a ?? b] ?? '')
}

/**
 * Reads a credential setting the way natscli accepts them: `env://NAME`, `data:;base64,...`, a literal value,
 * or a path to a file holding it. `kind` names the setting in errors.
 */
export function readCredential(value: string, kind: string, options: {literalAllowed: (v: string) => boolean}): string {
  if (value.startsWith('env://')) {
    const name = value.slice('env://'.length)
    const content = process.env[name]
    if (content === undefined) throw new NatsctlError(`${kind}: environment variable ${name} is not set`)
    return content
  }
  if (value.startsWith('data:')) {
    const comma = value.indexOf(',')
    return Buffer.from(value.slice(comma + 1), 'base64').toString('utf8')
  }
  if (options.literalAllowed(value)) return value
  return readSettingFile(value, kind)
}

export function readSettingFile(value: string, kind: string): string {
  const path = expandPath(value)
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw new NatsctlError(`cannot read ${kind} file ${path}: ${fileProblem(error)}`, {cause: error})
  }
}

function checkReadable(value: string | undefined, kind: string): string | undefined {
  if (value === undefined) return undefined
  const path = expandPath(value)
  readSettingFile(path, kind)
  return path
}

/** Builds the client's options from a Target (reads creds, nkey and TLS files, so errors name the file). */
export async function connectionOptions(target: Target, options: ConnectOptions = {}): Promise<NodeConnectionOptions> {
  const {credsAuthenticator, jwtAuthenticator, nkeyAuthenticator} = await import('@nats-io/transport-node')
  const {auth} = target
  const opts: NodeConnectionOptions = {
    servers: target.servers,
    name: target.connectionName,
    timeout: target.timeoutMs,
    noAsyncTraces: true,
    ...(options.reconnect
      ? {reconnect: true, maxReconnectAttempts: -1, reconnectTimeWait: 1000}
      : // reconnect:false alone: with maxReconnectAttempts 0 the client's first-connect loop drops the wrong
        // server from the list after a refused one, so `-s dead,alive` failed about one run in five.
        {reconnect: false}),
  }
  if (target.inboxPrefix) opts.inboxPrefix = target.inboxPrefix
  if (auth.user !== undefined) opts.user = auth.user
  if (auth.password !== undefined) opts.pass = auth.password
  if (auth.token !== undefined) opts.token = auth.token

  const isSeed = (v: string) => /^S[A-Z2-7]{50,}$/.test(v.trim())
  const isJwt = (v: string) => /^ey[\w-]+\.[\w-]+\.[\w-]*$/.test(v.trim())
  if (auth.creds) {
    const creds = readCredential(auth.creds, 'creds', {literalAllowed: (v) => v.includes('BEGIN NATS USER JWT')})
    opts.authenticator = credsAuthenticator(new TextEncoder().encode(creds))
  } else if (auth.userJwt) {
    const jwt = readCredential(auth.userJwt, 'user JWT', {literalAllowed: isJwt}).trim()
    const seedValue = auth.userSeed ?? auth.nkey
    const seed = seedValue ? readCredential(seedValue, 'user seed', {literalAllowed: isSeed}).trim() : undefined
    opts.authenticator = jwtAuthenticator(jwt, seed ? new TextEncoder().encode(seed) : undefined)
  } else if (auth.nkey || auth.userSeed) {
    const seed = readCredential((auth.nkey ?? auth.userSeed)!, 'nkey', {literalAllowed: isSeed}).trim()
    if (!isSeed(seed)) throw new NatsctlError(`the nkey file does not hold an NKey seed (a line starting with S)`)
    opts.authenticator = nkeyAuthenticator(new TextEncoder().encode(seed))
  }

  if (target.tls) {
    const tls: NonNullable<NodeConnectionOptions['tls']> = {}
    const cert = checkReadable(target.tls.cert, 'TLS certificate')
    const key = checkReadable(target.tls.key, 'TLS key')
    const ca = checkReadable(target.tls.ca, 'TLS CA')
    if (cert) tls.certFile = cert
    if (key) tls.keyFile = key
    if (ca) tls.caFile = ca
    if (target.tls.first) tls.handshakeFirst = true
    opts.tls = tls
  }
  return opts
}

/** Connects to the target, mapping failures (refused, auth, TLS) to one-line errors. */
export async function connectTarget(target: Target, options: ConnectOptions = {}): Promise<NatsConnection> {
  const opts = await connectionOptions(target, options)
  const {connect} = await import('@nats-io/transport-node')
  const before = new Set(activeSockets())
  try {
    return await connect(opts)
  } catch (error) {
    // The client gives up after `timeout` but leaves the socket of an unfinished handshake open (its
    // transport's close() ignores a connection that never completed), which keeps the process alive until
    // the server hangs up. Close the sockets this attempt opened, so a failed connect really ends.
    for (const socket of activeSockets()) if (!before.has(socket)) socket.destroy()
    if ((error as Error)?.name === 'TimeoutError') {
      throw new NatsctlError(
        `could not connect to ${target.servers.join(', ')}: no answer from the server within ${formatDuration(target.timeoutMs)} (--timeout)`,
        {cause: error},
      )
    }
    throw toNatsctlError(error, {servers: target.servers, tls: target.tls && {clientCert: Boolean(target.tls.cert), first: Boolean(target.tls.first)}})
  }
}

/** TCP sockets of this process (Node keeps no public list; `_getActiveHandles` has existed since Node 0.x). */
function activeSockets(): Socket[] {
  const handles = (process as unknown as {_getActiveHandles?: () => unknown[]})._getActiveHandles?.() ?? []
  return handles.filter((h): h is Socket => h instanceof Socket && h !== process.stdin && h !== process.stdout && h !== process.stderr)
}

export function fileExists(path: string): boolean {
  return existsSync(expandPath(path))
}
