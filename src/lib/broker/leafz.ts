// Whether each leafnode remote of a broker is connected, from the monitoring endpoint /leafz (the broker
// always has a monitoring port on 127.0.0.1 for this).

export interface LeafStatus {
  url: string
  connected: boolean
}

interface Leafz {
  leafs?: Array<{ip?: string; port?: number; name?: string}>
}

export async function leafStatus(monitorUrl: string | undefined, remotes: string[]): Promise<LeafStatus[]> {
  if (remotes.length === 0) return []
  let leafs: NonNullable<Leafz['leafs']> = []
  if (monitorUrl) {
    try {
      const response = await fetch(`${monitorUrl}/leafz`, {signal: AbortSignal.timeout(2000)})
      leafs = ((await response.json()) as Leafz).leafs ?? []
    } catch {
      leafs = []
    }
  }
  return remotes.map((url) => {
    const parsed = new URL(url)
    const port = Number(parsed.port || 7422)
    const host = parsed.hostname.replace(/^\[|\]$/g, '')
    const isIp = /^[\d.]+$/.test(host) || host.includes(':')
    const connected = leafs.some((leaf) => leaf.port === port && (!isIp || leaf.ip === host))
    return {url, connected}
  })
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
