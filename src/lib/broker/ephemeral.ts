// A throwaway broker: a real nats-server on 127.0.0.1, a random port and a temporary store, removed on
// stop. Used by `bench --embedded` (and usable by tests); no state files, no context.

import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {findNatsServer} from './binary.js'
import {renderConfig} from './config.js'
import {spawnServer, stopProcess, waitForReady} from './process.js'

export interface EphemeralBroker {
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
  // Never leave the server behind if natsctl exits without calling stop().
  const onExit = () => child.kill('SIGKILL')
  process.once('exit', onExit)
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    process.off('exit', onExit)
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
