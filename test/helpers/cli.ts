// Runs the built CLI (bin/run.js) as a subprocess, as users do, so exit codes, stdout and stderr are real.
// Every run gets XDG_CONFIG_HOME/XDG_DATA_HOME/XDG_STATE_HOME in a temporary home, so nobody's contexts or
// brokers are touched, and no NATS_* variable leaks in from the developer's shell.

import {type ChildProcess, spawn} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const BIN = join(ROOT, 'bin', 'run.js')

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface TestHome {
  dir: string
  env: NodeJS.ProcessEnv
  configDir: string
  dataDir: string
  stateDir: string
  cleanup(): void
}

/** A temporary home with its own XDG directories; `env` is a clean environment pointing at it. */
export function makeHome(): TestHome {
  const dir = mkdtempSync(join(tmpdir(), 'natsctl-test-home-'))
  const configDir = join(dir, 'config')
  const dataDir = join(dir, 'data')
  const stateDir = join(dir, 'state')
  for (const d of [configDir, dataDir, stateDir]) mkdirSync(d, {recursive: true})
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('NATS_') && key !== 'DEBUG') env[key] = value
  }
  Object.assign(env, {
    HOME: dir,
    XDG_CONFIG_HOME: configDir,
    XDG_DATA_HOME: dataDir,
    XDG_STATE_HOME: stateDir,
    // The compile cache one test run shares (scripts/run-tests.mjs), else this home's own.
    XDG_CACHE_HOME: process.env.NATSCTL_TEST_CACHE_HOME ?? join(dir, 'cache'),
    NO_COLOR: '1',
    // natscli's default server is 127.0.0.1:4222, which natsctl uses when a NATS server answers there and
    // otherwise takes for its embedded broker. Each test home gets a port of its own instead, so tests
    // running side by side (and a developer's own server on 4222) never meet.
    NATSCTL_DEFAULT_PORT: String(10_000 + Math.floor(Math.random() * 20_000)),
    // Keep tests independent of the developer's terminal width.
    COLUMNS: '200',
  })
  const cleanup = () => {
    uncleaned.delete(stateDir)
    stopBrokersIn(stateDir)
    rmSync(dir, {force: true, recursive: true})
  }
  uncleaned.add(stateDir)
  return {dir, env, configDir, dataDir, stateDir, cleanup}
}

/** The state directories of homes whose cleanup has not run: their brokers are stopped if the file ends anyway. */
const uncleaned = new Set<string>()
process.once('exit', () => {
  for (const stateDir of uncleaned) stopBrokersIn(stateDir)
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const stateDir of uncleaned) stopBrokersIn(stateDir)
    // once() removed this handler: the signal again takes its default action and ends the process.
    process.kill(process.pid, signal)
  })
}

function isNatsServer(pid: number): boolean {
  // Linux: make sure the pid is still a nats-server before signalling it (pids are reused).
  if (!existsSync('/proc/self')) return true
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('nats-server')
  } catch {
    return false
  }
}

/**
 * Safety net for tests that used the embedded default: SIGTERM every broker natsctl started in this home
 * (pids from $XDG_STATE_HOME/natsctl/NAME/state.json), so none outlives the test.
 */
function stopBrokersIn(stateDir: string): void {
  const root = join(stateDir, 'natsctl')
  if (!existsSync(root)) return
  for (const name of readdirSync(root)) {
    try {
      const state = JSON.parse(readFileSync(join(root, name, 'state.json'), 'utf8')) as {nodes?: Array<{pid?: number}>}
      for (const node of state.nodes ?? []) if (node.pid && isNatsServer(node.pid)) process.kill(node.pid, 'SIGTERM')
    } catch {
      // no state file, or the process is already gone
    }
  }
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv
  /** Written to stdin, which is then closed. Without it stdin is closed at once (not a terminal). */
  input?: string | Buffer
  /** Kill the process after this long (the result then has signal SIGKILL). Default 30 s. */
  timeoutMs?: number
  cwd?: string
}

/** Runs `natsctl ARGS` to completion. */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const child = startCli(args, options)
  return child.done
}

export interface RunningCli {
  child: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves when the text (or a match of the pattern) has appeared on stdout or stderr. */
  waitFor(pattern: RegExp | string, stream?: 'stderr' | 'stdout', timeoutMs?: number): Promise<void>
  done: Promise<CliResult>
  kill(signal?: NodeJS.Signals): void
}

/** Starts `natsctl ARGS` in the background (for sub, reply, broker run). */
export function startCli(args: string[], options: RunOptions = {}): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? makeHome().env,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  const listeners = new Set<() => void>()
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString()
    for (const l of listeners) l()
  })
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString()
    for (const l of listeners) l()
  })
  if (options.input !== undefined) child.stdin!.end(options.input)
  else child.stdin!.end()
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000)
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      for (const l of listeners) l()
      resolve({code, signal, stdout, stderr})
    })
  })
  return {
    child,
    done,
    stdout: () => stdout,
    stderr: () => stderr,
    kill: (signal = 'SIGTERM') => child.kill(signal),
    waitFor(pattern, stream, timeoutMs = 15_000) {
      const matches = () => {
        const text = stream === 'stdout' ? stdout : stream === 'stderr' ? stderr : stdout + stderr
        return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)
      }
      return new Promise<void>((resolve, reject) => {
        if (matches()) return resolve()
        const t = setTimeout(() => {
          listeners.delete(check)
          reject(new Error(`timed out waiting for ${pattern}\nstdout: ${stdout}\nstderr: ${stderr}`))
        }, timeoutMs)
        const check = () => {
          if (matches()) {
            clearTimeout(t)
            listeners.delete(check)
            resolve()
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(t)
            listeners.delete(check)
            reject(new Error(`process exited before ${pattern}\nstdout: ${stdout}\nstderr: ${stderr}`))
          }
        }
        listeners.add(check)
      })
    },
  }
}
