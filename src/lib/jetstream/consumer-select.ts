// Small helpers the consumer commands share: naming a missing consumer (or stream), and picking a consumer
// on a terminal when the NAME argument is absent (natscli's `Select a Consumer`).

import type {ConsumerInfo, JetStreamManager} from '@nats-io/jetstream'

import {NatsctlError, UsageError} from '../errors.js'
import {select} from '../ui/prompt.js'
import {isInteractive} from '../ui/terminal.js'
import {isStreamNotFound, streamNameOrPick} from './streams.js'

const CONSUMER_NOT_FOUND = 10_014

export function isConsumerNotFound(error: unknown): boolean {
  let current: unknown = error
  for (let i = 0; i < 8 && current instanceof Error; i++) {
    const e = current as Error & {code?: unknown; api_error?: {err_code?: number}}
    if (e.name === 'ConsumerNotFoundError' || e.code === CONSUMER_NOT_FOUND || e.api_error?.err_code === CONSUMER_NOT_FOUND) return true
    current = e.cause
  }
  return false
}

/** Runs work on a consumer; the server's "not found" answers become errors that name the stream or consumer. */
export async function onConsumer<T>(stream: string, name: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isStreamNotFound(error)) throw new NatsctlError(`stream "${stream}" not found`, {cause: error})
    if (name !== undefined && isConsumerNotFound(error)) throw new NatsctlError(`consumer "${name}" on stream "${stream}" not found`, {cause: error})
    throw error
  }
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
