// A throwaway broker: a real nats-server on 127.0.0.1, a random port and a temporary store, removed on
// stop. Used by `bench --embedded` (and usable by tests); no state files, no context.

import {type ChildProcess, spawn} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {findNatsServer} from './binary.js'
import {renderConfig} from './config.js'
import {spawnServer, stopProcess, waitForReady} from './process.js'

interface EphemeralBroker {
  url: string
  /** Stops the server and removes its directory. */
  stop(): Promise<void>
}

export async function startEphemeralBroker(options: {jetstream?: boolean} = {}): Promise<EphemeralBroker> {
  const binary = findNatsServer()
  const dir = mkdtempSync(join(tmpdir(), 'natsctl-ephemeral-'))
  const configFile = join(dir, 'server.conf')
  const logFile = join(dir, 'server.log')
  writeFileSync(
    configFile,
    renderConfig({
      serverName: `natsctl-ephemeral-${process.pid}`,
      host: '127.0.0.1',
      port: -1,
      portsDir: dir,
      jetstream: options.jetstream ?? true,
      storeDir: join(dir, 'store'),
    }),
    {mode: 0o600},
  )
  const child = spawnServer({binary, configFile, logFile})
  // Never leave the server behind if natsctl exits without calling stop() (an exception, process.exit)...
  const onExit = () => {
    child.kill('SIGKILL')
    watchdog.kill('SIGKILL')
  }
  process.once('exit', onExit)
  // ... or is killed with SIGKILL, when no code of ours runs: a watchdog does it then.
  const watchdog = startWatchdog(child.pid!, dir)
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    process.off('exit', onExit)
    watchdog.kill('SIGKILL')
    await stopProcess(child.pid!, {child})
    rmSync(dir, {force: true, recursive: true})
  }
  try {
    const ports = await waitForReady({pid: child.pid!, child, portsDir: dir, logFile, probeHost: '127.0.0.1'})
    return {url: ports.nats[0], stop}
  } catch (error) {
    await stop()
    throw error
  }
}

/**
 * nats-server has no "die with your parent" option, and Node cannot set one (no prctl): a tiny `sh` holds
 * the read end of a pipe whose only writer is natsctl. However natsctl ends, SIGKILL included, the kernel
 * closes that pipe; `read` returns, and the watchdog stops the server (SIGTERM, then SIGKILL after 5 s) and
 * removes its directory. On a normal stop natsctl kills the watchdog first. Pid and directory are passed as
 * arguments, never pasted into the script.
 */
const WATCHDOG = [
  'read -r _',
  'kill -TERM "$1" 2>/dev/null || exit 0',
  'i=0',
  'while kill -0 "$1" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done',
  'kill -KILL "$1" 2>/dev/null',
  'rm -rf -- "$2"',
].join('\n')

function startWatchdog(pid: number, dir: string): ChildProcess {
  const watchdog = spawn('/bin/sh', ['-c', WATCHDOG, 'natsctl-watchdog', String(pid), dir], {stdio: ['pipe', 'ignore', 'ignore']})
  watchdog.on('error', () => {})
  // Neither the watchdog nor its pipe keeps natsctl running.
  watchdog.unref()
  ;(watchdog.stdin as unknown as {unref?: () => void}).unref?.()
  watchdog.stdin?.on('error', () => {})
  return watchdog
}
