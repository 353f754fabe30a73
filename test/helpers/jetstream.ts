// What most JetStream tests start from: a JetStream server, a temporary home, and the test's own
// connection (with a manager and a client) to set up streams and check what the commands did.
import {jetstream, type JetStreamClient, jetstreamManager, type JetStreamManager} from '@nats-io/jetstream'
import {connect, type NatsConnection} from '@nats-io/transport-node'

import {type CliResult, makeHome, runCli, type RunOptions, type TestHome} from './cli.js'
import {startServer, stopAllServers, type TestServer} from './nats-server.js'

export interface JetStreamTestbed {
  server: TestServer
  home: TestHome
  nc: NatsConnection
  jsm: JetStreamManager
  js: JetStreamClient
  /** Runs natsctl with `--server` pointing at this server, in this home. */
  cli(args: string[], options?: RunOptions): Promise<CliResult>
  /** Drains the connection, stops every server this test file started, removes the home. */
  close(): Promise<void>
}

export async function startJetStreamTestbed(): Promise<JetStreamTestbed> {
  const server = await startServer({jetstream: true})
  const home = makeHome()
  const nc = await connect({servers: server.url})
  return {
    server,
    home,
    nc,
    jsm: await jetstreamManager(nc),
    js: jetstream(nc),
    cli: (args, options = {}) => runCli([...args, '--server', server.url], {env: home.env, ...options}),
    async close() {
      await nc.drain()
      await stopAllServers()
      home.cleanup()
    },
  }
}
