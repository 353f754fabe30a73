// Long-running commands (sub, reply) reconnect after a drop instead of failing; the user should still see
// that it happened, on stderr, in natscli's words.

import type {NatsConnection} from '@nats-io/transport-node'

export function logConnectionEvents(nc: NatsConnection, status: (message: string) => void): void {
  void (async () => {
    for await (const s of nc.status()) {
      switch (s.type) {
        case 'disconnect': {
          status(`>>> Disconnected from ${s.server}, will attempt to reconnect`)
          break
        }
        case 'reconnect': {
          status(`>>> Reconnected to ${s.server}`)
          break
        }
        case 'error': {
          status(`>>> ${s.error.message}`)
          break
        }
        default: {
          break
        }
      }
    }
  })().catch(() => {})
}
