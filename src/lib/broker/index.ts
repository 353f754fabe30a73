// The default server and the embedded broker. With nothing configured, natsctl does what natscli does and
// uses the NATS server on 127.0.0.1:4222 when one answers there; only when nothing listens there does it
// start (or find) its embedded broker `local`, which then takes 4222 so later commands, and natscli itself,
// find it. `--embedded[=NAME]` always uses a broker, started in the background when it is not running.
// The fast paths read one state file, check one pid, or open one socket: no spawn, no heavy imports.

import {connect as connectSocket} from 'node:net'

import type {LoadedContext} from '../contexts.js'
import {NatsctlError} from '../errors.js'
import {isNatsServer, serversUsingDir} from './alive.js'
import {brokerDir, type BrokerState, readState, validateBrokerName} from './state.js'

interface EnsureBrokerOptions {
  status: (message: string) => void
  env?: NodeJS.ProcessEnv
}

/** What the default resolves to: a plain URL (someone's NATS server on 4222), or a broker's context. */
type DefaultServer = {kind: 'url'; url: string} | {kind: 'broker'; context: LoadedContext}

/** natscli's default, nats://127.0.0.1:4222, when a NATS server answers there; else the broker `name`. */
export async function defaultServer(name: string, options: EnsureBrokerOptions & {timeoutMs: number}): Promise<DefaultServer> {
  const env = options.env ?? process.env
  const {defaultPort} = await import('./options.js')
  const port = defaultPort(env)
  const found = await probe('127.0.0.1', port, Math.min(options.timeoutMs, 2000))
  if (found === 'nats') {
    // Our own broker there has credentials (a system account, a non-loopback user): use its context.
    const state = readState(name, env)
    const ours = state?.nodes.some((node) => node.port === port && isNatsServer(node.pid, node.configFile))
    if (ours && state) return {kind: 'broker', context: await contextOf(state, env)}
    // A nats-server of the broker that no state records (its natsctl was killed while starting it): never
    // use it as someone's server; ensureBroker stops it and starts the broker properly, under the lock.
    const tracked = new Set(state?.nodes.map((node) => node.pid))
    if (serversUsingDir(brokerDir(name, env)).some((pid) => !tracked.has(pid))) {
      return {kind: 'broker', context: await ensureBroker(name, {...options, port, recheck: true})}
    }
    return {kind: 'url', url: `nats://127.0.0.1:${port}`}
  }
  if (found === 'other') {
    throw new NatsctlError(
      `port ${port} on 127.0.0.1 is held by something that is not a NATS server: free it, give a server with --server or NATS_URL, or use natsctl's own broker on another port with --embedded`,
    )
  }
  return {kind: 'broker', context: await ensureBroker(name, {...options, port})}
}

/**
 * What listens on host:port: a NATS server (it greets every client with `INFO {...}` at once), something
 * else (it accepts but says nothing like that), or nothing.
 */
function probe(host: string, port: number, timeoutMs: number): Promise<'nats' | 'none' | 'other'> {
  return new Promise((resolve) => {
    const socket = connectSocket({host, port})
    let greeting = ''
    const done = (result: 'nats' | 'none' | 'other') => {
      clearTimeout(timer)
      socket.destroy()
      resolve(result)
    }
    const timer = setTimeout(() => done('other'), timeoutMs)
    socket.on('data', (chunk: Buffer) => {
      greeting += chunk.toString('latin1')
      if (greeting.length >= 5) done(greeting.startsWith('INFO ') ? 'nats' : 'other')
    })
    socket.on('end', () => done('other'))
    socket.on('error', () => done('none'))
  })
}

export async function ensureBroker(name: string, options: EnsureBrokerOptions & {port?: number; recheck?: boolean}): Promise<LoadedContext> {
  const env = options.env ?? process.env
  validateBrokerName(name)
  const state = readState(name, env)
  // isNatsServer, not just a live pid: after a reboot the pid may belong to something else. `recheck`
  // skips this fast path: startBroker then also stops the broker's servers no state records.
  if (!options.recheck && state && state.nodes.some((node) => isNatsServer(node.pid, node.configFile))) return contextOf(state, env)

  const {startBroker} = await import('./broker.js')
  const {defaultOptions} = await import('./options.js')
  const startOptions = {...defaultOptions(), ...(options.port === undefined ? {} : {port: options.port})}
  const result = await startBroker(name, startOptions, {mode: 'background', status: options.status, env, embedded: true})
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

export {statePath} from './state.js'
