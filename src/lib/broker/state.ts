// Where a named broker keeps its files, and its state file. Cheap to import: the embedded default's fast
// path (a running broker) is read the state file, check the pid, return.
//   $XDG_STATE_HOME/natsctl/NAME/   state.json, server.conf (0600), server.log, ports/   (default ~/.local/state)
//   $XDG_DATA_HOME/natsctl/NAME/    the JetStream store                                   (default ~/.local/share)

import {existsSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'

import {writeFileAtomic} from '../contexts.js'
import {UsageError} from '../errors.js'

type Env = NodeJS.ProcessEnv

export interface NodeState {
  /** The node's server_name (absent in state files written before it was recorded). */
  name?: string
  pid: number
  url: string
  port: number
  configFile: string
  logFile: string
  /** Size of the log when this node started: its own lines come after. */
  logOffset?: number
  portsDir: string
  storeDir: string
  monitorUrl?: string
  clusterPort?: number
}

export interface BrokerState {
  name: string
  /** background: `broker start` (detached); foreground: `broker run`, owned by ownerPid. */
  mode: 'background' | 'foreground'
  ownerPid?: number
  nodes: NodeState[]
  /** Client URLs as a client on this machine uses them. */
  urls: string[]
  host: string
  jetstream: boolean
  jsDomain?: string
  storeDir: string
  /** The store dir was given with --store-dir (then --clean removes only what nats-server made in it). */
  customStoreDir?: boolean
  leafRemotes: string[]
  leafPort?: number
  user?: string
  password?: string
  /** The system account's user (absent for brokers started before natsctl set one up). */
  systemUser?: string
  systemPassword?: string
  startedAt: string
  serverName: string
}

function base(env: Env, variable: string, fallback: string): string {
  const value = env[variable]
  return value && value.trim() !== '' ? value : join(homedir(), fallback)
}

export function stateRoot(env: Env = process.env): string {
  return join(base(env, 'XDG_STATE_HOME', '.local/state'), 'natsctl')
}

function dataRoot(env: Env = process.env): string {
  return join(base(env, 'XDG_DATA_HOME', '.local/share'), 'natsctl')
}

export function validateBrokerName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name) || name.length > 64) {
    throw new UsageError(`invalid broker name "${name}": use letters, digits, ".", "_" and "-" (up to 64)`)
  }
}

export function brokerDir(name: string, env: Env = process.env): string {
  return join(stateRoot(env), name)
}

export function defaultStoreDir(name: string, env: Env = process.env): string {
  return join(dataRoot(env), name)
}

export function statePath(name: string, env: Env = process.env): string {
  return join(brokerDir(name, env), 'state.json')
}

export function readState(name: string, env: Env = process.env): BrokerState | undefined {
  let text: string
  try {
    text = readFileSync(statePath(name, env), 'utf8')
  } catch {
    return undefined
  }
  try {
    return JSON.parse(text) as BrokerState
  } catch {
    return undefined
  }
}

export function writeState(state: BrokerState, env: Env = process.env): void {
  writeFileAtomic(statePath(state.name, env), JSON.stringify(state, null, 2) + '\n', 0o600)
}

export function removeState(name: string, env: Env = process.env): void {
  rmSync(statePath(name, env), {force: true})
}

/** Names of brokers that have a state file (running, or left behind by a killed `broker run`). */
export function listStateNames(env: Env = process.env): string[] {
  const root = stateRoot(env)
  if (!existsSync(root)) return []
  return readdirSync(root, {withFileTypes: true})
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'state.json')))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b))
}

/** Names of every broker natsctl has a state directory for, running or not (`broker stop --all`). */
export function listBrokerNames(env: Env = process.env): string[] {
  const root = stateRoot(env)
  if (!existsSync(root)) return []
  return readdirSync(root, {withFileTypes: true})
    .filter((entry) => entry.isDirectory() && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(entry.name))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b))
}
