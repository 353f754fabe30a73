// Small helpers the stream commands share: naming a missing stream, and picking one on a terminal.

import type {JetStreamManager} from '@nats-io/jetstream'

import {NatsctlError, UsageError} from '../errors.js'
import {select} from '../ui/prompt.js'
import {isInteractive} from '../ui/terminal.js'

const STREAM_NOT_FOUND = 10_059

export function isStreamNotFound(error: unknown): boolean {
  let current: unknown = error
  for (let i = 0; i < 8 && current instanceof Error; i++) {
    const e = current as Error & {code?: unknown}
    if (e.name === 'StreamNotFoundError' || (/JetStreamApiError|NotFound/.test(e.name) && e.code === STREAM_NOT_FOUND)) return true
    current = e.cause
  }
  return false
}

/** Runs work on a stream; the server's "stream not found" becomes one that names the stream. */
export async function onStream<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isStreamNotFound(error)) throw new NatsctlError(`stream "${name}" not found`, {cause: error})
    throw error
  }
}

/** The NAME argument, or a picker on a terminal (natscli's `Select a Stream`). */
export async function streamNameOrPick(name: string | undefined, jsm: () => Promise<JetStreamManager>): Promise<string> {
  if (name) return name
  if (!isInteractive()) throw new UsageError('a stream name is required: pass it as the NAME argument')
  const manager = await jsm()
  const names: string[] = []
  for await (const n of manager.streams.names()) names.push(n)
  if (names.length === 0) throw new NatsctlError('No Streams defined')
  names.sort()
  return select('Select a Stream', names)
}
