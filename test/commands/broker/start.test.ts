// broker start against the real nats-server, in a temporary home: the background broker, its context,
// state and store, every option reaching the server, leafnodes. (The lifecycle test also runs status, ls,
// logs and stop on what it started; failures are in start.failures.test.ts.)
import assert from 'node:assert/strict'
import {existsSync, readFileSync, statSync} from 'node:fs'
import {createServer, type Server} from 'node:net'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {jetstreamManager} from '@nats-io/jetstream'
import {connect} from '@nats-io/transport-node'

import {isAlive} from '../../../src/lib/broker/alive.js'
import {freePort} from '../../helpers/nats-server.js'
import {brokerHomeForThisFile, type BrokerInfoJson} from '../../helpers/broker.js'

const {home, cli, status} = brokerHomeForThisFile()
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
    assert.deepEqual(
      (JSON.parse(ls.stdout) as BrokerInfoJson[]).map((b) => b.name),
      ['one'],
    )
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
    const start = await cli(
      'broker',
      'start',
      'limits',
      '--store-dir',
      storeDir,
      '--max-memory',
      '64MiB',
      '--max-store',
      '1GiB',
      '--monitor',
      String(monitor),
    )
    assert.equal(start.code, 0, start.stderr)
    assert.ok(existsSync(join(storeDir, 'jetstream')))
    const varz = (await (await fetch(`http://127.0.0.1:${monitor}/varz`)).json()) as {
      jetstream?: {config?: {max_memory?: number; max_storage?: number}}
    }
    assert.equal(varz.jetstream?.config?.max_memory, 64 * 1024 * 1024)
    assert.equal(varz.jetstream?.config?.max_storage, 1024 * 1024 * 1024)
    await cli('broker', 'stop', 'limits')
  })

  it('uses a random port and says so when the default port (4222) is taken', async () => {
    // Hold this home's default port (NATSCTL_DEFAULT_PORT, 4222 for users) ourselves.
    const port = Number(home.env.NATSCTL_DEFAULT_PORT)
    let holder: Server | undefined
    await new Promise<void>((resolve) => {
      const s = createServer()
      s.once('error', () => resolve())
      s.listen(port, '127.0.0.1', () => {
        holder = s
        resolve()
      })
    })
    try {
      const start = await cli('broker', 'start', 'randomport')
      assert.equal(start.code, 0, start.stderr)
      assert.match(start.stderr, new RegExp(`Port ${port} is in use: broker "randomport" listens on port \\d+ instead`))
      const info = await status('randomport')
      assert.notEqual(info.url, `nats://127.0.0.1:${port}`)
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
})
