// bench pubsub against a real nats-server, and against a throwaway one (--ephemeral).
import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {runCli, type TestHome} from '../../helpers/cli.js'
import {type CoreTestbed, startCoreTestbed} from '../../helpers/core.js'
import {json} from '../../helpers/bench.js'

let testbed: CoreTestbed
let home: TestHome

const bench = (args: string[], timeoutMs = 60_000) => testbed.cli(['bench', ...args], {timeoutMs})

before(async () => {
  testbed = await startCoreTestbed()
  ;({home} = testbed)
})
after(() => testbed?.close())

describe('bench pubsub', () => {
  it('bench pubsub reports both sides', async () => {
    const r = await bench(['pubsub', 'b.ps', '--msgs', '20000'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^NATS Core NATS publisher stats: [\d,]+ msgs\/sec/m)
    assert.match(r.stdout, /^NATS Core NATS subscriber stats: [\d,]+ msgs\/sec/m)
    const j = await bench(['pubsub', 'b.ps', '--msgs', '20000', '--subscribers', '2', '--json'])
    assert.equal(j.code, 0, j.stderr)
    const report = json(j.stdout)
    assert.equal(report.publishers.msgs, 20_000)
    assert.equal(report.subscribers.clients.length, 2)
    for (const c of report.subscribers.clients) assert.equal(c.msgs, 20_000)
    assert.deepEqual(report.warnings, [])
  })
})

describe('bench --ephemeral', () => {
  it('runs against a throwaway broker with nothing configured and leaves no nats-server behind', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'natsctl-bench-embedded-'))
    try {
      const r = await runCli(['bench', 'pubsub', 'b.emb', '--msgs', '2000', '--ephemeral', '--json'], {
        env: {...home.env, TMPDIR: tmp},
        timeoutMs: 60_000,
      })
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stderr, /throwaway nats-server/)
      const report = json(r.stdout)
      assert.equal(report.subscribers.msgs, 2000)
      // The broker's temp dir is gone, and no nats-server runs with a config from it.
      assert.deepEqual(readdirSync(tmp), [])
      const procs = readdirSync('/proc').filter((p) => /^\d+$/.test(p))
      for (const pid of procs) {
        let cmdline = ''
        try {
          cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        } catch {
          continue
        }
        assert.ok(!cmdline.includes(tmp), `nats-server left running: ${cmdline}`)
      }
    } finally {
      rmSync(tmp, {force: true, recursive: true})
    }
  })
})
