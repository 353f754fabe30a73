// A per-broker lock file (O_EXCL), so two natsctl processes starting the same broker at once start one.
// A lock whose holder is gone (or that is older than a start can take) is stale and taken over.

import {closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync} from 'node:fs'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'

import {NatsctlError} from '../errors.js'
import {isAlive} from './alive.js'
import {stateRoot} from './state.js'

const STALE_MS = 60_000

export async function acquireLock(name: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 45_000): Promise<() => void> {
  const root = stateRoot(env)
  mkdirSync(root, {recursive: true, mode: 0o700})
  const path = join(root, `${name}.lock`)
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const fd = openSync(path, 'wx', 0o600)
      writeSync(fd, `${process.pid}\n`)
      closeSync(fd)
      let released = false
      return () => {
        if (released) return
        released = true
        rmSync(path, {force: true})
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    if (isStale(path)) {
      rmSync(path, {force: true})
      continue
    }
    if (Date.now() > deadline)
      throw new NatsctlError(`broker "${name}" is locked by another natsctl (${path}); remove the file if no natsctl is running`)
    await sleep(50)
  }
}

function isStale(path: string): boolean {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim())
    if (!pid) return Date.now() - statSync(path).mtimeMs > 2000
    return !isAlive(pid) || Date.now() - statSync(path).mtimeMs > STALE_MS
  } catch {
    return false
  }
}
