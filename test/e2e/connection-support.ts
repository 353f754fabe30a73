// A test-side NATS client that records what arrives on a subject, to check which server got the CLI's
// message and what it carried. Not a test file (no .test.ts): imported by the e2e and context tests.
import {connect, type NatsConnection, type NodeConnectionOptions} from '@nats-io/transport-node'

export interface Listener {
  messages: string[]
  /** Round-trips to the server, so everything it routed before now has arrived. */
  settle(): Promise<string[]>
  close(): Promise<void>
}

export async function listen(url: string, subject: string, auth: Partial<NodeConnectionOptions> = {}): Promise<Listener> {
  const nc: NatsConnection = await connect({servers: url, reconnect: false, ...auth})
  const messages: string[] = []
  nc.subscribe(subject, {callback: (_err, msg) => messages.push(msg.string())})
  await nc.flush()
  return {
    messages,
    async settle() {
      await nc.flush()
      return messages
    },
    close: () => nc.drain(),
  }
}
