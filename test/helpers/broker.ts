// For the broker command tests: one temporary home per test file, natsctl run in it, `broker status --json`
// read back, and everything the file started stopped at its end (brokers, test servers, the home).
import assert from 'node:assert/strict'
import {after} from 'node:test'

import {type CliResult, makeHome, runCli, type TestHome} from './cli.js'
import {stopAllServers} from './nats-server.js'

/** `broker status NAME --json` / `broker ls --json`, the fields the tests read. */
export interface BrokerInfoJson {
  name: string
  running: boolean
  pid?: number
  pids: number[]
  url?: string
  urls: string[]
  jsDomain?: string
  storeDir?: string
  auth: boolean
  leafnodes: Array<{url: string; connected: boolean}>
}

export interface BrokerHome {
  home: TestHome
  env: NodeJS.ProcessEnv
  /** natsctl ARGS in this home. */
  cli(...args: string[]): Promise<CliResult>
  /** `broker status NAME --json`, which must succeed. */
  status(name: string): Promise<BrokerInfoJson>
  /** `broker ls --json`, which must succeed. */
  ls(): Promise<BrokerInfoJson[]>
}

/** A home for this test file; at its end every broker in it is stopped and the home removed. */
export function brokerHomeForThisFile(): BrokerHome {
  const home = makeHome()
  const env = home.env
  const cli = (...args: string[]) => runCli(args, {env})
  after(async () => {
    await cli('broker', 'stop', '--all')
    await stopAllServers()
    home.cleanup()
  })
  return {
    home,
    env,
    cli,
    async status(name) {
      const result = await cli('broker', 'status', name, '--json')
      assert.equal(result.code, 0, result.stderr)
      return JSON.parse(result.stdout) as BrokerInfoJson
    },
    async ls() {
      const result = await cli('broker', 'ls', '--json')
      assert.equal(result.code, 0, result.stderr)
      return JSON.parse(result.stdout) as BrokerInfoJson[]
    },
  }
}
