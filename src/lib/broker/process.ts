// The life of one nats-server process: spawn it with a config file (its output appended to a log file),
// wait until it accepts a NATS handshake, and stop it (SIGTERM, wait, then SIGKILL). Shared by the named
// brokers, the ephemeral broker of `bench --embedded`, and the tests.

import {type ChildProcess, spawn} from 'node:child_process'
import {closeSync, existsSync, openSync, readFileSync, readdirSync, rmSync, statSync} from 'node:fs'
import {connect as netConnect} from 'node:net'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'

import {NatsctlError} from '../errors.js'
import {isAlive} from './alive.js'

export {isAlive, isNatsServer} from './alive.js'

interface SpawnOptions {
  binary: string
  configFile: string
  logFile: string
  /** Detached: its own session, so it outlives natsctl (broker start). */
  detached?: boolean
}

/** Starts nats-server with its stdout and stderr appended to logFile. */
export function spawnServer(options: SpawnOptions): ChildProcess {
  const fd = openSync(options.logFile, 'a', 0o600)
  try {
    const child = spawn(options.binary, ['-c', options.configFile], {
      detached: options.detached ?? false,
      stdio: ['ignore', fd, fd],
    })
    if (options.detached) child.unref()
    // A spawn failure (EACCES...) arrives as an event; readiness reports it through the exit check.
    child.on('error', () => {})
    return child
  } finally {
    closeSync(fd)
  }
}

/** The last lines of a log file, for error messages. */
function logTail(logFile: string, lines = 15, fromOffset = 0): string {
  try {
    const text = readFileSync(logFile).subarray(fromOffset).toString('utf8')
    return text.trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return ''
  }
}

export interface Ports {
  /** Client URLs as nats-server reports them. */
  nats: string[]
  monitoring?: string[]
  cluster?: string[]
}

interface ReadyOptions {
  pid: number
  /** When the process is our child, its exit ends the wait at once. */
  child?: ChildProcess
  portsDir: string
  logFile: string
  /** Host to probe (127.0.0.1 when the server listens on every address). */
  probeHost: string
  auth?: {user: string; password: string}
  timeoutMs?: number
  /** Where this start's lines begin in the (appended) log, so errors quote only them. */
  logOffset?: number
}

/**
 * Waits until nats-server has written its ports file and answers a NATS handshake (CONNECT + PING -> PONG).
 * On failure throws one line naming the cause, followed by the tail of the server log.
 */
export async function waitForReady(options: ReadyOptions): Promise<Ports> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000)
  const portsFile = join(options.portsDir, `nats-server_${options.pid}.ports`)
  let ports: Ports | undefined
  let lastError = 'no ports file yet'
  while (Date.now() < deadline) {
    const exited = options.child ? options.child.exitCode !== null || options.child.signalCode !== null : !isAlive(options.pid)
    if (exited) throw startFailure(options.logFile, 'nats-server exited during startup', options.logOffset)
    if (!ports && existsSync(portsFile)) {
      try {
        ports = JSON.parse(readFileSync(portsFile, 'utf8')) as Ports
        if (!ports.nats?.length) ports = undefined
      } catch {
        ports = undefined
      }
    }
    if (ports) {
      const port = portOf(ports.nats[0])
      try {
        await probe(options.probeHost, port, options.auth)
        return ports
      } catch (error) {
        lastError = (error as Error).message
      }
    }
    await sleep(ports ? 50 : 15)
  }
  throw startFailure(
    options.logFile,
    `nats-server did not become ready in ${Math.round((options.timeoutMs ?? 15_000) / 1000)}s (${lastError})`,
    options.logOffset,
  )
}

export function portOf(url: string): number {
  return Number(new URL(url).port)
}

/** Builds the error for a failed start: the cause in one line (from the log's fatal line when there is one), the log tail under it. */
export function startFailure(logFile: string, fallback: string, fromOffset = 0): NatsctlError {
  const tail = logTail(logFile, 15, fromOffset)
  const fatal = tail
    .split('\n')
    .reverse()
    .find((line) => /\[(FTL|ERR)\]/.test(line))
  let cause = fallback
  if (fatal) {
    const text = fatal.replace(/^\[\d+\] \S+ \S+ \[(FTL|ERR)\] /, '')
    if (/address already in use/.test(text)) {
      const port = /:(\d+)[,"]/.exec(text)?.[1]
      cause = `port ${port ?? ''} is already in use`.replace('  ', ' ')
    } else if (/permission denied|read-only file system/i.test(text)) {
      cause = `nats-server cannot write: ${text}`
    } else cause = `nats-server failed: ${text}`
  }
  return new NatsctlError(cause, tail ? {detail: `--- last lines of ${logFile} ---\n${tail}`} : {})
}

/** One NATS handshake: wait for INFO, send CONNECT + PING, expect PONG (-ERR fails). */
function probe(host: string, port: number, auth?: {user: string; password: string}, timeoutMs = 2000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({host, port})
    let buffer = ''
    let sent = false
    const finish = (error?: Error) => {
      clearTimeout(timer)
      socket.destroy()
      if (error) reject(error)
      else resolve()
    }
    const timer = setTimeout(() => finish(new Error('handshake timed out')), timeoutMs)
    socket.setEncoding('utf8')
    socket.on('error', (error) => finish(error))
    socket.on('data', (chunk: string) => {
      buffer += chunk
      if (!sent && buffer.includes('\r\n')) {
        if (!buffer.startsWith('INFO ')) return finish(new Error(`unexpected greeting: ${buffer.slice(0, 40)}`))
        sent = true
        const connect = {verbose: false, pedantic: false, name: 'natsctl-probe', ...(auth ? {user: auth.user, pass: auth.password} : {})}
        socket.write(`CONNECT ${JSON.stringify(connect)}\r\nPING\r\n`)
        buffer = buffer.slice(buffer.indexOf('\r\n') + 2)
      }
      if (sent) {
        if (buffer.includes('-ERR')) finish(new Error(buffer.trim()))
        else if (buffer.includes('PONG\r\n')) finish()
      }
    })
  })
}

/** Stops a process: SIGTERM, wait up to graceMs (JetStream flushes its store), then SIGKILL. */
export async function stopProcess(pid: number, options: {child?: ChildProcess; graceMs?: number} = {}): Promise<void> {
  const {child} = options
  const gone = () => (child ? child.exitCode !== null || child.signalCode !== null : !isAlive(pid))
  if (gone()) return
  const exited = child ? new Promise<void>((resolve) => child.once('exit', () => resolve())) : undefined
  try {
    process.kill(pid, 'SIGTERM')
  } catch {
    return
  }
  const deadline = Date.now() + (options.graceMs ?? 10_000)
  while (!gone() && Date.now() < deadline) {
    if (exited) await Promise.race([exited, sleep(50)])
    else await sleep(25)
  }
  if (!gone()) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {}
    const killDeadline = Date.now() + 5000
    while (!gone() && Date.now() < killDeadline) await sleep(25)
  }
}

/** Removes stale ports files (a restarted server may get the same pid). */
export function clearPortsDir(portsDir: string): void {
  if (!existsSync(portsDir)) return
  for (const file of readdirSync(portsDir)) if (file.endsWith('.ports')) rmSync(join(portsDir, file), {force: true})
}

export function fileSize(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}
