import {Args, Flags} from '../lib/oclif.js'

import {NatsCommand} from '../lib/nats-command.js'

interface RttTarget {
  url: string
  results: Array<{time: string; address: string; url?: string; rtt_ms: number | null; error?: string}>
}

export default class Rtt extends NatsCommand<typeof Rtt> {
  static args = {
    iterations: Args.integer({description: 'round trips per server (same as --iterations)', min: 1}),
  }
  static description = `Measure the round trip time to each server of the target

Connects to every server URL of the target, and to every address a host name resolves to, and averages
--iterations round trips (PING/PONG) on each. Exits 1 when a server cannot be reached.`
  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --iterations 20',
    '<%= config.bin %> <%= command.id %> --server nats://a.example.com:4222,nats://b.example.com:4222 --json',
  ]
  static flags = {
    iterations: Flags.integer({description: 'round trips per server [default: 5]', min: 1}),
  }

  public async run(): Promise<RttTarget[]> {
    const iterations = this.flags.iterations ?? this.args.iterations ?? 5
    // The embedded broker's URLs are known once it runs.
    if (this.target().embedded) await this.nc()
    const target = this.target()
    const {expandTargets, measure} = await import('../lib/server/rtt.js')
    const targets = await expandTargets(target.servers)
    for (const t of targets) {
      for (const result of t.results) {
        Object.assign(result, await measure(target, result.address, iterations))
        if (result.error) this.status(`Failed to compute rtt for ${result.address}: ${result.error}`)
      }
    }
    const {formatDuration} = await import('../lib/format.js')
    const width = Math.max(3, ...targets.flatMap((t) => t.results.map((r) => r.address.length + 3)))
    for (const t of targets) {
      this.log(`${t.url}:\n`)
      for (const r of t.results) this.log(`${r.address.padStart(width)}: ${r.rtt_ms === null ? 'failed' : formatDuration(r.rtt_ms)}`)
      this.log('')
    }
    const failed = targets.flatMap((t) => t.results.filter((r) => r.rtt_ms === null).map((r) => r.address))
    if (failed.length > 0) {
      if (this.jsonEnabled()) this.logJson(targets)
      const {NatsctlError} = await import('../lib/errors.js')
      throw new NatsctlError(`could not reach ${failed.join(', ')}`)
    }
    return targets
  }
}
