// Key-value and object stores across JetStream domains (issue 12): the hub and edge of the seed scenario (an
// edge broker with JetStream domain "embedded" and a leafnode remote to the hub). From a client of the hub:
// a bucket on the edge is created, written, read and watched through the leafnode; a hub bucket mirrors it
// (and another sources it); an object round-trips byte for byte.
import assert from 'node:assert/strict'
import {randomBytes} from 'node:crypto'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'

import {jetstreamManager} from '@nats-io/jetstream'
import {connect, type NatsConnection} from '@nats-io/transport-node'

import {makeHome, runCli, startCli, type TestHome} from '../helpers/cli.js'
import {startServer, stopAllServers, type TestServer} from '../helpers/nats-server.js'

describe('kv and object stores across a leafnode, in the edge domain "embedded"', () => {
  let hub: TestServer
  let edge: TestServer
  let home: TestHome
  let nc: NatsConnection
  let dir: string
  const cli = (args: string[], options: {cwd?: string; input?: string} = {}) => runCli([...args, '--server', hub.url], {env: home.env, ...options})
  const edgeCli = (...args: string[]) => runCli([...args, '--server', edge.url], {env: home.env})

  /** Polls until `kv get` on the hub answers with the value (a mirror or source catching up). */
  async function waitForValue(bucket: string, key: string, value: string): Promise<void> {
    let last
    for (let i = 0; i < 100; i++) {
      last = await cli(['kv', 'get', bucket, key, '--raw'])
      if (last.code === 0 && last.stdout === value) return
      await sleep(200)
    }
    assert.fail(`kv get ${bucket} ${key}: ${last?.stdout}${last?.stderr}`)
  }

  before(async () => {
    hub = await startServer({domain: 'hub', leafnodes: true, serverName: 'hub'})
    edge = await startServer({domain: 'embedded', leafRemotes: [`nats-leaf://127.0.0.1:${hub.leafPort}`], serverName: 'edge'})
    home = makeHome()
    dir = mkdtempSync(join(tmpdir(), 'natsctl-kv-domains-'))
    nc = await connect({servers: hub.url})
    for (let i = 0; ; i++) {
      try {
        await (await jetstreamManager(nc, {domain: 'embedded', timeout: 1000})).getAccountInfo()
        break
      } catch (error) {
        if (i > 100) throw error
        await sleep(100)
      }
    }
  })
  after(async () => {
    await nc?.close()
    await stopAllServers()
    home?.cleanup()
    if (dir) rmSync(dir, {force: true, recursive: true})
  })

  it('kv add, put, get from a hub client with --js-domain embedded: the bucket lives on the edge', async () => {
    const add = await cli(['kv', 'add', 'CFG', '--history', '5', '--js-domain', 'embedded'])
    assert.equal(add.code, 0, add.stderr)
    assert.match(add.stdout, /Bucket Name: CFG/)
    assert.equal((await cli(['kv', 'ls', '--names'])).stdout, '', 'nothing on the hub')
    assert.equal((await edgeCli('kv', 'ls', '--names')).stdout, 'CFG\n', 'the edge has it')
    const put = await cli(['kv', 'put', 'CFG', 'log.level', 'debug', '--js-domain', 'embedded'])
    assert.equal(put.code, 0, put.stderr)
    const get = await cli(['kv', 'get', 'CFG', 'log.level', '--raw', '--js-domain', 'embedded'])
    assert.equal(get.code, 0, get.stderr)
    assert.equal(get.stdout, 'debug')
    assert.equal((await edgeCli('kv', 'get', 'CFG', 'log.level', '--raw')).stdout, 'debug', 'stored on the edge')
    const missing = await cli(['kv', 'get', 'CFG', 'nope', '--js-domain', 'embedded'])
    assert.equal(missing.stderr, 'natsctl: error: key "nope" not found in bucket "CFG"\n')
    const noDomain = await cli(['kv', 'get', 'CFG', 'log.level', '--js-domain', 'nowhere'])
    assert.equal(noDomain.code, 1)
    assert.match(noDomain.stderr, /no JetStream in domain "nowhere"/)
  })

  it('kv watch from the hub sees the edge bucket change as it happens', async () => {
    const w = startCli(['kv', 'watch', 'CFG', '--js-domain', 'embedded', '--server', hub.url], {env: home.env})
    await w.waitFor('PUT CFG > log.level: debug', 'stdout')
    assert.equal((await cli(['kv', 'put', 'CFG', 'log.level', 'info', '--js-domain', 'embedded'])).code, 0)
    assert.equal((await edgeCli('kv', 'put', 'CFG', 'feature.x', 'on')).code, 0)
    await w.waitFor('PUT CFG > feature.x: on', 'stdout')
    w.kill('SIGINT')
    const r = await w.done
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /PUT CFG > log\.level: info\n/)
  })

  it('kv add CFG_BACKUP --mirror CFG --mirror-domain embedded on the hub reaches the edge values', async () => {
    const r = await cli(['kv', 'add', 'CFG_BACKUP', '--mirror', 'CFG', '--mirror-domain', 'embedded'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /\nMirror Information:\n\n +Origin Bucket: CFG\n +External API: \$JS\.embedded\.API\n/)
    const config = (await (await jetstreamManager(nc)).streams.info('KV_CFG_BACKUP')).config
    assert.deepEqual(config.mirror, {external: {api: '$JS.embedded.API', deliver: ''}, name: 'KV_CFG'})
    await waitForValue('CFG_BACKUP', 'log.level', 'info')
    await waitForValue('CFG_BACKUP', 'feature.x', 'on')
    // New values on the edge keep arriving.
    assert.equal((await edgeCli('kv', 'put', 'CFG', 'feature.y', 'off')).code, 0)
    await waitForValue('CFG_BACKUP', 'feature.y', 'off')
    const keys = await cli(['kv', 'ls', 'CFG_BACKUP'])
    assert.equal(keys.stdout, 'feature.x\nfeature.y\nlog.level\n')
  })

  it('a hub bucket of the same name can aggregate the edge bucket with --source (JSON with a domain)', async () => {
    const r = await cli(['kv', 'add', 'CFG', '--source', '{"name":"CFG","domain":"embedded"}'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /\nSources Information:\n\n +Source Bucket: CFG\n +External API: \$JS\.embedded\.API\n/)
    await waitForValue('CFG', 'feature.y', 'off')
  })

  it('object put and get with --js-domain embedded round-trip a file byte for byte', async () => {
    const data = randomBytes(1_500_000)
    writeFileSync(join(dir, 'firmware.bin'), data)
    assert.equal((await cli(['object', 'add', 'FILES', '--js-domain', 'embedded'])).code, 0)
    const put = await cli(['object', 'put', 'FILES', 'firmware.bin', '--js-domain', 'embedded'], {cwd: dir})
    assert.equal(put.code, 0, put.stderr)
    assert.equal((await edgeCli('object', 'ls', '--names')).stdout, 'FILES\n', 'the bucket lives on the edge')
    const get = await cli(['object', 'get', 'FILES', 'firmware.bin', '--output', 'back.bin', '--js-domain', 'embedded'], {cwd: dir})
    assert.equal(get.code, 0, get.stderr)
    assert.deepEqual(readFileSync(join(dir, 'back.bin')), data)
  })
})
