// Finds the nats-server binary: $NATS_SERVER_BIN, then PATH, then /usr/sbin (where Debian puts it).
// natsctl always runs the real server; when it is missing the error says how to install it.

import {accessSync, constants} from 'node:fs'
import {delimiter, join} from 'node:path'

import {NatsctlError} from '../errors.js'

const INSTALL_HINT =
  'install it with `sudo apt-get install -y nats-server` (Debian/Ubuntu) or `brew install nats-server` (macOS), or set NATS_SERVER_BIN'

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

export function findNatsServer(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.NATS_SERVER_BIN?.trim()
  if (explicit) {
    if (executable(explicit)) return explicit
    throw new NatsctlError(`NATS_SERVER_BIN=${explicit} is not an executable file: ${INSTALL_HINT}`)
  }
  const dirs = [...(env.PATH ?? '').split(delimiter).filter((d) => d !== ''), '/usr/sbin', '/usr/local/sbin']
  for (const dir of dirs) {
    const candidate = join(dir, 'nats-server')
    if (executable(candidate)) return candidate
  }
  throw new NatsctlError(`nats-server not found: ${INSTALL_HINT}`)
}
