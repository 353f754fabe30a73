// Moving objects of any size with flat memory.
//
// put: the source (a file or stdin) is read only when the client asks for the next piece (a pull-based
// ReadableStream), and the client publishes one chunk at a time and waits for its ack, so at most a chunk
// or two are in memory however large the file.
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

import type {JetStreamClient} from '@nats-io/jetstream'
import type {ObjectInfo, ObjectStore, ObjectStoreMeta, Objm} from '@nats-io/obj'

import {NatsctlError} from '../errors.js'
import {objectNotFound, OBJ_PREFIX, openObjectStore} from './open.js'

/** Chunks asked for at a time on get: 32 of the client's 128 KiB chunks is 4 MiB in flight. */
const BATCH = 32
/** How much a file write may queue before the reader waits for the disk. */
const WRITE_BUFFER = 4 * 1024 * 1024

let nativeHash = false

/** The object client hashes in JavaScript by default; Node's own SHA-256 is several times faster. */
async function useNativeSha256(): Promise<void> {
  if (nativeHash) return
  const {setSha256Backend} = await import('@nats-io/obj')
  setSha256Backend('native')
  nativeHash = true
}

/** Stores what `source` yields as one object; `onBytes` hears of each piece read. */
export async function putObject(
  os: ObjectStore,
  meta: ObjectStoreMeta,
  source: AsyncIterable<Uint8Array | string>,
  onBytes: (n: number) => void = () => {},
): Promise<ObjectInfo> {
  await useNativeSha256()
  const pieces: AsyncIterator<Uint8Array | string> = source[Symbol.asyncIterator]()
  const stream = new ReadableStream<Uint8Array>(
    {
      async cancel() {
        await pieces.return?.()
      },
      async pull(controller) {
        const next = await pieces.next()
        if (next.done) {
          controller.close()
          return
        }
        const bytes = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
        onBytes(bytes.length)
        controller.enqueue(bytes)
      },
    },
    // A few pieces are read ahead (so the disk works while a chunk is being published), no more.
    {highWaterMark: 8},
  )
  return os.put(meta, stream)
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
