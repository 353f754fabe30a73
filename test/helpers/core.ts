// What most core NATS tests start from: a server without JetStream, a temporary home, the test's own
// connection (to publish, subscribe and check what the commands did) and `cli()` pointing at the server.
// The JetStream testbed (jetstream.ts) is this with JetStream on.
import {connect, type NatsConnection} from '@nats-io/transport-node'

import {type CliResult, makeHome, runCli, type RunningCli, type RunOptions, startCli, type TestHome} from './cli.js'
import {type ServerOptions, startServer, stopAllServers, type TestServer} from './nats-server.js'

export interface CoreTestbed {
  server: TestServer
  home: TestHome
  nc: NatsConnection
  /** Runs natsctl with `--server` pointing at this server, in this home. */
  cli(args: string[], options?: RunOptions): Promise<CliResult>
  /** Starts natsctl in the background (sub, reply, ...), likewise. */
  start(args: string[], options?: RunOptions): RunningCli
  /** Drains the connection, stops every server this test file started, removes the home. */
  close(): Promise<void>
}

export async function startCoreTestbed(options: ServerOptions = {}): Promise<CoreTestbed> {
  const server = await startServer({jetstream: false, ...options})
  const home = makeHome()
  const nc = await connect({servers: server.url})
  return {
    server,
    home,
    nc,
    cli: (args, runOptions = {}) => runCli([...args, '--server', server.url], {env: home.env, ...runOptions}),
    start: (args, runOptions = {}) => startCli([...args, '--server', server.url], {env: home.env, ...runOptions}),
    async close() {
      await nc.drain()
      await stopAllServers()
      home.cleanup()
    },
  }
}
