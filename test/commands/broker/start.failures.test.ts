// broker start when it cannot start: one line naming the cause (port in use, bad leafnode URL, unwritable
// store dir, bad combinations), the nats-server log tail when nats-server itself fails, and no broker left
// behind; a stale lock and the state of a broker whose process is gone are taken over.
import assert from 'node:assert/strict'
import {existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {before, describe, it} from 'node:test'

import {isAlive} from '../../../src/lib/broker/alive.js'
import {runCli} from '../../helpers/cli.js'
import {freePort, startServer} from '../../helpers/nats-server.js'
import {brokerHomeForThisFile} from '../../helpers/broker.js'

const {home, env, cli, status} = brokerHomeForThisFile()
// Zombies count as gone (a detached server's parent may be an init that does not reap).
const alive = (pid: number) => isAlive(pid)

describe('broker start failures', () => {
  it('fails with one line naming the cause: port in use, bad leafnode URL, unwritable store dir, bad combinations', async () => {
    const taken = await startServer({jetstream: false})
    const inUse = await cli('broker', 'start', 'busy', '--port', String(taken.port))
    assert.equal(inUse.code, 1)
    assert.match(inUse.stderr, new RegExp(`^natsctl: error: port ${taken.port} is already in use`))
    assert.equal(inUse.stderr.trim().split('\n').length, 1)

    const badLeaf = await cli('broker', 'start', 'badleaf', '--leafnode-remote', 'http://hub:7422')
    assert.equal(badLeaf.code, 2)
    assert.match(badLeaf.stderr, /^natsctl: error: invalid leafnode URL "http:\/\/hub:7422": unsupported scheme/)

    const file = join(home.dir, 'a-file')
    writeFileSync(file, 'x')
    const badStore = await cli('broker', 'start', 'badstore', '--store-dir', join(file, 'store'))
    assert.equal(badStore.code, 1)
    assert.match(badStore.stderr, /^natsctl: error: cannot write the store directory .*a-file\/store/)

    const combo = await cli('broker', 'start', 'combo', '--no-jetstream', '--js-domain', 'x')
    assert.equal(combo.code, 2)
    assert.match(combo.stderr, /^natsctl: error: --js-domain needs JetStream/)

    const creds = await cli('broker', 'start', 'combo', '--leafnode-creds', '/nonexistent.creds')
    assert.equal(creds.code, 2)
    assert.match(creds.stderr, /--leafnode-creds needs a --leafnode-remote/)

    const name = await cli('broker', 'start', '../evil')
    assert.equal(name.code, 2)
    assert.match(name.stderr, /invalid broker name/)

    // None of them left a broker behind.
    const ls = await cli('broker', 'ls', '--json')
    assert.deepEqual(JSON.parse(ls.stdout), [])
  })

  it('shows the nats-server log tail when nats-server itself fails', async () => {
    // natsctl checks ports before it spawns, so a server that fails on its own is simulated by a binary
    // that writes nats-server's fatal line and exits.
    const fake = join(home.dir, 'failing-nats-server')
    writeFileSync(
      fake,
      '#!/bin/sh\necho "[1] 2026/01/01 00:00:00.000000 [FTL] Error listening on port: 127.0.0.1:4222, \\"listen tcp 127.0.0.1:4222: bind: address already in use\\"" >&2\nexit 1\n',
      {mode: 0o755},
    )
    const result = await runCli(['broker', 'start', 'fails'], {env: {...env, NATS_SERVER_BIN: fake}})
    assert.equal(result.code, 1)
    const lines = result.stderr.trim().split('\n')
    assert.match(lines[0], /^natsctl: error: port 4222 is already in use/)
    assert.match(result.stderr, /last lines of .*server\.log/)
    assert.match(result.stderr, /\[FTL\] Error listening/)
    assert.deepEqual(JSON.parse((await cli('broker', 'ls', '--json')).stdout), [])
  })

  it('takes over a stale lock and cleans up the state of a broker whose process is gone', async () => {
    const root = join(home.stateDir, 'natsctl')
    // A lock left by a process that no longer exists.
    writeFileSync(join(root, 'stale.lock'), '999999\n')
    const port = await freePort()
    const start = await cli('broker', 'start', 'stale', '--port', String(port))
    assert.equal(start.code, 0, start.stderr)
    const {pid} = await status('stale')
    // The broker dies behind natsctl's back.
    process.kill(pid!, 'SIGKILL')
    for (let i = 0; i < 100 && alive(pid!); i++) await new Promise((r) => setTimeout(r, 50))
    const gone = await status('stale')
    assert.equal(gone.running, false)
    assert.equal(existsSync(join(root, 'stale', 'state.json')), false)
    // And it starts again on the same port.
    const again = await cli('broker', 'start', 'stale', '--port', String(port))
    assert.equal(again.code, 0, again.stderr)
    await cli('broker', 'stop', 'stale')
  })

  before(() => {
    assert.ok(existsSync(home.stateDir))
  })
})
