// Brokers never touch a context natsctl did not write (issue 15, item 8), and never print leafnode
// credentials (item 9).

import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {makeHome, runCli, startCli, type TestHome} from '../helpers/cli.js'
import {freePort} from '../helpers/nats-server.js'

let home: TestHome
const cli = (...args: string[]) => runCli(args, {env: home.env})
const contextFile = (name: string) => join(home.configDir, 'nats', 'context', `${name}.json`)

describe('broker contexts', () => {
  before(() => {
    home = makeHome()
  })
  after(async () => {
    await cli('broker', 'stop', '--all')
    home?.cleanup()
  })

  it("broker start NAME refuses to overwrite the user's own context NAME and starts nothing", async () => {
    const add = await cli('context', 'add', 'mine', '--server', 'nats://prod.example.net:4222', '--user', 'alice', '--password', 'hunter2')
    assert.equal(add.code, 0, add.stderr)
    const before = readFileSync(contextFile('mine'), 'utf8')
    const start = await cli('broker', 'start', 'mine')
    assert.equal(start.code, 1, start.stderr)
    assert.match(start.stderr, /^natsctl: error: context "mine" exists and natsctl did not write it.*context rm mine/m)
    assert.equal(readFileSync(contextFile('mine'), 'utf8'), before)
    const status = await cli('broker', 'status', 'mine', '--json')
    assert.equal((JSON.parse(status.stdout) as {running: boolean}).running, false)
  })

  it('a user context NAME_system is not overwritten either', async () => {
    const add = await cli('context', 'add', 'hub_system', '--server', 'nats://sys.example.net:4222')
    assert.equal(add.code, 0, add.stderr)
    const start = await cli('broker', 'start', 'hub')
    assert.equal(start.code, 1, start.stderr)
    assert.match(start.stderr, /context "hub_system" exists and natsctl did not write it/)
    assert.match(readFileSync(contextFile('hub_system'), 'utf8'), /sys\.example\.net/)
  })

  it('the embedded default does not rewrite a user\'s context "local"', async () => {
    const h = makeHome()
    try {
      const add = await runCli(['context', 'add', 'local', '--server', 'nats://mine.example.net:4222', '--description', 'my own'], {env: h.env})
      assert.equal(add.code, 0, add.stderr)
      const path = join(h.configDir, 'nats', 'context', 'local.json')
      const before = readFileSync(path, 'utf8')
      const pub = await runCli(['pub', 'x', 'y'], {env: h.env})
      assert.equal(pub.code, 1, pub.stderr)
      assert.match(pub.stderr, /context "local" exists and natsctl did not write it.*--server/)
      assert.equal(readFileSync(path, 'utf8'), before)
    } finally {
      await runCli(['broker', 'stop', '--all'], {env: h.env})
      h.cleanup()
    }
  })

  it('its own broker context is reused across stop and start (marked), even after natscli rewrote it', async () => {
    const start = await cli('broker', 'start', 'own', '--port', String(await freePort()))
    assert.equal(start.code, 0, start.stderr)
    const settings = JSON.parse(readFileSync(contextFile('own'), 'utf8')) as Record<string, unknown>
    assert.equal(settings.natsctl_broker, 'own')
    assert.equal((await cli('broker', 'stop', 'own')).code, 0)
    // natscli drops fields it does not know when it saves: the description still says whose it is.
    delete settings.natsctl_broker
    writeFileSync(contextFile('own'), JSON.stringify(settings))
    const again = await cli('broker', 'start', 'own')
    assert.equal(again.code, 0, again.stderr)
    assert.equal((await cli('broker', 'stop', 'own')).code, 0)
  })

  it("broker run --clean keeps a context the user put in place of the broker's", async () => {
    const run = startCli(['broker', 'run', 'tmp', '--clean', '--port', String(await freePort())], {env: home.env})
    await run.waitFor('Press Ctrl-C')
    assert.equal((await cli('context', 'rm', 'tmp', '--force')).code, 0)
    assert.equal((await cli('context', 'add', 'tmp', '--server', 'nats://keep.example.net:4222')).code, 0)
    run.kill('SIGTERM')
    const result = await run.done
    assert.equal(result.code, 0, result.stderr)
    assert.match(readFileSync(contextFile('tmp'), 'utf8'), /keep\.example\.net/)
    assert.match(result.stderr, /Kept the context "tmp"/)
  })

  it('leafnode credentials are masked in the start banner, status (text, --json) and ls --json', async () => {
    const leafPort = await freePort()
    const secret = 'Sup3rSecretLeafPw'
    const start = await cli(
      'broker',
      'start',
      'leafy',
      '--port',
      String(await freePort()),
      '--leafnode-remote',
      `nats-leaf://leafuser:${secret}@127.0.0.1:${leafPort}`,
    )
    assert.equal(start.code, 0, start.stderr)
    assert.match(start.stdout, /nats-leaf:\/\/leafuser:\*\*\*@127\.0\.0\.1/)
    const outputs = [start.stdout + start.stderr]
    for (const args of [
      ['broker', 'status', 'leafy'],
      ['broker', 'status', 'leafy', '--json'],
      ['broker', 'ls', '--json'],
      ['broker', 'start', 'leafy', '--json'],
    ]) {
      const r = await cli(...args)
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stdout, /leafuser:\*\*\*@/, args.join(' '))
      outputs.push(r.stdout + r.stderr)
    }
    for (const text of outputs) assert.ok(!text.includes(secret), text)
    const bad = await cli('broker', 'start', 'leafz', '--leafnode-remote', `nats-leaf://leafuser:${secret}@127.0.0.1:${leafPort}/path`)
    assert.equal(bad.code, 2)
    assert.ok(!bad.stderr.includes(secret), bad.stderr)
  })
})
