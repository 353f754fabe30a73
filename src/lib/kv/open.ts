// Opening key-value buckets: one place for the bucket's name rules and the "not found" lines, so
// `kv get` in a CI script fails with `bucket "cfg" not found` or `key "x" not found in bucket "cfg"`.

import type {JetStreamClient, JetStreamManager, StreamInfo} from '@nats-io/jetstream'
import type {KV} from '@nats-io/kv'

import {isJsApiError, JsApi, type NatsctlError, notFound, UsageError} from '../errors.js'

export const KV_PREFIX = 'KV_'

export function checkBucketName(bucket: string): void {
  if (!/^[-\w]+$/.test(bucket)) throw new UsageError(`invalid bucket name "${bucket}": use letters, digits, - and _`)
}

export function checkKey(key: string): void {
  if (key.startsWith('.') || key.endsWith('.') || !/^[-/=.\w]+$/.test(key)) {
    throw new UsageError(`invalid key "${key}": use letters, digits and - / = _ separated by dots`)
  }
}

function bucketNotFound(bucket: string, cause?: unknown): NatsctlError {
  return notFound({bucket}, {cause})
}

export function keyNotFound(bucket: string, key: string): NatsctlError {
  return notFound({bucket, key})
}

/** The stream behind a bucket, or `bucket "X" not found`. */
export async function bucketStreamInfo(jsm: JetStreamManager, bucket: string): Promise<StreamInfo> {
  checkBucketName(bucket)
  try {
    return await jsm.streams.info(`${KV_PREFIX}${bucket}`)
  } catch (error) {
    if (isJsApiError(error, JsApi.StreamNotFound)) throw bucketNotFound(bucket, error)
    throw error
  }
}

/**
 * Binds to an existing bucket. The client's open() does not look at the stream, so this does: a missing bucket
 * is named, gets use direct get when the stream allows it, and a mirror bucket writes to its origin's subjects.
 */
export async function openBucket(js: JetStreamClient, jsm: JetStreamManager, bucket: string): Promise<KV> {
  const info = await bucketStreamInfo(jsm, bucket)
  const {Kvm} = await import('@nats-io/kv')
  const kv = await new Kvm(js).open(bucket, {allow_direct: info.config.allow_direct === true})
  const bound = kv as unknown as {initializePrefixes(info: StreamInfo): void; prefix: string; editPrefix: string; _prefixLen: number}
  bound.initializePrefixes(info)
  // A mirror in the same domain stores its origin's subjects ($KV.ORIGIN.key), and writes must go to the
  // origin; the client only knows this for a mirror in another domain.
  const mirror = info.config.mirror
  if (mirror && !mirror.external?.api) {
    const origin = mirror.name.startsWith(KV_PREFIX) ? mirror.name.slice(KV_PREFIX.length) : mirror.name
    bound.prefix = `$KV.${origin}`
    bound.editPrefix = bound.prefix
    bound._prefixLen = 0
  }
  return kv
}

/** Whether the bucket's stream exists (other failures, such as a timeout, are thrown). */
export async function bucketExists(jsm: JetStreamManager, bucket: string): Promise<boolean> {
  try {
    await jsm.streams.info(`${KV_PREFIX}${bucket}`)
    return true
  } catch (error) {
    if (isJsApiError(error, JsApi.StreamNotFound)) return false
    throw error
  }
}
