// Turns a Target into a live NatsConnection. The NATS client is imported here, lazily, so commands that do
// not connect (help, context commands) never load it.

import {Socket} from 'node:net'

import type {NatsConnection, NodeConnectionOptions} from '@nats-io/transport-node'

import {expandPath, nscProfile, readCredential, readPassword, readSettingFile} from './credentials.js'
import {NatsctlError, toNatsctlError} from './errors.js'
import {formatDuration} from './format.js'
import type {Target} from './target.js'
import {checkInboxPrefix} from './validate.js'

interface ConnectOptions {
  /** Long-running commands (sub, reply) reconnect after a drop; one-shot commands fail fast. */
  reconnect?: boolean
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
  if (target.inboxPrefix) {
    // It becomes part of SUB and PUB lines: a space or CR/LF in it would inject protocol (issue 15, item 6).
    checkInboxPrefix(target.inboxPrefix)
    opts.inboxPrefix = target.inboxPrefix
  }
  if (target.trace) traceToStderr(opts)
  if (auth.user !== undefined) opts.user = auth.user
  if (auth.password !== undefined) opts.pass = readPassword(auth.password)
  if (auth.token !== undefined) opts.token = auth.token

  const isSeed = (v: string) => /^S[A-Z2-7]{50,}$/.test(v.trim())
  const isJwt = (v: string) => /^ey[\w-]+\.[\w-]+\.[\w-]*$/.test(v.trim())
  if (auth.nsc) {
    // A context's `nsc` field: the user's creds from nsc's profile (and its operator's servers, when the
    // context names none).
    const profile = nscProfile(auth.nsc)
    opts.authenticator = credsAuthenticator(new TextEncoder().encode(readSettingFile(profile.user_creds, 'creds')))
    if (target.serversDefaulted && profile.operator?.service?.length) opts.servers = profile.operator.service
  } else if (auth.creds) {
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

  // A tls:// URL means TLS or nothing: with a `tls` option the client refuses a server that offers no TLS
  // instead of quietly sending credentials in plain text.
  if (target.servers.some((url) => url.startsWith('tls://')) && !target.tls) opts.tls = {}
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

/**
 * --trace: the client prints each protocol line with console.info when `debug` is on. natsctl never uses
 * console.info itself, so send those lines to stderr (stdout carries only data), with the secrets a CONNECT
 * carries (password, token, JWT, signature) masked.
 */
function traceToStderr(opts: NodeConnectionOptions): void {
  opts.debug = true
  console.info = (...parts: unknown[]) => {
    const line = parts
      .map(String)
      .join(' ')
      .replace(/"(pass|auth_token|jwt|sig)":"[^"]*"/g, '"$1":"***"')
    process.stderr.write(`${line.trimEnd()}\n`)
  }
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
    if (/does not support 'tls'/.test((error as Error)?.message ?? '')) {
      throw new NatsctlError(
        `TLS was asked for (tls:// or a --tls flag) but ${target.servers.join(', ')} offers no TLS: not connecting in plain text`,
        {cause: error},
      )
    }
    throw toNatsctlError(error, {
      servers: target.servers,
      tls: target.tls && {clientCert: Boolean(target.tls.cert), first: Boolean(target.tls.first)},
    })
  }
}

/** TCP sockets of this process (Node keeps no public list; `_getActiveHandles` has existed since Node 0.x). */
function activeSockets(): Socket[] {
  const handles = (process as unknown as {_getActiveHandles?: () => unknown[]})._getActiveHandles?.() ?? []
  return handles.filter((h): h is Socket => h instanceof Socket && h !== process.stdin && h !== process.stdout && h !== process.stderr)
}
