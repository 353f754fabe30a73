// A real nats-server with a system account, for the server, account and rtt tests: the application user
// `app` (account APP, JetStream) and the system user `sys` (account SYS).

import {startServer, type ServerOptions, type TestServer} from '../../helpers/nats-server.js'

export const APP = {user: 'app', password: 'app-password'}
export const SYS = {user: 'sys', password: 'sys-password'}

export const SYSTEM_ACCOUNT_CONFIG = `
accounts {
  APP { jetstream: enabled, users: [ {user: "${APP.user}", password: "${APP.password}"} ] }
  NOJS { users: [ {user: "nojs", password: "nojs-password"} ] }
  SYS { users: [ {user: "${SYS.user}", password: "${SYS.password}"} ] }
}
system_account: SYS
`

export function startSystemServer(options: ServerOptions = {}): Promise<TestServer> {
  return startServer({jetstream: true, ...options, extraConfig: `${SYSTEM_ACCOUNT_CONFIG}\n${options.extraConfig ?? ''}`})
}

/** Connection flags for natsctl as the system user (passwords through the environment, never argv). */
export function asSystem(url: string): {args: string[]; env: NodeJS.ProcessEnv} {
  return {args: ['--server', url, '--user', SYS.user], env: {NATS_PASSWORD: SYS.password}}
}
