// natscli's default server: with nothing configured, natsctl uses the NATS server on 127.0.0.1:4222 when one
// answers there, starts its embedded broker `local` on that port when nothing listens, and refuses when
// something that is not NATS holds it. Each test home has its own default port (NATSCTL_DEFAULT_PORT, set
// by makeHome), standing in for 4222.

import assert from 'node:assert/strict'
import {createServer} from 'node:net'
import {after, describe, it} from 'node:test'

import {connect} from '@nats-io/transport-node'

import {makeHome, runCli, type TestHome} from '../helpers/cli.js'
import {startServer} from '../helpers/nats-server.js'

const homes: TestHome[] = []
function home(): TestHome {
  const h = makeHome()
  homes.push(h)
  return h
}

after(async () => {
  for (const h of homes) {
    await runCli(['broker', 'stop', '--all'], {env: h.env})
    h.cleanup()
  }
})

describe('the default server', () => {
  it('nothing listening: starts the broker "local" on the default port, which later commands find', async () => {
    const h = home()
    const port = Number(h.env.NATSCTL_DEFAULT_PORT)
    const first = await runCli(['pub', 'x', 'hi'], {env: h.env})
    assert.equal(first.code, 0, first.stderr)
    assert.match(first.stderr, new RegExp(`Started the embedded broker "local" at nats://127\\.0\\.0\\.1:${port} `))
    const status = await runCli(['broker', 'status', 'local', '--json'], {env: h.env})
    assert.equal(JSON.parse(status.stdout).url, `nats://127.0.0.1:${port}`)
    const again = await runCli(['pub', 'x', 'hi'], {env: h.env})
    assert.equal(again.code, 0, again.stderr)
    assert.doesNotMatch(again.stderr, /Started/)
  })

  it('a NATS server there: uses it silently, as natscli does, and starts no broker', async () => {
    const h = home()
    const port = Number(h.env.NATSCTL_DEFAULT_PORT)
    const theirs = await startServer({jetstream: false, port})
    const nc = await connect({servers: theirs.url})
    try {
      const sub = nc.subscribe('default.rule', {max: 1})
      await nc.flush()
      const pub = await runCli(['pub', 'default.rule', 'to the server on the default port'], {env: h.env})
      assert.equal(pub.code, 0, pub.stderr)
      assert.equal(pub.stderr, 'Published 33 bytes to "default.rule"\n')
      for await (const msg of sub) assert.equal(msg.string(), 'to the server on the default port')
      const ls = await runCli(['broker', 'ls', '--json'], {env: h.env})
      assert.deepEqual(JSON.parse(ls.stdout), [])
    } finally {
      await nc.close()
      await theirs.stop()
    }
  })

  it('something else there: an error naming the port and --embedded, never a quiet move', async () => {
    const h = home()
    const port = Number(h.env.NATSCTL_DEFAULT_PORT)
    const http = createServer((socket) => socket.on('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')))
    await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve))
    try {
      const pub = await runCli(['pub', 'x', 'hi', '--timeout', '1s'], {env: h.env})
      assert.equal(pub.code, 1)
      assert.equal(
        pub.stderr,
        `natsctl: error: port ${port} on 127.0.0.1 is held by something that is not a NATS server: free it, give a server with --server or NATS_URL, or use natsctl's own broker on another port with --embedded\n`,
      )
      const ls = await runCli(['broker', 'ls', '--json'], {env: h.env})
      assert.deepEqual(JSON.parse(ls.stdout), [])
      // --embedded still forces natsctl's own broker, on another port.
      const forced = await runCli(['pub', 'x', 'hi', '--embedded'], {env: h.env})
      assert.equal(forced.code, 0, forced.stderr)
      assert.match(forced.stderr, new RegExp(`Port ${port} is in use: broker "local" listens on port \\d+ instead`))
    } finally {
      http.close()
    }
  })

  it('--embedded=NAME talks to broker NAME, not to whatever holds the default port', async () => {
    const h = home()
    for (const name of ['alpha', 'beta']) {
      const start = await runCli(['broker', 'start', name], {env: h.env})
      assert.equal(start.code, 0, start.stderr)
    }
    const add = await runCli(['--embedded=beta', 'stream', 'add', 'ONLY_FOR_BETA', '--subjects', 'beta.>', '--defaults'], {env: h.env})
    assert.equal(add.code, 0, add.stderr)
    const onBeta = await runCli(['stream', 'ls', '--json', '--context', 'beta'], {env: h.env})
    assert.deepEqual(JSON.parse(onBeta.stdout), ['ONLY_FOR_BETA'])
    const onAlpha = await runCli(['stream', 'ls', '--json', '--context', 'alpha'], {env: h.env})
    assert.deepEqual(JSON.parse(onAlpha.stdout), [])
  })
})
