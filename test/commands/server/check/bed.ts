// The server every `server check` test file shares the shape of: a JetStream server whose APP account has
// limits (so usage in percent of them means something), a system account, and a service on svc.ping
// answering "pong" with a header. `checkBed()` starts it before the file's tests and stops it after; `app`
// and `sys` run a check as the application or the system user. Each file gets its own server.
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before} from 'node:test'

import {jetstreamManager, type JetStreamManager} from '@nats-io/jetstream'
import {connect, headers, type NatsConnection} from '@nats-io/transport-node'

import {type CliResult, makeHome, runCli} from '../../../helpers/cli.js'
import {startServer, stopAllServers, type TestServer} from '../../../helpers/nats-server.js'
import {APP, SYS} from '../system-server.js'

const CONFIG = `
accounts {
  APP { jetstream: {max_mem: 1MB, max_file: 100MB, max_streams: 10, max_consumers: 100}, users: [ {user: "${APP.user}", password: "${APP.password}"} ] }
  SYS { users: [ {user: "${SYS.user}", password: "${SYS.password}"} ] }
}
system_account: SYS
`

export interface CheckJson {
  status: string
  check_suite: string
  check_name: string
  critical?: string[]
  warning?: string[]
  ok?: string[]
  perf_data: Array<{name: string; value: number}>
}

export interface CheckBed {
  /** `server check ARGS` as the application user. */
  app(...args: string[]): Promise<CliResult>
  /** `server check ARGS` as the system user. */
  sys(...args: string[]): Promise<CliResult>
  json(stdout: string): CheckJson
  /** A temporary directory for --outfile, removed after the file's tests. */
  dir: string
  home: ReturnType<typeof makeHome>
  nc(): NatsConnection
  jsm(): JetStreamManager
  server(): TestServer
}

export function checkBed(): CheckBed {
  const home = makeHome()
  const dir = mkdtempSync(join(tmpdir(), 'natsctl-check-'))
  let server: TestServer
  let nc: NatsConnection
  let jsm: JetStreamManager
  const as =
    (user: {user: string; password: string}) =>
    (...args: string[]) =>
      runCli(['server', 'check', ...args, '--server', server.url, '--user', user.user], {env: {...home.env, NATS_PASSWORD: user.password}})

  before(async () => {
    server = await startServer({jetstream: true, serverName: 'checked', extraConfig: CONFIG})
    nc = await connect({servers: server.url, user: APP.user, pass: APP.password})
    jsm = await jetstreamManager(nc)
    nc.subscribe('svc.ping', {
      callback: (_e, m) => {
        const h = headers()
        h.set('X-Service', 'pinger')
        m.respond(m.string() === 'ping' ? 'pong' : 'what?', {headers: h})
      },
    })
    await nc.flush()
  })
  after(async () => {
    await nc?.close()
    await stopAllServers()
    home.cleanup()
    rmSync(dir, {force: true, recursive: true})
  })

  return {
    app: as(APP),
    sys: as(SYS),
    json: (stdout) => JSON.parse(stdout) as CheckJson,
    dir,
    home,
    nc: () => nc,
    jsm: () => jsm,
    server: () => server,
  }
}
