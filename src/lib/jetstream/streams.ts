// Picking a stream on a terminal. A missing stream is named by errors.ts (`onResource({stream}, work)`).

import type {JetStreamManager} from '@nats-io/jetstream'

import {NatsctlError, UsageError} from '../errors.js'
import {select} from '../ui/prompt.js'
import {isInteractive} from '../ui/terminal.js'

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
