// Small helpers the consumer commands share: naming a missing consumer (or stream) through errors.ts, and picking a consumer
// on a terminal when the NAME argument is absent (natscli's `Select a Consumer`).

import type {ConsumerInfo, JetStreamManager} from '@nats-io/jetstream'

import {isJsApiError, JsApi, NatsctlError, onResource, UsageError} from '../errors.js'
import {select} from '../ui/prompt.js'
import {isInteractive} from '../ui/terminal.js'
import {streamNameOrPick} from './streams.js'

export function isConsumerNotFound(error: unknown): boolean {
  return isJsApiError(error, JsApi.ConsumerNotFound, JsApi.ConsumerDoesNotExist)
}

/**
 * Runs work on a consumer (or, without a name, on the stream); errors.ts words a missing stream or consumer,
 * or one that already exists, naming them.
 */
export function onConsumer<T>(stream: string, name: string | undefined, work: () => Promise<T>): Promise<T> {
  return onResource(name === undefined ? {stream} : {consumer: name, stream}, work)
}

/** Every consumer of a stream, in one paged CONSUMER.LIST call, sorted by name. */
export async function listConsumers(jsm: JetStreamManager, stream: string): Promise<ConsumerInfo[]> {
  return onConsumer(stream, undefined, async () => {
    const all: ConsumerInfo[] = []
    for await (const info of jsm.consumers.list(stream)) all.push(info)
    return all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  })
}

/** The NAME argument, or a picker on a terminal; without one, a usage error naming the argument. */
export async function consumerNameOrPick(stream: string, name: string | undefined, jsm: () => Promise<JetStreamManager>): Promise<string> {
  if (name) return name
  if (!isInteractive()) throw new UsageError('a consumer name is required: pass it as the NAME argument')
  const consumers = await listConsumers(await jsm(), stream)
  if (consumers.length === 0) throw new NatsctlError(`no Consumers are defined for Stream ${stream}`)
  return select(
    'Select a Consumer',
    consumers.map((c) => c.name),
  )
}

/** The STREAM argument, or natscli's stream picker on a terminal; without one, a usage error naming it. */
export async function streamOrPick(stream: string | undefined, jsm: () => Promise<JetStreamManager>): Promise<string> {
  if (stream) return stream
  if (!isInteractive()) throw new UsageError('a stream name is required: pass it as the STREAM argument')
  return streamNameOrPick(undefined, jsm)
}
