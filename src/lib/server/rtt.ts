// `rtt`: one connection per server address, averaged PING/PONG round trips.

import {lookup} from 'node:dns/promises'
import {isIP} from 'node:net'

import type {Target} from '../target.js'

interface Result {
  time: string
  address: string
  url?: string
  rtt_ms: number | null
  error?: string
}

/** Every server URL of the target, each with the addresses to measure (a host name: every address it resolves to). */
export async function expandTargets(servers: string[]): Promise<Array<{url: string; results: Result[]}>> {
  const out: Array<{url: string; results: Result[]}> = []
  for (const server of servers) {
    const url = new URL(server.includes('://') ? server : `nats://${server}`)
    const scheme = url.protocol.replace(/:$/, '')
    const port = url.port || '4222'
    const host = url.hostname.replace(/^\[|\]$/g, '')
    const join = (address: string) => `${scheme}://${isIP(address) === 6 ? `[${address}]` : address}:${port}`
    let addresses = [host]
    if (!isIP(host)) {
      try {
        const found = await lookup(host, {all: true})
        if (found.length) addresses = [...new Set(found.map((a) => a.address))]
      } catch {}
    }
    out.push({url: `${scheme}://${url.host}`, results: addresses.map((a) => ({time: '', address: join(a), rtt_ms: null}))})
  }
  return out
}

/** Connects to one address (the target's credentials and TLS) and averages `iterations` round trips. */
export async function measure(target: Target, address: string, iterations: number): Promise<Partial<Result>> {
  const {connectTarget} = await import('../connect.js')
  const time = new Date().toISOString()
  let nc
  try {
    nc = await connectTarget({...target, servers: [address], embedded: undefined})
  } catch (error) {
    return {time, rtt_ms: null, error: (error as Error).message}
  }
  try {
    let total = 0
    // nc.rtt() measures with Date.now(): whole milliseconds, 0 on a fast network. A flush is the same PING/PONG.
    for (let i = 0; i < iterations; i++) {
      const start = performance.now()
      await nc.flush()
      total += performance.now() - start
    }
    return {time, url: nc.getServer(), rtt_ms: Number((total / iterations).toFixed(3))}
  } catch (error) {
    return {time, rtt_ms: null, error: `rtt failed: ${(error as Error).message}`}
  } finally {
    await nc.close().catch(() => {})
  }
}
