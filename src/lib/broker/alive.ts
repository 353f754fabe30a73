// Is a process alive (and is it a nats-server)? Its own module so the embedded default's fast path loads
// nothing else.

import {readdirSync, readFileSync} from 'node:fs'

/** True while the process exists and is not a zombie. */
export function isAlive(pid: number | undefined): boolean {
  if (!pid || pid <= 0) return false
  try {
    process.kill(pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  try {
    // Linux: a zombie still answers kill(0); its state letter is Z.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^\d+ \(.*\) Z/.test(stat)
  } catch {
    return true
  }
}

/** True when pid is a nats-server (Linux: checks /proc; elsewhere trusts the pid). */
export function isNatsServer(pid: number, configFile?: string): boolean {
  if (!isAlive(pid)) return false
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
    if (!cmdline.some((part) => part.endsWith('nats-server'))) return false
    return configFile === undefined || cmdline.includes(configFile)
  } catch {
    return true
  }
}

/**
 * The live nats-server processes started with a config file inside `dir` (Linux: read from /proc; elsewhere
 * none are found). A broker's config files live only in its own state directory, so this finds every
 * nats-server of a broker, tracked or not: one started by a natsctl killed before it could record it is
 * found the moment it exists.
 */
export function serversUsingDir(dir: string): number[] {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return []
  }
  const pids: number[] = []
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    const pid = Number(entry)
    if (pid === process.pid) continue
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
      if (!argv[0]?.endsWith('nats-server')) continue
      if (argv.some((arg) => arg.startsWith(prefix)) && isAlive(pid)) pids.push(pid)
    } catch {}
  }
  return pids
}
