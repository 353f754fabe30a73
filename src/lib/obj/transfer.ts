// Moving objects of any size with flat memory.
//
// put: natsctl writes the object itself, in the client's format, reading the source (a file or stdin) as
// chunks are sent and keeping a few chunk publishes awaiting their acks (the client waits for each ack
// before reading on, a round trip per 128 KiB): memory stays at the window, however large the file.
//
// get: the client's get() feeds a push consumer into a ReadableStream without backpressure: a disk slower
// than the network would buffer the object in memory. This reads the chunks with an ordered consumer in
// batches (fetch), writes each batch before asking for the next, hashes as it goes and checks the size and
// the SHA-256 digest at the end. A file is written beside the target and renamed only once the digest
// matches, so a failed or corrupt download never leaves a half-written file.

import {createHash, randomBytes} from 'node:crypto'
import {once} from 'node:events'
import {createWriteStream, type WriteStream} from 'node:fs'
import {rename, rm} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

import type {JetStreamClient, JetStreamManager} from '@nats-io/jetstream'
import type {ObjectInfo, ObjectStore, Objm} from '@nats-io/obj'
import type {NatsConnection} from '@nats-io/transport-node'

import {NatsctlError, toNatsctlError} from '../errors.js'
import {objectNotFound, OBJ_PREFIX, openObjectStore} from './open.js'

/** Chunks asked for at a time on get: 32 of the client's 128 KiB chunks is 4 MiB in flight. */
const BATCH = 32
/** How much a file write may queue before the reader waits for the disk. */
const WRITE_BUFFER = 4 * 1024 * 1024

/** Chunk publishes awaiting their acknowledgement on put: 16 of 128 KiB is 2 MiB in flight. */
const PUT_WINDOW = 16
/** The client's default chunk size (`max_chunk_size`), capped by the server's max_payload. */
const DEFAULT_CHUNK = 128 * 1024

/** Where a put goes: the bucket's JetStream client and manager (with the domain or API prefix applied). */
export interface PutTarget {
  nc: NatsConnection
  js: JetStreamClient
  jsm: JetStreamManager
  os: ObjectStore
  bucket: string
  /** The object being replaced (its chunks are purged once the new one is live). */
  previous?: ObjectInfo | null
}

/**
 * Stores what `source` yields as one object, written exactly as @nats-io/obj's `put` writes it (chunks of
 * `max_chunk_size` on `$O.<bucket>.C.<nuid>`, then the metadata on `$O.<bucket>.M.<name, base64url>` with a
 * `Nats-Rollup: sub` header and the digest `SHA-256=<base64url>`), but with up to PUT_WINDOW chunk
 * publishes awaiting their acknowledgement instead of one round trip per chunk. The metadata is published
 * only after every chunk is acknowledged, so a failure part way leaves no object (its chunks are purged when
 * the server still answers). `onBytes` hears of each piece read.
 */
export async function putObject(
  target: PutTarget,
  meta: {name: string; description?: string},
  source: AsyncIterable<Uint8Array | string>,
  onBytes: (n: number) => void = () => {},
): Promise<ObjectInfo> {
  const {bucket, js, jsm, previous} = target
  const [{headers, nuid}, {Base64UrlPaddedCodec}] = await Promise.all([import('@nats-io/transport-node'), import('@nats-io/obj')])
  const stream = `${OBJ_PREFIX}${bucket}`
  const chunkSize = Math.min(DEFAULT_CHUNK, target.nc.info?.max_payload ?? 1024)
  const id = nuid.next()
  const chunkSubject = `$O.${bucket}.C.${id}`
  const metaSubject = `$O.${bucket}.M.${Base64UrlPaddedCodec.encode(meta.name)}`
  const hash = createHash('sha256')
  let size = 0
  let chunks = 0
  // Settled outcomes, never rejected promises: a failure deep in the window must not become an unhandled
  // rejection while an older publish is awaited.
  const window: Promise<unknown>[] = []
  const settleOldest = async () => {
    const outcome = await window.shift()
    if (outcome instanceof Error) throw outcome
  }
  const send = async (chunk: Uint8Array) => {
    hash.update(chunk)
    size += chunk.length
    chunks++
    window.push(
      js.publish(chunkSubject, chunk).then(
        () => undefined,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      ),
    )
    if (window.length >= PUT_WINDOW) await settleOldest()
  }
  try {
    let buffer = Buffer.allocUnsafe(chunkSize)
    let filled = 0
    for await (const piece of source) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece
      onBytes(bytes.length)
      let offset = 0
      while (offset < bytes.length) {
        // Whole chunks of a large piece (a file is read 1 MiB at a time) are published as read, without a copy.
        if (filled === 0 && bytes.length - offset >= chunkSize) {
          await send(bytes.subarray(offset, offset + chunkSize))
          offset += chunkSize
          continue
        }
        const n = Math.min(chunkSize - filled, bytes.length - offset)
        buffer.set(bytes.subarray(offset, offset + n), filled)
        filled += n
        offset += n
        if (filled === chunkSize) {
          // The client keeps a reference to what it publishes until it is written: a fresh buffer each time.
          await send(buffer)
          buffer = Buffer.allocUnsafe(chunkSize)
          filled = 0
        }
      }
    }
    if (filled > 0) await send(buffer.subarray(0, filled))
    while (window.length > 0) await settleOldest()
    const info = {
      bucket,
      nuid: id,
      size,
      chunks,
      name: meta.name,
      description: meta.description ?? '',
      options: {max_chunk_size: chunkSize},
      mtime: new Date().toISOString(),
      digest: `SHA-256=${Base64UrlPaddedCodec.encode(hash.digest())}`,
      deleted: false,
    }
    const h = headers()
    h.set('Nats-Rollup', 'sub')
    await js.publish(metaSubject, JSON.stringify(info), {headers: h})
  } catch (error) {
    // Nothing refers to the chunks that landed: remove them (best effort; the server may be gone).
    await Promise.allSettled(window)
    await jsm.streams.purge(stream, {filter: chunkSubject}).catch(() => {})
    throw new NatsctlError(`object "${meta.name}" was not stored in bucket "${bucket}": ${toNatsctlError(error).message}`, {cause: error})
  }
  // The new object is live: the old one's chunks go, as the client does it.
  if (previous && !previous.deleted && previous.nuid !== id) {
    await jsm.streams.purge(stream, {filter: `$O.${bucket}.C.${previous.nuid}`}).catch(() => {})
  }
  const stored = await target.os.info(meta.name)
  if (!stored) throw objectNotFound(bucket, meta.name)
  return stored
}

interface ObjectSink {
  write(chunk: Uint8Array): Promise<void>
  /** The object arrived whole and its digest matched. */
  commit(): Promise<void>
  /** Something failed: leave nothing behind. */
  abort(): Promise<void>
}

/** A sink that writes beside `target` and renames over it on commit. */
export function fileSink(target: string): ObjectSink & {temp: string} {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`)
  const out: WriteStream = createWriteStream(temp, {flags: 'wx', highWaterMark: WRITE_BUFFER, mode: 0o644})
  let failed: Error | undefined
  out.on('error', (error) => {
    failed = error
  })
  return {
    temp,
    async abort() {
      out.destroy()
      await rm(temp, {force: true})
    },
    async commit() {
      if (failed) throw failed
      await new Promise<void>((resolve, reject) => {
        out.once('error', reject)
        out.end(() => resolve())
      })
      await rename(temp, target)
    },
    async write(chunk) {
      if (failed) throw failed
      if (!out.write(chunk)) await once(out, 'drain')
    },
  }
}

/** A sink for stdout (what was written before a failure cannot be taken back; the failure is still an error). */
export function stdoutSink(stream: NodeJS.WritableStream = process.stdout): ObjectSink {
  return {
    async abort() {},
    async commit() {
      await new Promise<void>((resolve) => {
        if (stream.write('')) resolve()
        else stream.once('drain', () => resolve())
      })
    },
    async write(chunk) {
      if (!stream.write(chunk)) await once(stream, 'drain')
    },
  }
}

/** The object's information, following links (to another object, in this or another bucket). */
export async function resolveObject(objm: Objm, os: ObjectStore, bucket: string, name: string): Promise<{bucket: string; info: ObjectInfo}> {
  let current = {bucket, info: await os.info(name), name}
  for (let hops = 0; hops < 8; hops++) {
    const {info} = current
    if (!info || info.deleted) throw objectNotFound(current.bucket, current.name)
    const link = info.options?.link
    if (!link) return {bucket: current.bucket, info}
    if (!link.name)
      throw new NatsctlError(`object "${current.name}" in bucket "${current.bucket}" links to a whole bucket (${link.bucket}), not an object`)
    const target = link.bucket === current.bucket ? os : await openObjectStore(objm, link.bucket)
    current = {bucket: link.bucket, info: await target.info(link.name), name: link.name}
  }
  throw new NatsctlError(`object "${name}" in bucket "${bucket}": too many links`)
}

/** Reads an object's chunks into `sink`, checking its size and digest. */
export async function readObject(
  js: JetStreamClient,
  bucket: string,
  info: ObjectInfo,
  sink: ObjectSink,
  onBytes: (n: number) => void = () => {},
): Promise<void> {
  try {
    const expected = parseDigest(info.digest)
    const hash = createHash('sha256')
    let size = 0
    if (info.size > 0) {
      const consumer = await js.consumers.get(`${OBJ_PREFIX}${bucket}`, {filter_subjects: `$O.${bucket}.C.${info.nuid}`})
      try {
        let remaining = info.chunks
        while (remaining > 0) {
          const batch = await consumer.fetch({expires: 30_000, max_messages: Math.min(BATCH, remaining)})
          let got = 0
          for await (const m of batch) {
            got++
            hash.update(m.data)
            size += m.data.length
            await sink.write(m.data)
            onBytes(m.data.length)
          }
          if (got === 0) break
          remaining -= got
        }
      } finally {
        await consumer.delete().catch(() => {})
      }
    }
    if (size !== info.size) {
      throw new NatsctlError(`object "${info.name}" in bucket "${bucket}" is incomplete: received ${size} of ${info.size} bytes`)
    }
    const actual = hash.digest()
    if (!actual.equals(expected)) {
      throw new NatsctlError(
        `object "${info.name}" in bucket "${bucket}" is corrupt: its SHA-256 digest is ${actual.toString('hex')}, expected ${expected.toString('hex')}`,
      )
    }
    await sink.commit()
  } catch (error) {
    await sink.abort()
    throw error
  }
}

function parseDigest(digest: string): Buffer {
  const prefix = 'SHA-256='
  if (!digest?.startsWith(prefix)) throw new NatsctlError(`unsupported object digest "${digest}"`)
  const bytes = Buffer.from(digest.slice(prefix.length), 'base64url')
  if (bytes.length !== 32) throw new NatsctlError(`invalid object digest "${digest}"`)
  return bytes
}
