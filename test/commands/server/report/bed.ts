// The deployment every `server report` test file reports on: a hub with a system account and JetStream, a
// spoke connected into it as a leafnode in account APP, a busy connection (10 messages in) and a quiet one
// in APP, and a stream REPORTED with 5 messages. `reportBed()` sets it up before the file's tests (waiting for
// the leafnode) and tears it down after; `sys` runs `server report ARGS` as the system user.
import {setTimeout as sleep} from 'node:timers/promises'
import {after, before} from 'node:test'

import {jetstreamManager} from '@nats-io/jetstream'
import {connect, type NatsConnection} from '@nats-io/transport-node'

import {type CliResult, makeHome, runCli} from '../../../helpers/cli.js'
import {startServer, stopAllServers, type TestServer} from '../../../helpers/nats-server.js'
import {APP, SYS, startSystemServer} from '../system-server.js'

export function reportBed(): {sys(...args: string[]): Promise<CliResult>} {
  const home = makeHome()
  let hub: TestServer
  const conns: NatsConnection[] = []

  before(async () => {
    hub = await startSystemServer({serverName: 'hub', leafnodes: true})
    await startServer({serverName: 'spoke', jetstream: false, leafRemotes: [`nats-leaf://${APP.user}:${APP.password}@127.0.0.1:${hub.leafPort}`]})
    const busy = await connect({servers: hub.url, user: APP.user, pass: APP.password, name: 'busy-conn'})
    const quiet = await connect({servers: hub.url, user: APP.user, pass: APP.password, name: 'quiet-conn'})
    conns.push(busy, quiet)
    for (let i = 0; i < 10; i++) busy.publish('report.x', 'hello')
    await busy.flush()
    const jsm = await jetstreamManager(quiet)
    await jsm.streams.add({name: 'REPORTED', subjects: ['reported.>']})
    for (let i = 0; i < 5; i++) quiet.publish('reported.a', 'x')
    await quiet.flush()
    for (let i = 0; i < 100 && (await leafnodes(hub)) === 0; i++) await sleep(100)
  })
  after(async () => {
    await Promise.all(conns.map((nc) => nc.close()))
    await stopAllServers()
    home.cleanup()
  })

  return {
    sys: (...args) =>
      runCli(['server', 'report', ...args, '--server', hub.url, '--user', SYS.user], {env: {...home.env, NATS_PASSWORD: SYS.password}}),
  }
}

/** How many leafnodes the hub has (asked over the system account). */
async function leafnodes(hub: TestServer): Promise<number> {
  const nc = await connect({servers: hub.url, user: SYS.user, pass: SYS.password})
  try {
    const reply = await nc.request('$SYS.REQ.SERVER.PING.LEAFZ', '', {timeout: 1000})
    return reply.json<{data: {leafnodes: number}}>().data.leafnodes
  } finally {
    await nc.close()
  }
}
