// Starts real nats-server processes for tests (never a mock of the server), with the product's own broker
// code, so the tests exercise what users run: the binary lookup (src/lib/broker/binary.ts), the config
// writer (config.ts) and the process life (process.ts: spawn with the output in a log file, readiness
// through the ports file and a NATS handshake, SIGTERM then SIGKILL). A server with extra config text (TLS,
// tokens, accounts...) is ready once it greets a client: the probe may not be able to log in. Each server listens on 127.0.0.1,
// on a port nats-server picks (-1, read back from the ports file), in a temporary directory of its own.
// When nats-server is missing the tests fail with the product's install hint (they never skip silently:
// .ci/run installs it).
//
// Shapes: a single server (with or without JetStream, a domain, a monitoring port), a hub (`leafnodes: true`
// opens a leafnode port), a leaf (`leafRemotes`), and a cluster (`startCluster`).

import {type ChildProcess} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {connect as netConnect} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'

import {findNatsServer} from '../../src/lib/broker/binary.js'
import {type NodeSettings, renderConfig} from '../../src/lib/broker/config.js'
import {clearPortsDir, fileSize, type Ports, portOf, spawnServer, startFailure, stopProcess, waitForReady} from '../../src/lib/broker/process.js'

export interface TestServer {
  url: string
  port: number
  /** Leafnode listen port, when the server was started with `leafnodes: true`. */
  leafPort?: number
  /** Monitoring port, when the server was started with `monitor: true`. */
  monitorPort?: number
  /** Cluster (route) port, for a cluster node. */
  clusterPort?: number
  dir: string
  storeDir: string
  configFile: string
  logFile: string
  process: ChildProcess
  /** Stops the server (SIGTERM, then SIGKILL) and removes its directory unless `keepDir`. */
  stop(options?: {keepDir?: boolean}): Promise<void>
  /** Starts the same server again on the same ports and store (after stop({keepDir: true})). */
  restart(): Promise<void>
  /** The server's log so far. */
  log(): string
}

export interface ServerOptions {
  /** JetStream on (the default) or off. */
  jetstream?: boolean
  domain?: string
  /** Open a leafnode listen port (a free one). */
  leafnodes?: boolean
  /** Leafnode remote URLs to connect to. */
  leafRemotes?: string[]
  /** Open a monitoring port (nats-server picks it; see `monitorPort`). */
  monitor?: boolean
  /** Clients must log in with this user and password (the readiness probe uses them too). */
  auth?: {user: string; password: string}
  /** A cluster node (startCluster builds these). */
  cluster?: {name: string; port: number; routes: string[]}
  serverName?: string
  /**
   * Extra config text appended to the generated config (tls, accounts, max_payload, ...). It may ask for
   * credentials the readiness probe cannot give (a token, an nkey, a client certificate, a JWT, account
   * users), so such a server is ready once its ports file is written and it greets a client with INFO.
   */
  extraConfig?: string
  /** Fixed client port; nats-server picks a free one when absent. */
  port?: number
}

const running = new Set<TestServer>()

/** The nats-server binary, found as natsctl finds it ($NATS_SERVER_BIN, PATH, /usr/sbin). */
export function natsServerBinary(): string {
  return findNatsServer()
}

/** A free TCP port on 127.0.0.1 (for what needs a fixed port: leafnode listen, cluster routes, "nothing listens here"). */
export async function freePort(): Promise<number> {
  const {createServer} = await import('node:net')
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const binary = natsServerBinary()
  const dir = mkdtempSync(join(tmpdir(), 'natsctl-test-server-'))
  const storeDir = join(dir, 'store')
  const configFile = join(dir, 'server.conf')
  const logFile = join(dir, 'server.log')
  const leafPort = options.leafnodes ? await freePort() : undefined
  const settings: NodeSettings = {
    serverName: options.serverName ?? `test-${process.pid}-${running.size}-${Date.now() % 100_000}`,
    host: '127.0.0.1',
    port: options.port ?? -1,
    portsDir: dir,
    jetstream: options.jetstream !== false,
    jsDomain: options.domain,
    storeDir,
    leafRemotes: options.leafRemotes,
    leafPort,
    monitorPort: options.monitor ? -1 : undefined,
    auth: options.auth,
    cluster: options.cluster ? {...options.cluster, host: '127.0.0.1'} : undefined,
  }
  const writeConfig = () => writeFileSync(configFile, renderConfig(settings) + (options.extraConfig ? `${options.extraConfig}\n` : ''), {mode: 0o600})

  const server: TestServer = {
    url: '',
    port: 0,
    leafPort,
    clusterPort: options.cluster?.port,
    dir,
    storeDir,
    configFile,
    logFile,
    process: undefined as unknown as ChildProcess,
    log: () => {
      try {
        return readFileSync(logFile, 'utf8')
      } catch {
        return ''
      }
    },
    async stop({keepDir = false} = {}) {
      await stopProcess(server.process.pid!, {child: server.process})
      running.delete(server)
      if (!keepDir) rmSync(dir, {force: true, recursive: true})
    },
    async restart() {
      // The same ports as before: clients reconnect to the URL they know, leaves to the hub's leaf port.
      settings.port = server.port
      if (server.monitorPort) settings.monitorPort = server.monitorPort
      writeConfig()
      await launch()
    },
  }

  async function launch(): Promise<void> {
    clearPortsDir(dir)
    const logOffset = fileSize(logFile)
    const child = spawnServer({binary, configFile, logFile})
    server.process = child
    running.add(server)
    try {
      const ports = options.extraConfig
        ? await waitForGreeting(child, dir, logFile, logOffset)
        : await waitForReady({pid: child.pid!, child, portsDir: dir, logFile, logOffset, probeHost: '127.0.0.1', auth: options.auth})
      server.port = portOf(ports.nats[0])
      server.url = `nats://127.0.0.1:${server.port}`
      if (ports.monitoring?.length) server.monitorPort = portOf(ports.monitoring[0])
    } catch (error) {
      await stopProcess(child.pid!, {child})
      running.delete(server)
      // The product prints the log tail under the error line: a test failure shows it too.
      const {detail} = error as {detail?: string}
      throw detail ? new Error(`${(error as Error).message}\n${detail}`, {cause: error}) : error
    }
  }

  writeConfig()
  try {
    await launch()
  } catch (error) {
    rmSync(dir, {force: true, recursive: true})
    throw error
  }
  return server
}

/**
 * Readiness for a server the probe cannot log in to: its ports file is written and it greets a client with
 * INFO (what comes after depends on credentials or a TLS handshake that only the test's clients have).
 */
async function waitForGreeting(child: ChildProcess, portsDir: string, logFile: string, logOffset: number): Promise<Ports> {
  const deadline = Date.now() + 15_000
  const portsFile = join(portsDir, `nats-server_${child.pid}.ports`)
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw startFailure(logFile, 'nats-server exited during startup', logOffset)
    let ports: Ports | undefined
    try {
      ports = JSON.parse(readFileSync(portsFile, 'utf8')) as Ports
    } catch {}
    if (ports?.nats?.length && (await greets(portOf(ports.nats[0])))) return ports
    await sleep(20)
  }
  throw startFailure(logFile, 'nats-server did not greet a client in 15s', logOffset)
}

function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({host: '127.0.0.1', port})
    let text = ''
    const done = (ok: boolean) => {
      clearTimeout(timer)
      socket.destroy()
      resolve(ok)
    }
    const timer = setTimeout(() => done(false), 2000)
    socket.setEncoding('utf8')
    socket.on('error', () => done(false))
    socket.on('data', (chunk: string) => {
      text += chunk
      if (text.includes('\r\n')) done(text.startsWith('INFO '))
    })
  })
}

/**
 * A cluster of `size` JetStream nodes (named n1..nN) routed to each other, started together. The JetStream
 * meta group elects a leader a few seconds after the routes connect: tests retry their first request.
 */
export async function startCluster(size = 3, options: Omit<ServerOptions, 'cluster' | 'serverName'> & {name?: string} = {}): Promise<TestServer[]> {
  const routePorts = await Promise.all(Array.from({length: size}, () => freePort()))
  const routes = routePorts.map((port) => `nats-route://127.0.0.1:${port}`)
  const {name = 'c1', ...rest} = options
  return Promise.all(routePorts.map((port, i) => startServer({...rest, cluster: {name, port, routes}, serverName: `n${i + 1}`})))
}

/** Stops every server still running (for an `after` hook, so a failed test leaves no orphans). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()))
}

// Last resort: a test file that throws before its `after` hook, or that the runner stops (a timeout sends
// SIGTERM), must not leave servers behind.
process.once('exit', () => {
  for (const server of running) server.process.kill('SIGKILL')
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const server of running) server.process.kill('SIGKILL')
    // once() removed this handler: the signal again takes its default action and ends the process.
    process.kill(process.pid, signal)
  })
}
