// bench keeps what it measured when a client fails (issue 15, item 17): the server is killed in the middle of
// `bench pub`; the report (text and --json) still says how many messages were published and at what rate,
// and the run exits 1 with one error line.

import assert from 'node:assert/strict'
import {once} from 'node:events'
import {after, before, describe, it} from 'node:test'

import {makeHome, startCli, type TestHome} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/nats-server.js'

let home: TestHome
before(() => {
  home = makeHome()
})
after(() => home.cleanup())

describe('bench pub when the server is killed mid-run', () => {
  let server: TestServer | undefined
  after(async () => {
    await server?.stop()
  })

  for (const json of [true, false]) {
    it(`reports the messages published before the failure${json ? ' (--json)' : ''}, then exits 1`, async () => {
      server = await startServer({jetstream: false})
      const args = ['bench', 'pub', 'bench.fail', '--msgs', '100000000', '--size', '16', '--no-progress', '--server', server.url]
      const cli = startCli(json ? [...args, '--json'] : args, {env: home.env, timeoutMs: 60_000})
      await cli.waitFor('Starting', 'stderr')
      await new Promise((resolve) => setTimeout(resolve, 1500))
      const exited = once(server.process, 'exit')
      server.process.kill('SIGKILL')
      await exited
      await server.stop()
      server = undefined
      const r = await cli.done
      assert.equal(r.code, 1, r.stderr)
      assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('natsctl: error:')).length, 1, r.stderr)
      if (json) {
        const report = JSON.parse(r.stdout) as {publishers: {msgs: number; msgs_per_sec: number; clients: Array<{error?: string}>}}
        assert.ok(report.publishers.msgs > 1000, `msgs ${report.publishers.msgs}`)
        assert.ok(report.publishers.msgs_per_sec > 0)
        assert.ok(report.publishers.clients[0].error)
      } else {
        const line = r.stdout.split('\n').find((l) => /msgs\/sec/.test(l)) ?? ''
        assert.doesNotMatch(line, /^\s*\S+ stats: 0 msgs\/sec/, r.stdout)
        assert.match(r.stdout, /[1-9][\d,]* msgs\/sec/, r.stdout)
      }
    })
  }
})
