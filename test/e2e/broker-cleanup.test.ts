// makeHome().cleanup() stops the brokers a test started in that home (a safety net for embedded-default users).
import assert from 'node:assert/strict'
import {it} from 'node:test'
import {makeHome, runCli} from '../helpers/cli.js'
import {isAlive} from '../../src/lib/broker/alive.js'
it('cleanup stops brokers', async () => {
  const h = makeHome()
  const r = await runCli(['pub', 'x', 'y'], {env: h.env})
  assert.equal(r.code, 0, r.stderr)
  const ls = JSON.parse((await runCli(['broker', 'ls', '--json'], {env: h.env})).stdout)
  const pid = ls[0].pids[0]
  h.cleanup()
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50))
  assert.equal(isAlive(pid), false)
})
