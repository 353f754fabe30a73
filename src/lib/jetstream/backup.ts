// Stream backup and restore over the network, with the server's snapshot and restore API and natscli's
// backup layout: a directory holding backup.json ({config, state}) and stream.tar.s2 (the server's
// S2-compressed tar of the stream's files, written exactly as received).
//
// Backup: subscribe to an inbox, ask $JS.API.STREAM.SNAPSHOT.<stream> to deliver there; the server sends
// chunks, each with a reply subject that acknowledges it (its flow control), then an empty message (newer
// servers put a status in its header: 204 is success). Each chunk is acknowledged and written to the file at
// once, synchronously, so memory holds one chunk whatever the stream's size.
//
// Restore: ask $JS.API.STREAM.RESTORE.<stream> with backup.json; the server answers with a subject to send
// the file to. Each chunk is a request whose empty reply acknowledges it (an error reply is JSON); a few are
// in flight at once, in order on one connection. An empty request ends the upload, and its reply, once the
// server has rebuilt the stream, is the stream's creation response.

import {closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync} from 'node:fs'
import {open} from 'node:fs/promises'
import {join} from 'node:path'

import type {JetStreamManager, StreamConfig, StreamInfo, StreamState} from '@nats-io/jetstream'
import type {Msg, NatsConnection} from '@nats-io/transport-node'

import {NatsctlError} from '../errors.js'
import {S2SizeCounter} from './backup-s2.js'

const META_FILE = 'backup.json'
const DATA_FILE = 'stream.tar.s2'

/** backup.json: what the snapshot response said, as natscli writes it. */
interface BackupMeta {
  config: StreamConfig
  state: StreamState
}

interface BackupProgress {
  /** Compressed bytes received (what is written to stream.tar.s2). */
  bytes: number
  /** The same bytes uncompressed: the tar of the stream's files, comparable to the stream's size. */
  uncompressed: number
  chunks: number
}

interface BackupOptions {
  stream: string
  dir: string
  consumers: boolean
  /** Ask the server to check the stream's messages first (slow on large streams). */
  check: boolean
  chunkSize?: number
  windowSize?: number
  /** Fail when nothing arrives for this long. */
  idleMs: number
  /** The connection's inbox prefix (the data is delivered to an inbox). */
  inboxPrefix?: string
  /** Called once the server has answered, with what it will send. */
  onStart?(meta: BackupMeta): void
  onProgress?(progress: BackupProgress): void
}

export interface BackupResult extends BackupProgress {
  stream: string
  directory: string
  messages: number
  duration_ms: number
}

interface ApiClient {
  _request(subject: string, body?: unknown, options?: {timeout?: number}): Promise<unknown>
  getOptions(): {apiPrefix?: string}
}

/**
 * One request to the JetStream API through the manager: its prefix (domain or API prefix), its timeout, and
 * its error handling (an error response becomes a JetStreamApiError, which errors.ts words).
 */
export async function apiRequest<T>(jsm: JetStreamManager, subject: string, body?: unknown): Promise<T> {
  const client = jsm as unknown as ApiClient
  const prefix = client.getOptions().apiPrefix ?? '$JS.API'
  return (await client._request(`${prefix}.${subject}`, body)) as T
}

export async function backupStream(nc: NatsConnection, jsm: JetStreamManager, options: BackupOptions): Promise<BackupResult> {
  const {createInbox} = await import('@nats-io/transport-node')
  const info = await jsm.streams.info(options.stream)
  if (info.config.storage === 'memory') {
    throw new NatsctlError(`stream "${options.stream}" is kept in memory: the server can only back up file streams`)
  }
  mkdirSync(options.dir, {recursive: true, mode: 0o700})
  // Written under temporary names and renamed at the end, so a failed backup never looks like a finished one.
  const dataPath = join(options.dir, DATA_FILE)
  const partial = `${dataPath}.partial`
  const fd = openSync(partial, 'w', 0o600)
  const started = Date.now()
  const progress: BackupProgress = {bytes: 0, chunks: 0, uncompressed: 0}
  const counter = new S2SizeCounter()
  let closed = false
  const closeFile = () => {
    if (!closed) closeSync(fd)
    closed = true
  }

  const inbox = createInbox(options.inboxPrefix)
  let settle!: {resolve: () => void; reject: (error: Error) => void}
  const finished = new Promise<void>((resolve, reject) => {
    settle = {reject, resolve}
  })
  let idle: NodeJS.Timeout | undefined
  const armIdle = () => {
    clearTimeout(idle)
    idle = setTimeout(() => {
      settle.reject(new NatsctlError(`backup of stream "${options.stream}" timed out: no data for ${options.idleMs / 1000}s`))
    }, options.idleMs)
  }
  const sub = nc.subscribe(inbox, {
    callback(error, msg: Msg) {
      if (error) {
        settle.reject(error)
        return
      }
      try {
        if (msg.data.length === 0) {
          const code = msg.headers?.code ?? 0
          if (code !== 0 && code !== 204) {
            settle.reject(
              new NatsctlError(`backup of stream "${options.stream}" failed: the server said ${code} ${msg.headers?.description ?? ''}`.trim()),
            )
          } else settle.resolve()
          return
        }
        // Acknowledge first: the server's flow control waits on it, and the data is already here.
        if (msg.reply) nc.publish(msg.reply)
        writeSync(fd, msg.data)
        counter.feed(msg.data)
        progress.bytes += msg.data.length
        progress.chunks++
        progress.uncompressed = counter.uncompressed
        options.onProgress?.(progress)
        armIdle()
      } catch (error_) {
        settle.reject(error_ as Error)
      }
    },
  })
  try {
    const request: Record<string, unknown> = {deliver_subject: inbox, no_consumers: !options.consumers}
    if (options.check) request.jsck = true
    if (options.chunkSize) request.chunk_size = options.chunkSize
    if (options.windowSize) request.window_size = options.windowSize
    const response = await apiRequest<BackupMeta>(jsm, `STREAM.SNAPSHOT.${options.stream}`, request)
    const meta: BackupMeta = {config: response.config, state: response.state}
    options.onStart?.(meta)
    armIdle()
    await finished
    closeFile()
    // natscli's backup.json: the configuration and state the snapshot was taken with.
    writeFileSync(`${join(options.dir, META_FILE)}.partial`, JSON.stringify(meta, null, 2), {mode: 0o600})
    renameSync(partial, dataPath)
    renameSync(`${join(options.dir, META_FILE)}.partial`, join(options.dir, META_FILE))
    return {
      ...progress,
      directory: options.dir,
      duration_ms: Date.now() - started,
      messages: meta.state.messages,
      stream: options.stream,
    }
  } catch (error) {
    closeFile()
    rmSync(partial, {force: true})
    rmSync(`${join(options.dir, META_FILE)}.partial`, {force: true})
    throw error
  } finally {
    clearTimeout(idle)
    closeFile()
    sub.unsubscribe()
  }
}

/** Reads and checks backup.json. */
export function readBackupMeta(dir: string): BackupMeta {
  const file = join(dir, META_FILE)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new NatsctlError(`cannot read ${file}: ${(error as Error).message}: is ${dir} a directory written by stream backup?`)
  }
  let meta: BackupMeta
  try {
    meta = JSON.parse(text) as BackupMeta
  } catch (error) {
    throw new NatsctlError(`invalid JSON in ${file}: ${(error as Error).message}`)
  }
  if (!meta?.config?.name) throw new NatsctlError(`${file} names no stream (no config.name)`)
  return meta
}

interface RestoreProgress {
  bytes: number
  total: number
  chunks: number
}

interface RestoreOptions {
  dir: string
  meta: BackupMeta
  /** The configuration to restore with (backup.json's unless overridden); its name must be the backup's. */
  config: StreamConfig
  chunkSize?: number
  /** Chunks in flight at once. */
  window?: number
  /** How long the server may take to rebuild the stream after the last chunk. */
  finishTimeoutMs?: number
  timeoutMs: number
  onProgress?(progress: RestoreProgress): void
}

interface RestoreResult {
  stream: string
  bytes: number
  chunks: number
  duration_ms: number
  info: StreamInfo
}

export async function restoreStream(nc: NatsConnection, jsm: JetStreamManager, options: RestoreOptions): Promise<RestoreResult> {
  const name = options.config.name
  if (name !== options.meta.config.name) {
    throw new NatsctlError(
      `stream names cannot change during a restore: the backup is of "${options.meta.config.name}", the configuration names "${name}"`,
    )
  }
  if (options.config.storage === 'memory') {
    throw new NatsctlError(`cannot restore stream "${name}" into memory storage: the server restores only file streams`)
  }
  const dataPath = join(options.dir, DATA_FILE)
  let total: number
  try {
    total = statSync(dataPath).size
  } catch (error) {
    throw new NatsctlError(`cannot read ${dataPath}: ${(error as Error).message}`)
  }
  const started = Date.now()
  const response = await apiRequest<{deliver_subject: string}>(jsm, `STREAM.RESTORE.${name}`, {config: options.config, state: options.meta.state})
  const deliver = response.deliver_subject
  const chunkSize = options.chunkSize ?? 128 * 1024
  const window = Math.max(1, options.window ?? 4)
  const progress: RestoreProgress = {bytes: 0, chunks: 0, total}

  const checkAck = (reply: Msg) => {
    if (reply.data.length === 0) return
    const text = new TextDecoder().decode(reply.data)
    let description = text
    try {
      const parsed = JSON.parse(text) as {error?: {description?: string; err_code?: number}}
      if (parsed.error) description = `${parsed.error.description}${parsed.error.err_code ? ` (${parsed.error.err_code})` : ''}`
    } catch {
      // not JSON: say it as it came
    }
    throw new NatsctlError(`restore of stream "${name}" failed: ${description}`)
  }

  const file = await open(dataPath, 'r')
  try {
    const inFlight: Array<Promise<void>> = []
    for (;;) {
      // A new buffer per chunk: the client may still hold the previous ones in its outbound queue.
      const buffer = Buffer.allocUnsafe(chunkSize)
      const {bytesRead} = await file.read(buffer, 0, chunkSize, null)
      if (bytesRead === 0) break
      const chunk = buffer.subarray(0, bytesRead)
      const sent = nc.request(deliver, chunk, {timeout: options.timeoutMs}).then((reply) => {
        checkAck(reply)
        progress.bytes += bytesRead
        progress.chunks++
        options.onProgress?.(progress)
      })
      // Rejections are collected in order below; keep Node from calling one unhandled meanwhile.
      sent.catch(() => {})
      inFlight.push(sent)
      if (inFlight.length >= window) await inFlight.shift()
    }
    for (const sent of inFlight) await sent
  } finally {
    await file.close()
  }

  // The end of the upload; the reply comes once the server has rebuilt the stream, which can take long.
  const done = await nc.request(deliver, new Uint8Array(0), {timeout: options.finishTimeoutMs ?? 60 * 60 * 1000})
  const created = JSON.parse(new TextDecoder().decode(done.data)) as StreamInfo & {error?: {description?: string; err_code?: number}}
  if (created.error) {
    throw new NatsctlError(
      `restore of stream "${name}" failed: ${created.error.description}${created.error.err_code ? ` (${created.error.err_code})` : ''}`,
    )
  }
  return {bytes: progress.bytes, chunks: progress.chunks, duration_ms: Date.now() - started, info: await jsm.streams.info(name), stream: name}
}
