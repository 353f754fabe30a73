// Starts real nats-server processes for tests: on 127.0.0.1, random ports (-p -1 and a ports file), a
// temporary directory each, and stops them. Never a mock of the server. When nats-server is missing the
// tests fail with the install command (they never skip silently: .ci/run installs it).

import {type ChildProcess, spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'

export interface TestServer {
  url: string
  port: number
  /** Leafnode listen port, when the server was started with `leafnodes: true`. */
  leafPort?: number
  dir: string
  storeDir: string
  process: ChildProcess
  /** Stops the server (SIGTERM, then SIGKILL) and removes its directory unless `keepDir`. */
  stop(options?: {keepDir?: boolean}): Promise<void>
  /** Starts the same server again on the same ports and store (after stop({keepDir: true})). */
  restart(): Promise<void>
  log(): string
}

export interface ServerOptions {
  jetstream?: boolean
  domain?: string
  /** Open a leafnode listen port (random). */
  leafnodes?: boolean
  /** Leafnode remote URLs to connect to. */
  leafRemotes?: string[]
  serverName?: string
  /** Extra config text appended to the generated config (authorization, max_payload, ...). */
  extraConfig?: string
  /** Fixed client port; random when absent. */
  port?: number
}

const running = new Set<TestServer>()

export function natsServerBinary(): string {
  const candidates = [process.env.NATS_SERVER_BIN, ...(process.env.PATH ?? '').split(':').map((d) => join(d, 'nats-server')), '/usr/sbin/nats-server', '/usr/bin/nats-server']
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate
  throw new Error('nats-server not found: install it with `sudo apt-get install -y nats-server` (Debian/Ubuntu) or `brew install nats-server`')
}

/** A free TCP port on 127.0.0.1 (for configs that need a fixed port, e.g. leafnode listen). */
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
  const port = options.port ?? (await freePort())
  const leafPort = options.leafnodes ? await freePort() : undefined
  const lines = [
    `listen: 127.0.0.1:${port}`,
    `server_name: ${options.serverName ?? `test-${port}`}`,
    `ports_file_dir: "${dir}"`,
  ]
  if (options.jetstream !== false) {
    lines.push(`jetstream { store_dir: "${storeDir}"${options.domain ? `, domain: ${options.domain}` : ''} }`)
  }
  if (leafPort || options.leafRemotes?.length) {
    const parts: string[] = []
    if (leafPort) parts.push(`listen: 127.0.0.1:${leafPort}`)
    if (options.leafRemotes?.length) parts.push(`remotes: [ ${options.leafRemotes.map((u) => `{ url: "${u}" }`).join(', ')} ]`)
    lines.push(`leafnodes { ${parts.join('\n')} }`)
  }
  if (options.extraConfig) lines.push(options.extraConfig)
  const configFile = join(dir, 'server.conf')
  writeFileSync(configFile, lines.join('\n') + '\n')
  const check = spawnSync(binary, ['-t', '-c', configFile], {encoding: 'utf8'})
  if (check.status !== 0) throw new Error(`invalid test server config: ${check.stderr || check.stdout}`)

  let logText = ''
  const server: TestServer = {
    url: `nats://127.0.0.1:${port}`,
    port,
    leafPort,
    dir,
    storeDir,
    process: undefined as unknown as ChildProcess,
    log: () => logText,
    async stop({keepDir = false} = {}) {
      await stopProcess(server.process)
      running.delete(server)
      if (!keepDir) rmSync(dir, {force: true, recursive: true})
    },
    async restart() {
      await launch()
      running.add(server)
    },
  }

  async function launch(): Promise<void> {
    for (const f of readdirSync(dir)) if (f.endsWith('.ports')) rmSync(join(dir, f), {force: true})
    const child = spawn(binary, ['-c', configFile], {stdio: ['ignore', 'pipe', 'pipe']})
    child.stdout?.on('data', (d: Buffer) => (logText += d.toString()))
    child.stderr?.on('data', (d: Buffer) => (logText += d.toString()))
    server.process = child
    const deadline = Date.now() + 10_000
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}:\n${logText}`)
      const portsFile = readdirSync(dir).find((f) => f === `nats-server_${child.pid}.ports`)
      if (portsFile && logText.includes('Server is ready')) {
        // The server may still be writing the file: an empty or partial file means "poll again".
        let ports: {nats?: string[]} = {}
        try {
          ports = JSON.parse(readFileSync(join(dir, portsFile), 'utf8')) as {nats?: string[]}
        } catch {}
        if (ports.nats?.length) return
      }
      await sleep(20)
    }
    child.kill('SIGKILL')
    throw new Error(`nats-server did not become ready in 10s:\n${logText}`)
  }

  await launch()
  running.add(server)
  return server
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const killed = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])
  if (!killed) {
    child.kill('SIGKILL')
    await exited
  }
}

/** Stops every server still running (for an `after` hook, so a failed test leaves no orphans). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()))
}

// Last resort: a test file that throws before its `after` hook must not leave servers behind.
process.once('exit', () => {
  for (const server of running) server.process.kill('SIGKILL')
})
