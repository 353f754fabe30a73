// broker start against the real nats-server, in a temporary home: the background broker, its context,
// state and store, every option reaching the server, the failures named in one line, leafnodes, stale state.
// (The lifecycle test also runs status, ls, logs and stop on what it started.)
import assert from 'node:assert/strict'
import {existsSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:net'
import {join} from 'node:path'
import {before, describe, it} from 'node:test'

import {jetstreamManager} from '@nats-io/jetstream'
import {connect} from '@nats-io/transport-node'

import {isAlive} from '../../../src/lib/broker/alive.js'
import {runCli} from '../../helpers/cli.js'
import {freePort, startServer} from '../../helpers/nats-server.js'
import {brokerHomeForThisFile, type BrokerInfoJson} from '../../helpers/broker.js'

const {home, env, cli, status} = brokerHomeForThisFile()
// Zombies count as gone (a detached server's parent may be an init that does not reap).
const alive = (pid: number) => isAlive(pid)

describe('broker start', () => {

  it('starts a broker on --port in the background, writes its context, and stops it', async () => {
    const port = await freePort()
    const start = await cli('broker', 'start', 'one', '--port', String(port), '--js-domain', 'dom1', '--server-name', 'srv-one')
    assert.equal(start.code, 0, start.stderr)
    assert.match(start.stdout, new RegExp(`URL: +nats://127\\.0\\.0\\.1:${port}`))
    assert.match(start.stdout, /domain "dom1"/)
    assert.match(start.stdout, /Context: +one/)
    assert.match(start.stdout, /natsctl broker stop one/)

    const context = JSON.parse(readFileSync(join(home.configDir, 'nats', 'context', 'one.json'), 'utf8')) as Record<string, string>
    assert.equal(context.url, `nats://127.0.0.1:${port}`)
    assert.equal(context.jetstream_domain, 'dom1')
    const stateDir = join(home.stateDir, 'natsctl', 'one')
    assert.ok(existsSync(join(stateDir, 'server.conf')))
    assert.equal(statSync(join(stateDir, 'server.conf')).mode & 0o777, 0o600)
    assert.ok(existsSync(join(stateDir, 'server.log')))

    const nc = await connect({servers: context.url})
    assert.equal(nc.info?.server_name, 'srv-one')
    assert.equal(nc.info?.jetstream, true)
    const jsm = await jetstreamManager(nc, {domain: 'dom1'})
    const account = await jsm.getAccountInfo()
    assert.equal(account.domain, 'dom1')
    await nc.close()

    // The store is in the default data dir.
    assert.ok(existsSync(join(home.dataDir, 'natsctl', 'one', 'jetstream')))

    const info = await status('one')
    assert.equal(info.running, true)
    assert.equal(info.url, `nats://127.0.0.1:${port}`)
    const pid = info.pid!
    assert.ok(alive(pid))

    const ls = await cli('broker', 'ls', '--json')
    assert.equal(ls.code, 0, ls.stderr)
    assert.deepEqual((JSON.parse(ls.stdout) as BrokerInfoJson[]).map((b) => b.name), ['one'])
    const table = await cli('broker', 'ls')
    assert.match(table.stdout, /│ one +│ \d+/)
    assert.match(table.stdout, /dom1/)

    // A second start changes nothing.
    const again = await cli('broker', 'start', 'one')
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stderr, /already running/)
    assert.equal((await status('one')).pid, pid)

    const logs = await cli('broker', 'logs', 'one')
    assert.match(logs.stdout, /Server is ready/)

    const stop = await cli('broker', 'stop', 'one')
    assert.equal(stop.code, 0, stop.stderr)
    assert.match(stop.stdout, /Stopped broker "one"/)
    assert.equal(alive(pid), false)
    assert.equal((await status('one')).running, false)
    const stopAgain = await cli('broker', 'stop', 'one')
    assert.equal(stopAgain.code, 0)
    assert.match(stopAgain.stderr, /not running/)
  })

  it('honours --no-jetstream, --store-dir, --max-memory, --max-store and --monitor', async () => {
    const [port, monitor] = [await freePort(), await freePort()]
    const noJs = await cli('broker', 'start', 'nojs', '--port', String(port), '--no-jetstream')
    assert.equal(noJs.code, 0, noJs.stderr)
    const nc = await connect({servers: `nats://127.0.0.1:${port}`})
    assert.ok(!nc.info?.jetstream)
    await nc.close()
    await cli('broker', 'stop', 'nojs')

    const storeDir = join(home.dir, 'custom-store')
    const start = await cli('broker', 'start', 'limits', '--store-dir', storeDir, '--max-memory', '64MiB', '--max-store', '1GiB', '--monitor', String(monitor))
    assert.equal(start.code, 0, start.stderr)
    assert.ok(existsSync(join(storeDir, 'jetstream')))
    const varz = (await (await fetch(`http://127.0.0.1:${monitor}/varz`)).json()) as {jetstream?: {config?: {max_memory?: number; max_storage?: number}}}
    assert.equal(varz.jetstream?.config?.max_memory, 64 * 1024 * 1024)
    assert.equal(varz.jetstream?.config?.max_storage, 1024 * 1024 * 1024)
    await cli('broker', 'stop', 'limits')
  })

  it('uses a random port and says so when 4222 is taken', async () => {
    // Hold 4222 ourselves if nobody else does (another process holding it is just as good).
    let holder: Server | undefined
    await new Promise<void>((resolve) => {
      const s = createServer()
      s.once('error', () => resolve())
      s.listen(4222, '127.0.0.1', () => {
        holder = s
        resolve()
      })
    })
    try {
      const start = await cli('broker', 'start', 'randomport')
      assert.equal(start.code, 0, start.stderr)
      assert.match(start.stderr, /Port 4222 is in use: broker "randomport" listens on port \d+ instead/)
      const info = await status('randomport')
      assert.notEqual(info.url, 'nats://127.0.0.1:4222')
    } finally {
      await cli('broker', 'stop', 'randomport')
      holder?.close()
    }
  })

  it('--listen on a non-loopback address generates a user and password (context and config 0600, not on argv)', async () => {
    const port = await freePort()
    const start = await cli('broker', 'start', 'open', '--listen', '0.0.0.0', '--port', String(port))
    assert.equal(start.code, 0, start.stderr)
    assert.match(start.stdout, /Authentication/)
    const contextFile = join(home.configDir, 'nats', 'context', 'open.json')
    const context = JSON.parse(readFileSync(contextFile, 'utf8')) as Record<string, string>
    assert.equal(statSync(contextFile).mode & 0o777, 0o600)
    assert.ok(context.user)
    // At least 128 bits: base64url of >= 16 bytes.
    assert.ok(context.password.length >= 22, context.password)
    const config = readFileSync(join(home.stateDir, 'natsctl', 'open', 'server.conf'), 'utf8')
    assert.ok(config.includes(context.password))
    const info = await status('open')
    assert.equal(info.auth, true)
    const cmdline = readFileSync(`/proc/${info.pid}/cmdline`, 'utf8')
    assert.ok(!cmdline.includes(context.password))
    await assert.rejects(connect({servers: `nats://127.0.0.1:${port}`, reconnect: false}))
    const nc = await connect({servers: `nats://127.0.0.1:${port}`, user: context.user, pass: context.password})
    await nc.close()
    // natsctl commands use the context's credentials.
    const pub = await cli('--context', 'open', 'pub', 'x', 'y')
    assert.equal(pub.code, 0, pub.stderr)
    await cli('broker', 'stop', 'open')
  })

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
    {
      // natsctl checks ports before it spawns, so a server that fails on its own is simulated by a binary
      // that writes nats-server's fatal line and exits.
      const fake = join(home.dir, 'failing-nats-server')
      writeFileSync(fake, '#!/bin/sh\necho "[1] 2026/01/01 00:00:00.000000 [FTL] Error listening on port: 127.0.0.1:4222, \\"listen tcp 127.0.0.1:4222: bind: address already in use\\"" >&2\nexit 1\n', {mode: 0o755})
      const result = await runCli(['broker', 'start', 'fails'], {env: {...env, NATS_SERVER_BIN: fake}})
      assert.equal(result.code, 1)
      const lines = result.stderr.trim().split('\n')
      assert.match(lines[0], /^natsctl: error: port 4222 is already in use/)
      assert.match(result.stderr, /last lines of .*server\.log/)
      assert.match(result.stderr, /\[FTL\] Error listening/)
      assert.deepEqual(JSON.parse((await cli('broker', 'ls', '--json')).stdout), [])
    }
  })

  it('--leafnode-port lets another broker leaf in, and the banner and ls show the leafnode connected', async () => {
    const leafPort = await freePort()
    const hubStart = await cli('broker', 'start', 'leafhub', '--leafnode-port', String(leafPort), '--js-domain', 'h')
    assert.equal(hubStart.code, 0, hubStart.stderr)
    const spoke = await cli('broker', 'start', 'spoke', '--js-domain', 's', '--leafnode-remote', `nats-leaf://127.0.0.1:${leafPort}`)
    assert.equal(spoke.code, 0, spoke.stderr)
    assert.match(spoke.stdout, new RegExp(`Leafnode remote: +nats-leaf://127\\.0\\.0\\.1:${leafPort} \\(connected\\)`))
    const ls = await cli('broker', 'ls')
    assert.match(ls.stdout, /│ spoke .*│ 1\/1 +│/)
    // When the hub goes away, status says the remote is not connected.
    await cli('broker', 'stop', 'leafhub')
    const info = await status('spoke')
    assert.deepEqual(info.leafnodes, [{url: `nats-leaf://127.0.0.1:${leafPort}`, connected: false}])
    await cli('broker', 'stop', 'spoke')
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
