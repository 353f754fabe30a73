// The one place natsctl reaches into the NATS client: the bench fast paths hand whole pre-encoded PUB/HPUB
// frames to the client's own outbound buffer and socket writer (its protocol handler's `sendCommand`), instead
// of one `nc.publish()` per message. That is not public API, so it is checked once, here, and every caller
// has a plain path for when it is missing (a client version without it, or NATSCTL_BENCH_PLAIN_PUBLISH=1):
// `rawWriter()` then returns undefined and the caller publishes through the public API.

import type {NatsConnection} from '@nats-io/transport-node'

/** The part of the client's protocol handler the fast path uses (nats.js v3: `nc.protocol`). */
interface ProtocolHandler {
  sendCommand(cmd: Uint8Array): void
  outMsgs: number
  outBytes: number
}

export interface RawWriter {
  /**
   * Queues complete frames ("PUB subj [reply] len\r\n<payload>\r\n" or HPUB) for the socket, as the client's
   * own publish does, and counts `msgs` messages of `bytes` payload and header bytes in the client's
   * statistics (`nc.stats()`). `frames` must not change afterwards: the socket may still hold it.
   */
  write(frames: Uint8Array, msgs: number, bytes: number): void
}

/**
 * A writer over the connection's protocol handler, or undefined when the client does not expose one (or
 * NATSCTL_BENCH_PLAIN_PUBLISH=1 asks for the public API, for comparison and tests).
 */
export function rawWriter(nc: NatsConnection, env: NodeJS.ProcessEnv = process.env): RawWriter | undefined {
  if (env.NATSCTL_BENCH_PLAIN_PUBLISH === '1') return undefined
  const protocol = (nc as unknown as {protocol?: Partial<ProtocolHandler>}).protocol
  if (!protocol || typeof protocol.sendCommand !== 'function' || typeof protocol.outMsgs !== 'number' || typeof protocol.outBytes !== 'number') {
    return undefined
  }
  const handler = protocol as ProtocolHandler
  return {
    write(frames, msgs, bytes) {
      handler.sendCommand(frames)
      handler.outMsgs += msgs
      handler.outBytes += bytes
    },
  }
}
