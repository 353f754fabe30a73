// Named brokers: start (in the foreground for `broker run`, detached for `broker start` and the embedded
// default), find, adopt, stop. State lives in state.ts's files; the process work is process.ts's.

import {type ChildProcess} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {accessSync, constants, mkdirSync, rmSync, statSync, writeFileSync, chmodSync} from 'node:fs'
import {createServer} from 'node:net'
import {join, resolve} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'

import {contextExists, loadContext, maskUrlCredentials, removeContext, selectContext, updateContext} from '../contexts.js'
import {fileProblem, NatsctlError} from '../errors.js'
import {findNatsServer} from './binary.js'
import {renderConfig} from './config.js'
import {acceptedLeafnodes, type LeafStatus, leafStatus, waitForLeafnodes} from './leafz.js'
import {serversUsingDir} from './alive.js'
import {acquireLock} from './lock.js'
import {type BrokerOptions, defaultPort, isLoopback} from './options.js'
import {clearPortsDir, fileSize, isNatsServer, portOf, spawnServer, startFailure, stopProcess, waitForReady} from './process.js'
import {
  type BrokerState,
  brokerDir,
  defaultStoreDir,
  listStateNames,
  type NodeState,
  readState,
  removeState,
  validateBrokerName,
  writeState,
} from './state.js'

type Env = NodeJS.ProcessEnv
type Status = (message: string) => void

/** What a state file says about its broker right now. */
type Liveness =
  | {kind: 'none'}
  | {kind: 'running'; state: BrokerState}
  /** A `broker run` was killed without cleanup; its nats-server still runs. */
  | {kind: 'orphaned'; state: BrokerState}
  /** The state file is left over; no process runs. */
  | {kind: 'dead'; state: BrokerState}

export function liveNodes(state: BrokerState): NodeState[] {
  return state.nodes.filter((node) => isNatsServer(node.pid, node.configFile))
}

function inspect(name: string, env: Env = process.env): Liveness {
  const state = readState(name, env)
  if (!state) return {kind: 'none'}
  if (liveNodes(state).length === 0) return {kind: 'dead', state}
  if (state.mode === 'foreground' && state.ownerPid && !isOwnerAlive(state.ownerPid)) return {kind: 'orphaned', state}
  return {kind: 'running', state}
}

function isOwnerAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Resolves stale state: a dead broker's state file is removed; an orphaned `broker run` broker is adopted
 * (it becomes a background broker `broker stop` can stop). Returns the running state, if any.
 */
export function settle(name: string, env: Env = process.env, status?: Status): {state?: BrokerState; adopted: boolean} {
  const found = inspect(name, env)
  if (found.kind === 'none') return {adopted: false}
  if (found.kind === 'dead') {
    removeState(name, env)
    return {adopted: false}
  }
  if (found.kind === 'orphaned') {
    const state: BrokerState = {...found.state, mode: 'background', ownerPid: undefined}
    writeState(state, env)
    status?.(`Adopted broker "${name}" (pid ${state.nodes.map((n) => n.pid).join(', ')}), left running by a \`broker run\` that was killed`)
    return {state, adopted: true}
  }
  return {state: found.state, adopted: false}
}

interface StartOptions {
  mode: 'background' | 'foreground'
  status: Status
  env?: Env
  /** Select the broker's context. */
  select?: boolean
  /** How long to wait for leafnode remotes to connect before printing the banner. */
  leafWaitMs?: number
  /** Started as the embedded default (an error then also names --server). */
  embedded?: boolean
}

interface StartResult {
  state: BrokerState
  /** The running nats-server children (foreground mode). */
  children: ChildProcess[]
  alreadyRunning: boolean
  adopted: boolean
  leafs: LeafStatus[]
  contextPath: string
}

export async function startBroker(name: string, options: BrokerOptions, start: StartOptions): Promise<StartResult> {
  validateBrokerName(name)
  const env = start.env ?? process.env
  const binary = findNatsServer(env)
  const release = await acquireLock(name, env)
  try {
    checkContextsOurs(name, env, start.embedded ?? false)
    const found = inspect(name, env)
    await stopStrays(name, env, found.kind === 'none' ? [] : found.state.nodes.map((node) => node.pid), start.status)
    if (found.kind === 'running' && start.mode === 'background' && liveNodes(found.state).length < found.state.nodes.length) {
      // A cluster with a node down: start the missing nodes again (same config, store and cluster ports).
      const state = await restartMissingNodes(found.state, start, env)
      const leafs = await leafStatus(state.nodes[0].monitorUrl, state.leafRemotes)
      return finishContext(state, {alreadyRunning: true, adopted: false, children: [], leafs}, start, env)
    }
    if (found.kind === 'running') {
      if (start.mode === 'foreground') {
        throw new NatsctlError(
          `broker "${name}" is already running (pid ${found.state.nodes[0].pid}) at ${found.state.urls.join(',')}: stop it first with \`natsctl broker stop ${name}\``,
        )
      }
      const leafs = await leafStatus(found.state.nodes[0].monitorUrl, found.state.leafRemotes)
      return finishContext(found.state, {alreadyRunning: true, adopted: false, children: [], leafs}, start, env)
    }
    if (found.kind === 'orphaned') {
      if (start.mode === 'background') {
        const {state} = settle(name, env, start.status)
        const leafs = await leafStatus(state!.nodes[0].monitorUrl, state!.leafRemotes)
        return finishContext(state!, {alreadyRunning: true, adopted: true, children: [], leafs}, start, env)
      }
      start.status(`Stopping the nats-server (pid ${found.state.nodes.map((n) => n.pid).join(', ')}) left running by a killed \`broker run ${name}\``)
      await stopNodes(found.state)
      removeState(name, env)
    }
    if (found.kind === 'dead') removeState(name, env)

    const state = await launch(name, binary, options, start, env)
    const leafs = options.leafRemotes.length ? await waitForLeafnodes(state.nodes[0].monitorUrl, options.leafRemotes, start.leafWaitMs ?? 5000) : []
    return finishContext(state, {alreadyRunning: false, adopted: false, children: launchedChildren.splice(0), leafs}, start, env)
  } finally {
    release()
  }
}

// The children of the last launch (kept out of BrokerState, which is plain data written to disk).
const launchedChildren: ChildProcess[] = []

function finishContext(state: BrokerState, result: Omit<StartResult, 'contextPath' | 'state'>, start: StartOptions, env: Env): StartResult {
  updateContext(
    state.name,
    {
      description: brokerContextDescription(state.name),
      [BROKER_MARK]: state.name,
      url: state.urls.join(','),
      user: state.user ?? '',
      password: state.password ?? '',
      jetstream_domain: state.jsDomain ?? '',
    },
    env,
  )
  if (state.systemUser && state.systemPassword) {
    updateContext(
      systemContextName(state.name),
      {
        description: systemContextDescription(state.name),
        [BROKER_MARK]: state.name,
        url: state.urls.join(','),
        user: state.systemUser,
        password: state.systemPassword,
      },
      env,
    )
  }
  if (start.select) selectContext(state.name, env)
  return {...result, state, contextPath: loadContext(state.name, env).path}
}

async function launch(
  name: string,
  binary: string,
  options: BrokerOptions,
  start: StartOptions,
  env: Env,
  avoidDefaultPort = false,
): Promise<BrokerState> {
  const dir = brokerDir(name, env)
  mkdirSync(dir, {recursive: true, mode: 0o700})
  const storeDir = options.storeDir ?? defaultStoreDir(name, env)
  if (options.jetstream) checkStoreFree(name, storeDir, env)
  checkWritable(storeDir)

  const auth = isLoopback(options.listen) ? undefined : credentialsFor(name, env)
  // The system account (server ls, server report): its own user, whatever the listen address. On loopback
  // a client without credentials becomes the anonymous user of the global account, as before.
  const system = systemCredentialsFor(name, env)
  const anonymous = auth ? undefined : {user: 'natsctl', password: randomBytes(18).toString('base64url')}
  const probeHost = isLoopback(options.listen) || options.listen === 'localhost' ? options.listen : '127.0.0.1'
  const urlHost = ['0.0.0.0', '::', '[::]'].includes(options.listen) ? '127.0.0.1' : options.listen
  const serverName = options.serverName ?? name
  const logFile = (i: number) => join(dir, options.cluster > 1 ? `server-${i + 1}.log` : 'server.log')

  const usualPort = defaultPort(env)
  let port = options.port
  if (port === undefined) {
    port = !avoidDefaultPort && (await portFree(options.listen, usualPort)) ? usualPort : -1
  } else if (!(await portFree(options.listen, port))) {
    throw new NatsctlError(`port ${port} is already in use on ${options.listen}: pick another --port, or leave it out for a free one`)
  }
  if (options.leafPort !== undefined && !(await portFree(options.listen, options.leafPort))) {
    throw new NatsctlError(`leafnode port ${options.leafPort} is already in use on ${options.listen}`)
  }
  if (options.monitorPort !== undefined && !(await portFree(options.listen, options.monitorPort))) {
    throw new NatsctlError(`monitor port ${options.monitorPort} is already in use on ${options.listen}`)
  }
  const clusterPorts = options.cluster > 1 ? await Promise.all(Array.from({length: options.cluster}, () => randomFreePort())) : []

  const children: ChildProcess[] = []
  const nodes: NodeState[] = []
  const stopStarted = async () => {
    await Promise.all(children.map((child) => stopProcess(child.pid!, {child, graceMs: 5000})))
  }
  try {
    for (let i = 0; i < options.cluster; i++) {
      const clustered = options.cluster > 1
      const portsDir = join(dir, clustered ? `ports-${i + 1}` : 'ports')
      mkdirSync(portsDir, {recursive: true, mode: 0o700})
      clearPortsDir(portsDir)
      const nodeStore = clustered ? join(storeDir, `node-${i + 1}`) : storeDir
      const configFile = join(dir, clustered ? `server-${i + 1}.conf` : 'server.conf')
      const nodePort = i === 0 ? port : -1
      const config = renderConfig({
        serverName: clustered ? `${serverName}-${i + 1}` : serverName,
        host: options.listen,
        port: nodePort,
        portsDir,
        jetstream: options.jetstream,
        jsDomain: options.jsDomain,
        storeDir: nodeStore,
        maxMemory: options.maxMemory,
        maxStore: options.maxStore,
        leafRemotes: options.leafRemotes,
        leafCreds: options.leafCreds,
        leafPort: options.leafPort,
        // Always a monitoring port (random, loopback) so status can ask /leafz and /jsz.
        monitorHost: options.monitorPort === undefined ? '127.0.0.1' : options.listen,
        monitorPort: options.monitorPort ?? -1,
        auth,
        system,
        anonymous,
        cluster: clustered
          ? {
              name: serverName,
              host: '127.0.0.1',
              port: clusterPorts[i],
              routes: clusterPorts.filter((_, j) => j !== i).map((p) => `nats-route://127.0.0.1:${p}`),
            }
          : undefined,
      })
      writeFileSync(configFile, config, {mode: 0o600})
      chmodSync(configFile, 0o600)
      const log = logFile(i)
      writeFileSync(log, '', {flag: 'a', mode: 0o600})
      const logOffset = fileSize(log)
      const child = spawnServer({binary, configFile, logFile: log, detached: start.mode === 'background'})
      children.push(child)
      nodes.push({
        name: clustered ? `${serverName}-${i + 1}` : serverName,
        pid: child.pid!,
        url: '',
        port: 0,
        configFile,
        logFile: log,
        logOffset,
        portsDir,
        storeDir: nodeStore,
        clusterPort: clusterPorts[i],
      })
    }
    for (const [i, node] of nodes.entries()) {
      const ports = await waitForReady({
        pid: node.pid,
        child: children[i],
        portsDir: node.portsDir,
        logFile: node.logFile,
        logOffset: node.logOffset,
        probeHost,
        auth,
      })
      node.port = portOf(ports.nats[0])
      node.url = `nats://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${node.port}`
      node.monitorUrl = ports.monitoring?.[0]?.replace('0.0.0.0', '127.0.0.1')
    }
    if (options.cluster > 1 && options.jetstream) await waitForMetaLeader(nodes)
  } catch (error) {
    await stopStarted()
    if (
      !avoidDefaultPort &&
      options.port === undefined &&
      port === usualPort &&
      error instanceof NatsctlError &&
      error.message.startsWith(`port ${usualPort} is already in use`)
    ) {
      // Someone took the default port between the check and the start: use a random port instead.
      return launch(name, binary, options, start, env, true)
    }
    throw error
  }
  if (options.port === undefined && port !== usualPort) {
    start.status(`Port ${usualPort} is in use: broker "${name}" listens on port ${nodes[0].port} instead`)
  }
  launchedChildren.splice(0, launchedChildren.length, ...children)
  const state: BrokerState = {
    name,
    mode: start.mode,
    ownerPid: start.mode === 'foreground' ? process.pid : undefined,
    nodes,
    urls: nodes.map((n) => n.url),
    host: options.listen,
    jetstream: options.jetstream,
    jsDomain: options.jsDomain,
    storeDir,
    customStoreDir: options.storeDir !== undefined,
    leafRemotes: options.leafRemotes,
    leafPort: options.leafPort,
    user: auth?.user,
    password: auth?.password,
    systemUser: system.user,
    systemPassword: system.password,
    startedAt: new Date().toISOString(),
    serverName,
  }
  writeState(state, env)
  return state
}

/** Reuses the credentials already in the broker's context (clients keep working), else makes new ones. */
function credentialsFor(name: string, env: Env): {user: string; password: string} {
  if (contextExists(name, env)) {
    const {settings} = loadContext(name, env)
    if (typeof settings.user === 'string' && settings.user && typeof settings.password === 'string' && settings.password.length >= 22) {
      return {user: settings.user, password: settings.password}
    }
  }
  // 192 random bits of password; the user name is random too so it reveals nothing.
  return {user: `natsctl-${randomBytes(6).toString('hex')}`, password: randomBytes(24).toString('base64url')}
}

/**
 * The field natsctl writes into the contexts of its brokers (natscli ignores fields it does not know). With
 * the description natsctl writes (which natscli keeps when it rewrites a file and drops the field), it
 * tells natsctl's contexts from the user's: a broker never changes or removes a context natsctl did not write.
 */
const BROKER_MARK = 'natsctl_broker'

function brokerContextDescription(name: string): string {
  return `natsctl embedded broker "${name}"`
}

function systemContextDescription(name: string): string {
  return `natsctl broker "${name}": its system account (server ls, server report)`
}

/** Whether a context is absent, written by natsctl for broker `name`, or someone else's. */
function contextOwner(context: string, name: string, description: string, env: Env): 'absent' | 'ours' | 'theirs' {
  if (!contextExists(context, env)) return 'absent'
  try {
    const {settings} = loadContext(context, env)
    return settings[BROKER_MARK] === name || settings.description === description ? 'ours' : 'theirs'
  } catch {
    return 'theirs'
  }
}

/** The contexts broker `name` writes, with the description natsctl gives each. */
function brokerContexts(name: string): Array<[string, string]> {
  return [
    [name, brokerContextDescription(name)],
    [systemContextName(name), systemContextDescription(name)],
  ]
}

function checkContextsOurs(name: string, env: Env, embedded: boolean): void {
  for (const [context, description] of brokerContexts(name)) {
    if (contextOwner(context, name, description, env) !== 'theirs') continue
    const instead = embedded ? `give a server with --server (or select a context), ` : `use another broker name, `
    throw new NatsctlError(
      `context "${context}" exists and natsctl did not write it: broker "${name}" would overwrite it, so natsctl stops here. ` +
        `To go on, ${instead}or rename your context first (natsctl context copy ${context} NEW_NAME, then natsctl context rm ${context} --force)`,
    )
  }
}

/** The context holding a broker's system account user: `NAME_system`, as natscli's `server run` named it. */
function systemContextName(name: string): string {
  return `${name}_system`
}

/** Reuses the system user of the broker's `NAME_system` context, else makes a new one. */
function systemCredentialsFor(name: string, env: Env): {user: string; password: string} {
  const contextName = systemContextName(name)
  if (contextExists(contextName, env)) {
    const {settings} = loadContext(contextName, env)
    if (typeof settings.user === 'string' && settings.user && typeof settings.password === 'string' && settings.password.length >= 22) {
      return {user: settings.user, password: settings.password}
    }
  }
  return {user: 'system', password: randomBytes(24).toString('base64url')}
}

/**
 * Starts the nodes of a cluster that are not running (killed, crashed) from their own config files, so they
 * rejoin with the same name, cluster port and store. Client ports chosen at random may change: the state and
 * the contexts get the new URLs.
 */
async function restartMissingNodes(state: BrokerState, start: StartOptions, env: Env): Promise<BrokerState> {
  const probeHost = isLoopback(state.host) || state.host === 'localhost' ? state.host : '127.0.0.1'
  const urlHost = ['0.0.0.0', '::', '[::]'].includes(state.host) ? '127.0.0.1' : state.host
  const auth = state.user && state.password ? {user: state.user, password: state.password} : undefined
  const binary = findNatsServer(env)
  const nodes = state.nodes.map((node) => ({...node}))
  for (const [i, node] of nodes.entries()) {
    if (isNatsServer(node.pid, node.configFile)) continue
    const label = node.name ?? `node ${i + 1}`
    start.status(`Starting ${label} of broker "${state.name}" again (it was not running)`)
    clearPortsDir(node.portsDir)
    writeFileSync(node.logFile, '', {flag: 'a', mode: 0o600})
    node.logOffset = fileSize(node.logFile)
    const child = spawnServer({binary, configFile: node.configFile, logFile: node.logFile, detached: true})
    node.pid = child.pid!
    const ports = await waitForReady({
      pid: node.pid,
      child,
      portsDir: node.portsDir,
      logFile: node.logFile,
      logOffset: node.logOffset,
      probeHost,
      auth,
    })
    node.port = portOf(ports.nats[0])
    node.url = `nats://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${node.port}`
    node.monitorUrl = ports.monitoring?.[0]?.replace('0.0.0.0', '127.0.0.1')
  }
  const updated: BrokerState = {...state, nodes, urls: nodes.map((n) => n.url)}
  writeState(updated, env)
  if (updated.jetstream && nodes.length > 1) await waitForMetaLeader(nodes)
  return updated
}

function checkWritable(dir: string): void {
  try {
    mkdirSync(dir, {recursive: true, mode: 0o700})
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), {code: 'ENOTDIR'})
    accessSync(dir, constants.W_OK)
    const probe = join(dir, `.natsctl-write-test-${process.pid}`)
    writeFileSync(probe, '')
    rmSync(probe, {force: true})
  } catch (error) {
    throw new NatsctlError(`cannot write the store directory ${dir}: ${fileProblem(error)}`, {cause: error})
  }
}

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen({host: host === 'localhost' ? '127.0.0.1' : host, port, exclusive: true}, () => server.close(() => resolve(true)))
  })
}

function randomFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** A clustered JetStream is usable once the meta group has a leader (asked through /jsz). */
async function waitForMetaLeader(nodes: NodeState[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    for (const node of nodes) {
      try {
        const response = await fetch(`${node.monitorUrl}/jsz`, {signal: AbortSignal.timeout(1000)})
        const jsz = (await response.json()) as {meta_cluster?: {leader?: string; cluster_size?: number}}
        if (jsz.meta_cluster?.leader) return
      } catch {}
    }
    await sleep(200)
  }
  throw startFailure(nodes[0].logFile, `the cluster did not elect a JetStream leader in ${timeoutMs / 1000}s`, nodes[0].logOffset)
}

/**
 * Stops the nats-servers running with a config file of broker `name` that its state does not list (`tracked`):
 * a natsctl killed between starting a server and recording it leaves one. They are stopped, never adopted:
 * their credentials and ports were never recorded. Returns their pids.
 */
async function stopStrays(name: string, env: Env, tracked: number[], status?: Status): Promise<number[]> {
  const strays = serversUsingDir(brokerDir(name, env)).filter((pid) => !tracked.includes(pid))
  if (strays.length === 0) return []
  status?.(
    `Stopping the nats-server (pid ${strays.join(', ')}) of broker "${name}" that natsctl had not recorded (its natsctl was killed while starting it)`,
  )
  await Promise.all(strays.map((pid) => stopProcess(pid)))
  return strays
}

/** A store directory one running broker uses is never given to a second one (two servers on one store corrupt it). */
function checkStoreFree(name: string, storeDir: string, env: Env): void {
  const within = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`)
  for (const other of listStateNames(env)) {
    if (other === name) continue
    const state = readState(other, env)
    if (state && liveNodes(state).length > 0 && within(resolve(state.storeDir), resolve(storeDir))) {
      throw new NatsctlError(
        `the store directory ${storeDir} is in use by broker "${other}": give this broker another --store-dir, or stop "${other}" first`,
      )
    }
  }
}

export async function stopNodes(state: BrokerState): Promise<number[]> {
  const alive = liveNodes(state)
  await Promise.all(alive.map((node) => stopProcess(node.pid)))
  return alive.map((node) => node.pid)
}

export interface StopResult {
  name: string
  stopped: boolean
  pids: number[]
}

export async function stopBroker(name: string, env: Env = process.env): Promise<StopResult> {
  validateBrokerName(name)
  const release = await acquireLock(name, env)
  try {
    const state = readState(name, env)
    const strays = await stopStrays(name, env, state ? state.nodes.map((node) => node.pid) : [])
    if (!state) return {name, stopped: strays.length > 0, pids: strays}
    const pids = [...(await stopNodes(state)), ...strays]
    removeState(name, env)
    return {name, stopped: pids.length > 0, pids}
  } finally {
    release()
  }
}

/** `--clean`: the broker's data, state directory and context go. */
export function cleanBroker(state: BrokerState, env: Env = process.env): {kept: string[]} {
  // A --store-dir the user chose may hold other things: remove only what nats-server created there.
  if (state.customStoreDir) {
    for (const node of state.nodes) rmSync(join(node.storeDir, 'jetstream'), {force: true, recursive: true})
  } else rmSync(state.storeDir, {force: true, recursive: true})
  rmSync(brokerDir(state.name, env), {force: true, recursive: true})
  const kept: string[] = []
  for (const [context, description] of brokerContexts(state.name)) {
    const owner = contextOwner(context, state.name, description, env)
    if (owner === 'ours') removeContext(context, env)
    else if (owner === 'theirs') kept.push(context)
  }
  return {kept}
}

/** A plain description of a broker for status, ls and --json (never the password). */
export interface BrokerInfo {
  name: string
  running: boolean
  pid?: number
  pids: number[]
  mode?: string
  url?: string
  urls: string[]
  jetstream?: boolean
  jsDomain?: string
  storeDir?: string
  context: string
  auth: boolean
  startedAt?: string
  uptimeMs?: number
  leafnodes: LeafStatus[]
  /** Leafnode connections other servers made into this broker (a hub's leafs). */
  leafnodesAccepted: number
  /** Every node, running or not (one for a single broker). */
  nodes: Array<{name: string; pid: number; url: string; running: boolean}>
  nodesRunning: number
  /** Names of the nodes that are not running. */
  missing: string[]
  /** The context with the system account's user (`NAME_system`), when the broker has one. */
  systemContext?: string
  logFile?: string
}

export async function describe(name: string, state: BrokerState | undefined): Promise<BrokerInfo> {
  if (!state) {
    return {
      name,
      running: false,
      pids: [],
      urls: [],
      context: name,
      auth: false,
      leafnodes: [],
      leafnodesAccepted: 0,
      nodes: [],
      nodesRunning: 0,
      missing: [],
    }
  }
  const alive = liveNodes(state)
  const [leafnodes, leafnodesAccepted] = await Promise.all([
    alive.length
      ? leafStatus(alive[0].monitorUrl, state.leafRemotes)
      : state.leafRemotes.map((url) => ({url: maskUrlCredentials(url), connected: false})),
    acceptedLeafnodes(
      alive.map((node) => node.monitorUrl),
      state.leafRemotes,
    ),
  ])
  const nodes = state.nodes.map((node, i) => ({
    name: node.name ?? (state.nodes.length > 1 ? `${state.serverName}-${i + 1}` : state.serverName),
    pid: node.pid,
    url: node.url,
    running: alive.includes(node),
  }))
  return {
    name,
    running: alive.length > 0,
    pid: state.nodes[0]?.pid,
    pids: alive.map((n) => n.pid),
    mode: state.mode,
    url: state.urls.join(','),
    urls: state.urls,
    jetstream: state.jetstream,
    jsDomain: state.jsDomain,
    storeDir: state.storeDir,
    context: name,
    auth: Boolean(state.user),
    startedAt: state.startedAt,
    uptimeMs: Date.now() - Date.parse(state.startedAt),
    leafnodes,
    leafnodesAccepted,
    nodes,
    nodesRunning: alive.length,
    missing: nodes.filter((node) => !node.running).map((node) => node.name),
    systemContext: state.systemUser ? systemContextName(name) : undefined,
    logFile: state.nodes[0]?.logFile,
  }
}
