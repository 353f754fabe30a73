// Whether each leafnode remote of a broker is connected, from the monitoring endpoint /leafz (the broker
// always has a monitoring port on 127.0.0.1 for this).

import {maskUrlCredentials} from '../contexts.js'

export interface LeafStatus {
  url: string
  connected: boolean
}

interface Leafz {
  leafs?: Array<{ip?: string; port?: number; name?: string}>
}

type Leaf = NonNullable<Leafz['leafs']>[number]

async function fetchLeafs(monitorUrl: string | undefined): Promise<Leaf[]> {
  if (!monitorUrl) return []
  try {
    const response = await fetch(`${monitorUrl}/leafz`, {signal: AbortSignal.timeout(2000)})
    return ((await response.json()) as Leafz).leafs ?? []
  } catch {
    return []
  }
}

/** Is this /leafz entry the connection this server made to the remote `url`? */
function isRemote(leaf: Leaf, url: string): boolean {
  const parsed = new URL(url)
  const port = Number(parsed.port || 7422)
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  const isIp = /^[\d.]+$/.test(host) || host.includes(':')
  return leaf.port === port && (!isIp || leaf.ip === host)
}

export async function leafStatus(monitorUrl: string | undefined, remotes: string[]): Promise<LeafStatus[]> {
  if (remotes.length === 0) return []
  const leafs = await fetchLeafs(monitorUrl)
  // The URL as shown (banner, status, ls, --json): a password or token in it is masked as `context info` does.
  return remotes.map((url) => ({url: maskUrlCredentials(url), connected: leafs.some((leaf) => isRemote(leaf, url))}))
}

/**
 * The leafnode connections other servers made into these servers (a hub's leafs): every /leafz entry that
 * is not one of the servers' own remotes.
 */
export async function acceptedLeafnodes(monitorUrls: Array<string | undefined>, remotes: string[]): Promise<number> {
  const perNode = await Promise.all(monitorUrls.map(fetchLeafs))
  return perNode.flat().filter((leaf) => !remotes.some((url) => isRemote(leaf, url))).length
}

/** Waits (up to timeoutMs) for every remote to connect; returns the last status either way. */
export async function waitForLeafnodes(monitorUrl: string | undefined, remotes: string[], timeoutMs: number): Promise<LeafStatus[]> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const status = await leafStatus(monitorUrl, remotes)
    if (status.every((s) => s.connected) || Date.now() > deadline) return status
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
