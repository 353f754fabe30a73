// JetStream setup for `bench js`: find or create the stream, purge it, create the durable consumer. Done
// once in the main thread before the clients start, so the clients only publish or consume.

import type {NatsConnection} from '@nats-io/transport-node'

import {isJsApiError, JsApi, notFound} from '../errors.js'

export interface JsSetupOptions {
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

export interface StreamSetup {
  stream: string
  subjects: string[]
  create: boolean
  purge: boolean
  storage: 'file' | 'memory'
  replicas: number
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
  acks: 'explicit' | 'none',
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
    ack_policy: acks === 'none' ? AckPolicy.None : AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
  })
  return async () => {
    await jsm.consumers.delete(stream, name).catch(() => {})
  }
}
