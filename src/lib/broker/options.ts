// Broker settings from the `broker run/start` flags, validated up front so a bad flag is a one-line usage
// error before anything is spawned. Pure except for checking that a creds file exists.

import {existsSync} from 'node:fs'

import type {Interfaces} from '@oclif/core'

import {maskUrlCredentials} from '../contexts.js'
import {UsageError} from '../errors.js'
import type {brokerFlags} from './flags.js'
import {parseSize} from '../units.js'

export interface BrokerOptions {
  /** Client port; undefined: the default port (4222) when free, else random. */
  port?: number
  listen: string
  jetstream: boolean
  jsDomain?: string
  storeDir?: string
  maxMemory?: number
  maxStore?: number
  leafRemotes: string[]
  leafCreds?: string
  leafPort?: number
  monitorPort?: number
  serverName?: string
  /** Number of clustered nodes (1 = no cluster). */
  cluster: number
}

/** The `broker run/start` flags as parsed. */
type BrokerFlagValues = Partial<Interfaces.InferredFlags<typeof brokerFlags>>

/** natscli's default server is nats://127.0.0.1:4222; NATSCTL_DEFAULT_PORT moves it (tests, or a second setup). */
export function defaultPort(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.NATSCTL_DEFAULT_PORT
  if (text === undefined || text === '') return 4222
  const port = Number(text)
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new UsageError(`invalid NATSCTL_DEFAULT_PORT "${text}": expected a port from 1 to 65535`)
  }
  return port
}

const LEAF_SCHEMES = new Set(['nats-leaf:', 'tls:', 'nats:', 'ws:', 'wss:'])

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

function checkPort(value: number | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  if (!Number.isInteger(value) || value < 1 || value > 65_535) throw new UsageError(`invalid ${flag} ${value}: expected a port from 1 to 65535`)
  return value
}

function validateLeafUrl(raw: string): string {
  // Errors quote the URL with its password or token masked.
  const input = maskUrlCredentials(raw)
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new UsageError(`invalid leafnode URL "${input}": expected nats-leaf://host:port or tls://host:port`)
  }
  if (!LEAF_SCHEMES.has(url.protocol)) {
    throw new UsageError(`invalid leafnode URL "${input}": unsupported scheme "${url.protocol}" (use nats-leaf:// or tls://)`)
  }
  if (url.hostname === '') throw new UsageError(`invalid leafnode URL "${input}": no host`)
  if (url.pathname !== '' && url.pathname !== '/') throw new UsageError(`invalid leafnode URL "${input}": unexpected path`)
  return raw
}

export function brokerOptions(flags: BrokerFlagValues): BrokerOptions {
  const jetstream = flags.jetstream ?? true
  const listen = (flags.listen ?? '127.0.0.1').trim()
  if (listen === '' || /\s|\//.test(listen)) throw new UsageError(`invalid --listen "${flags.listen}": expected a host or IP address`)
  const jsDomain = flags['js-domain']
  if (jsDomain !== undefined && !/^[A-Za-z0-9_-]+$/.test(jsDomain)) {
    throw new UsageError(`invalid --js-domain "${jsDomain}": use letters, digits, "_" and "-"`)
  }
  if (!jetstream) {
    for (const flag of ['js-domain', 'max-memory', 'max-store'] as const) {
      if (flags[flag] !== undefined) throw new UsageError(`--${flag} needs JetStream: it cannot be combined with --no-jetstream`)
    }
  }
  const leafRemotes = (flags['leafnode-remote'] ?? []).map(validateLeafUrl)
  const leafCreds = flags['leafnode-creds']
  if (leafCreds !== undefined) {
    if (leafRemotes.length === 0) throw new UsageError('--leafnode-creds needs a --leafnode-remote to use it with')
    if (!existsSync(leafCreds)) throw new UsageError(`--leafnode-creds: no such file ${leafCreds}`)
  }
  const cluster = flags.cluster ?? 1
  if (!Number.isInteger(cluster) || cluster < 1 || cluster > 9) throw new UsageError(`invalid --cluster ${cluster}: expected 1 to 9 nodes`)
  if (cluster > 1) {
    if (!isLoopback(listen)) throw new UsageError('--cluster runs its nodes on loopback only: it cannot be combined with --listen')
    if (flags['leafnode-port'] !== undefined || flags.monitor !== undefined) {
      throw new UsageError('--cluster cannot be combined with --leafnode-port or --monitor (each node gets its own random ports)')
    }
  }
  const port = checkPort(flags.port, '--port')
  const leafPort = checkPort(flags['leafnode-port'], '--leafnode-port')
  const monitorPort = checkPort(flags.monitor, '--monitor')
  const used = [port, leafPort, monitorPort].filter((p) => p !== undefined)
  if (new Set(used).size !== used.length) throw new UsageError('--port, --leafnode-port and --monitor must be different ports')
  return {
    port,
    listen,
    jetstream,
    jsDomain,
    storeDir: flags['store-dir'],
    maxMemory: flags['max-memory'] === undefined ? undefined : parseSize(flags['max-memory'], 'max-memory'),
    maxStore: flags['max-store'] === undefined ? undefined : parseSize(flags['max-store'], 'max-store'),
    leafRemotes,
    leafCreds,
    leafPort,
    monitorPort,
    serverName: flags['server-name'],
    cluster,
  }
}

export function defaultOptions(): BrokerOptions {
  return brokerOptions({})
}
