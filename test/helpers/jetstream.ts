// What most JetStream tests start from: the core testbed (core.ts) on a JetStream server, with a manager
// and a client on the test's own connection to set up streams and check what the commands did.
import {jetstream, type JetStreamClient, jetstreamManager, type JetStreamManager} from '@nats-io/jetstream'

import {type CoreTestbed, startCoreTestbed} from './core.js'
import type {ServerOptions} from './nats-server.js'

export interface JetStreamTestbed extends CoreTestbed {
  jsm: JetStreamManager
  js: JetStreamClient
}

export async function startJetStreamTestbed(options: ServerOptions = {}): Promise<JetStreamTestbed> {
  const testbed = await startCoreTestbed({...options, jetstream: true})
  return {...testbed, jsm: await jetstreamManager(testbed.nc), js: jetstream(testbed.nc)}
}
