// The embedded default: a command with nothing configured (or with --embedded[=NAME]) uses a named broker,
// started in the background when it is not running. The fast path (broker running) reads one state file and
// checks one pid: no spawn, no extra connection, no heavy imports.

import type {LoadedContext} from '../contexts.js'
import {isNatsServer} from './alive.js'
import {type BrokerState, readState, statePath, validateBrokerName} from './state.js'

export interface EnsureBrokerOptions {
  status: (message: string) => void
  env?: NodeJS.ProcessEnv
}

export async function ensureBroker(name: string, options: EnsureBrokerOptions): Promise<LoadedContext> {
  const env = options.env ?? process.env
  validateBrokerName(name)
  const state = readState(name, env)
  // isNatsServer, not just a live pid: after a reboot the pid may belong to something else.
  if (state && state.nodes.some((node) => isNatsServer(node.pid, node.configFile))) return contextOf(state, env)

  const {startBroker} = await import('./broker.js')
  const {defaultOptions} = await import('./options.js')
  const result = await startBroker(name, defaultOptions(), {mode: 'background', status: options.status, env})
  if (!result.alreadyRunning) {
    const url = result.state.urls.join(',')
    options.status(`Started the embedded broker "${name}" at ${url} (stop it with: natsctl broker stop ${name})`)
  }
  return contextOf(result.state, env)
}

async function contextPathOf(name: string, env: NodeJS.ProcessEnv): Promise<string> {
  const {contextPath} = await import('../contexts.js')
  return contextPath(name, env)
}

async function contextOf(state: BrokerState, env: NodeJS.ProcessEnv): Promise<LoadedContext> {
  return {
    name: state.name,
    path: await contextPathOf(state.name, env),
    settings: {
      url: state.urls.join(','),
      ...(state.user ? {user: state.user, password: state.password} : {}),
      ...(state.jsDomain ? {jetstream_domain: state.jsDomain} : {}),
    },
  }
}

export {statePath}
