// JetStream setup for `bench js`: find or create the stream, purge it, create the durable consumer. Done
// once in the main thread before the clients start, so the clients only publish or consume.

import type {NatsConnection} from '@nats-io/transport-node'

import {isJsApiError, JsApi, NatsctlError, notFound} from '../errors.js'

interface JsSetupOptions {
  domain?: string
  apiPrefix?: string
  timeoutMs: number
}

async function manager(nc: NatsConnection, options: JsSetupOptions) {
  const {jetstreamManager} = await import('@nats-io/jetstream')
  return jetstreamManager(nc, {
    ...(options.domain ? {domain: options.domain} : {}),
    ...(options.apiPrefix ? {apiPrefix: options.apiPrefix} : {}),
    timeout: options.timeoutMs,
  })
}

interface StreamSetup {
  stream: string
  subjects: string[]
  create: boolean
  purge: boolean
  storage: 'file' | 'memory'
  replicas: number
  /** Let the stream take atomic batches (allow_atomic, nats-server 2.12+). */
  atomic?: boolean
}

/** Makes sure the stream exists (creating it with --create) and purges it with --purge. */
export async function prepareStream(nc: NatsConnection, options: JsSetupOptions, setup: StreamSetup): Promise<{created: boolean}> {
  const jsm = await manager(nc, options)
  let created = false
  try {
    await jsm.streams.info(setup.stream)
  } catch (error) {
    if (!isJsApiError(error, JsApi.StreamNotFound)) throw error
    if (!setup.create) throw notFound({stream: setup.stream}, {cause: error, hint: 'add --create to create it'})
    const {StorageType} = await import('@nats-io/jetstream')
    await jsm.streams.add({
      name: setup.stream,
      subjects: setup.subjects,
      storage: setup.storage === 'memory' ? StorageType.Memory : StorageType.File,
      num_replicas: setup.replicas,
      // As natscli creates it: `bench js get` reads it with direct gets.
      allow_direct: true,
      ...(setup.atomic ? {allow_atomic: true} : {}),
    })
    created = true
  }
  if (setup.purge) await jsm.streams.purge(setup.stream)
  return {created}
}

/** The number of messages in the stream (an error when it does not exist). */
export async function streamMessages(nc: NatsConnection, options: JsSetupOptions, stream: string): Promise<number> {
  const jsm = await manager(nc, options)
  try {
    const info = await jsm.streams.info(stream)
    return info.state.messages
  } catch (error) {
    if (isJsApiError(error, JsApi.StreamNotFound)) throw notFound({stream}, {cause: error, hint: 'run bench js pub with --create first'})
    throw error
  }
}

/** Finds the durable consumer or creates it; returns a function that removes it again if it was created. */
export async function prepareConsumer(
  nc: NatsConnection,
  options: JsSetupOptions,
  stream: string,
  name: string,
  acks: 'all' | 'explicit' | 'none',
  maxAckPending?: number,
): Promise<() => Promise<void>> {
  const jsm = await manager(nc, options)
  try {
    await jsm.consumers.info(stream, name)
    return async () => {}
  } catch (error) {
    if (!isJsApiError(error, JsApi.ConsumerNotFound)) throw error
  }
  const {AckPolicy, DeliverPolicy} = await import('@nats-io/jetstream')
  await jsm.consumers.add(stream, {
    durable_name: name,
    ack_policy: acks === 'none' ? AckPolicy.None : acks === 'all' ? AckPolicy.All : AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    // natscli's limit: what the clients buffer together (--batch x --clients).
    ...(maxAckPending ? {max_ack_pending: maxAckPending} : {}),
  })
  return async () => {
    await jsm.consumers.delete(stream, name).catch(() => {})
  }
}

/** "2.9.10" -> [2, 9, 10]. */
function versionParts(version: string): number[] {
  return version
    .split(/[.-]/)
    .slice(0, 3)
    .map((p) => Number.parseInt(p, 10) || 0)
}

/** True when `version` is at least `min` (both like 2.11.0). */
function versionAtLeast(version: string, min: string): boolean {
  const a = versionParts(version)
  const b = versionParts(min)
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0)
  return true
}

/** Fails with both versions named when the connected server is older than `min`. */
export function requireServer(nc: NatsConnection, min: string, what: string): void {
  const version = nc.info?.version ?? '0.0.0'
  if (!versionAtLeast(version, min)) throw new NatsctlError(`${what} needs nats-server ${min} or later: the server is ${version}`)
}

/** For `bench js get`: the stream's first sequence and message count; an error when it lacks direct get. */
export async function directGetSource(nc: NatsConnection, options: JsSetupOptions, stream: string): Promise<{firstSeq: number; messages: number}> {
  const jsm = await manager(nc, options)
  let info
  try {
    info = await jsm.streams.info(stream)
  } catch (error) {
    if (isJsApiError(error, JsApi.StreamNotFound)) throw notFound({stream}, {cause: error, hint: 'run bench js pub with --create first'})
    throw error
  }
  if (!info.config.allow_direct) {
    throw new NatsctlError(`stream "${stream}" does not allow direct gets (allow_direct is off): streams created by bench js pub --create allow them`)
  }
  return {firstSeq: info.state.first_seq, messages: info.state.messages}
}

interface BucketSetup {
  bucket: string
  storage: 'file' | 'memory'
  replicas: number
  maxBytes: number
  history: number
  purge: boolean
}

/** `bench kv put`: opens the bucket, creating it when missing; --purge empties it first. */
export async function prepareBucket(nc: NatsConnection, options: JsSetupOptions, setup: BucketSetup): Promise<{created: boolean}> {
  const jsm = await manager(nc, options)
  const stream = `KV_${setup.bucket}`
  let created = false
  try {
    await jsm.streams.info(stream)
  } catch (error) {
    if (!isJsApiError(error, JsApi.StreamNotFound)) throw error
    const {Kvm} = await import('@nats-io/kv')
    const {jetstream, StorageType} = await import('@nats-io/jetstream')
    const js = jetstream(nc, {
      ...(options.domain ? {domain: options.domain} : {}),
      ...(options.apiPrefix ? {apiPrefix: options.apiPrefix} : {}),
      timeout: options.timeoutMs,
    })
    await new Kvm(js).create(setup.bucket, {
      description: 'natsctl bench bucket',
      history: setup.history,
      max_bytes: setup.maxBytes,
      replicas: setup.replicas,
      storage: setup.storage === 'memory' ? StorageType.Memory : StorageType.File,
    })
    created = true
  }
  if (setup.purge && !created) await jsm.streams.purge(stream)
  return {created}
}

/** `bench kv get`: an error naming the fix when the bucket does not exist. */
export async function requireBucket(nc: NatsConnection, options: JsSetupOptions, bucket: string): Promise<void> {
  const jsm = await manager(nc, options)
  try {
    await jsm.streams.info(`KV_${bucket}`)
  } catch (error) {
    if (isJsApiError(error, JsApi.StreamNotFound)) throw notFound({bucket}, {cause: error, hint: 'run bench kv put first'})
    throw error
  }
}
