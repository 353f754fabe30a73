// stream backup and restore flags and refusals against a real nats-server (the round trip of 100,000 messages
// is backup.test.ts, a file of its own for time).
import assert from 'node:assert/strict'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {AckPolicy, type JetStreamClient, type JetStreamManager, type StreamConfig} from '@nats-io/jetstream'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'
import {TmuxCli} from '../../helpers/tmux.js'

describe('stream backup and restore: flags, refusals, progress', () => {
  let testbed: JetStreamTestbed
  let jsm: JetStreamManager
  let js: JetStreamClient
  const dirs: string[] = []
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'natsctl-backup-test-'))
    dirs.push(dir)
    return dir
  }
  const cli = (...args: string[]) => testbed.cli(args)

  before(async () => {
    testbed = await startJetStreamTestbed()
    ;({jsm, js} = testbed)
  })
  after(async () => {
    for (const d of dirs) rmSync(d, {force: true, recursive: true})
    await testbed?.close()
  })

  it('--no-consumers leaves the consumers out; --chunk-size and --check reach the server', async () => {
    await jsm.streams.add({name: 'SMALL', subjects: ['small.>']})
    for (let i = 0; i < 200; i++) await js.publish('small.x', 'y'.repeat(100))
    await jsm.consumers.add('SMALL', {ack_policy: AckPolicy.Explicit, durable_name: 'C1'})
    const dir = join(tempDir(), 'small')
    const r = await cli('stream', 'backup', 'SMALL', dir, '--no-consumers', '--chunk-size', '1KiB', '--json')
    assert.equal(r.code, 0, r.stderr)
    const result = JSON.parse(r.stdout)
    // 1 KiB chunks: at least one per KiB received (the default of 128 KiB would send this in one).
    assert.ok(result.chunks >= Math.floor(result.bytes / 1024), `${result.chunks} chunks for ${result.bytes} bytes`)
    assert.ok(result.chunks > 1)
    assert.match(testbed.server.log(), /Starting snapshot for stream '\$G > SMALL'/)
    assert.doesNotMatch(testbed.server.log(), /Starting health check and snapshot for stream '\$G > SMALL'/)
    // --check asks the server to check the messages first (its log says so).
    const checked = await cli('stream', 'backup', 'SMALL', join(tempDir(), 'checked'), '--check')
    assert.equal(checked.code, 0, checked.stderr)
    assert.match(checked.stderr, /Health Check was requested/)
    assert.match(testbed.server.log(), /Starting health check and snapshot for stream '\$G > SMALL'/)
    await jsm.streams.delete('SMALL')
    const restore = await cli('stream', 'restore', dir, '--json')
    assert.equal(restore.code, 0, restore.stderr)
    assert.equal(JSON.parse(restore.stdout).state.messages, 200)
    const names: string[] = []
    for await (const c of jsm.consumers.list('SMALL')) names.push(c.name)
    assert.deepEqual(names, [])
  })

  it('restore --config restores with another configuration of the same stream', async () => {
    await jsm.streams.add({name: 'CONF', subjects: ['conf.>']})
    for (let i = 0; i < 20; i++) await js.publish('conf.a', `m${i}`)
    const dir = join(tempDir(), 'conf')
    assert.equal((await cli('stream', 'backup', 'CONF', dir)).code, 0)
    await jsm.streams.delete('CONF')
    const info = JSON.parse((await cli('stream', 'info', 'CONF', '--json')).stdout || '{}')
    assert.equal(info.config, undefined)
    const file = join(tempDir(), 'conf.json')
    const meta = JSON.parse(readFileSync(join(dir, 'backup.json'), 'utf8'))
    writeFileSync(file, JSON.stringify({...meta.config, description: 'restored', max_msgs: 1000}))
    const r = await cli('stream', 'restore', dir, '--config', file)
    assert.equal(r.code, 0, r.stderr)
    const restored = await jsm.streams.info('CONF')
    assert.equal(restored.config.description, 'restored')
    assert.equal(restored.config.max_msgs, 1000)
    assert.equal(restored.state.messages, 20)

    await jsm.streams.delete('CONF')
    writeFileSync(file, JSON.stringify({...meta.config, name: 'OTHER'}))
    const renamed = await cli('stream', 'restore', dir, '--config', file)
    assert.equal(renamed.code, 2)
    assert.match(renamed.stderr, /configures stream "OTHER", but the backup is of "CONF": stream names cannot change during a restore/)
  })

  it('names a missing stream, a memory stream and a directory that is not a backup', async () => {
    const missing = await cli('stream', 'backup', 'NOPE', join(tempDir(), 'x'))
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, 'natsctl: error: stream "NOPE" not found\n')
    await jsm.streams.add({name: 'MEM', storage: 'memory' as StreamConfig['storage'], subjects: ['mem.>']})
    const mem = await cli('stream', 'backup', 'MEM', join(tempDir(), 'mem'))
    assert.equal(mem.code, 1)
    assert.match(mem.stderr, /stream "MEM" is kept in memory: the server can only back up file streams/)
    const empty = tempDir()
    const notBackup = await cli('stream', 'restore', empty)
    assert.equal(notBackup.code, 1)
    assert.match(notBackup.stderr, /cannot read .*backup\.json.*is .* a directory written by stream backup\?/)
    assert.ok(!existsSync(join(empty, 'stream.tar.s2')))
  })

  it('draws a progress bar on a terminal', async () => {
    await jsm.streams.add({name: 'BAR', subjects: ['bar.>']})
    let batch: Array<Promise<unknown>> = []
    for (let i = 0; i < 2000; i++) {
      batch.push(js.publish('bar.x', new Uint8Array(4096).fill(i & 0xff)))
      if (batch.length >= 200) {
        await Promise.all(batch)
        batch = []
      }
    }
    await Promise.all(batch)
    const dir = join(tempDir(), 'bar')
    const term = new TmuxCli(['stream', 'backup', 'BAR', dir, '--chunk-size', '4KiB', '--server', testbed.server.url], testbed.home.env)
    try {
      const {code, screen} = await term.exit()
      assert.equal(code, 0, screen)
      assert.match(screen, /Backing up [\d.]+s \[=+>?\] 100%/)
      assert.match(screen, /Received [^\n]+ compressed data in [\d,]+ chunks for stream "BAR"/)
    } finally {
      term.kill()
    }
    await jsm.streams.delete('BAR')
    const restore = new TmuxCli(['stream', 'restore', dir, '--server', testbed.server.url], testbed.home.env)
    try {
      const {code, screen} = await restore.exit()
      assert.equal(code, 0, screen)
      assert.match(screen, /Restoring [\d.]+s \[=+>?\] 100%/)
    } finally {
      restore.kill()
    }
    const noBar = await cli('stream', 'backup', 'BAR', join(tempDir(), 'bar2'))
    assert.ok(!noBar.stderr.includes('Backing up'), 'no bar without a terminal')
    const off = new TmuxCli(['stream', 'backup', 'BAR', join(tempDir(), 'bar3'), '--no-progress', '--server', testbed.server.url], testbed.home.env)
    try {
      const {code, screen} = await off.exit()
      assert.equal(code, 0, screen)
      assert.match(screen, /Received [^\n]+ chunks for stream "BAR"/)
      assert.ok(!screen.includes('Backing up'), screen)
    } finally {
      off.kill()
    }
  })
})
