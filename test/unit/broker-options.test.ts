// Pure parts of the broker: flag validation and the generated nats-server config (checked by `nats-server -t`).

import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'

import {findNatsServer} from '../../src/lib/broker/binary.js'
import {renderConfig} from '../../src/lib/broker/config.js'
import {brokerOptions, isLoopback} from '../../src/lib/broker/options.js'
import {UsageError} from '../../src/lib/errors.js'

const dir = mkdtempSync(join(tmpdir(), 'natsctl-broker-config-'))

function validate(config: string): void {
  const file = join(dir, 'test.conf')
  writeFileSync(file, config)
  const result = spawnSync(findNatsServer(), ['-t', '-c', file], {encoding: 'utf8'})
  assert.equal(result.status, 0, `${result.stderr}${result.stdout}\n${config}`)
}

after(() => rmSync(dir, {recursive: true, force: true}))

describe('broker options', () => {
  it('defaults: loopback, JetStream on, port chosen later, one node', () => {
    const options = brokerOptions({})
    assert.equal(options.listen, '127.0.0.1')
    assert.equal(options.jetstream, true)
    assert.equal(options.port, undefined)
    assert.equal(options.cluster, 1)
    assert.deepEqual(options.leafRemotes, [])
  })

  it('parses sizes and validates leafnode URLs', () => {
    const options = brokerOptions({
      'max-memory': '64MiB',
      'max-store': '1GB',
      'leafnode-remote': ['nats-leaf://hub:7422', 'tls://hub.example.com:7422'],
    })
    assert.equal(options.maxMemory, 64 * 1024 * 1024)
    assert.equal(options.maxStore, 1000 ** 3)
    assert.equal(options.leafRemotes.length, 2)
    for (const bad of ['http://hub:7422', 'hub:7422', 'nats-leaf://', 'nats-leaf://hub:7422/path']) {
      assert.throws(
        () => brokerOptions({'leafnode-remote': [bad]}),
        (e: Error) => e instanceof UsageError && /invalid leafnode URL/.test(e.message),
        bad,
      )
    }
  })

  it('rejects invalid combinations with a usage error', () => {
    const cases: Array<[Parameters<typeof brokerOptions>[0], RegExp]> = [
      [{jetstream: false, 'js-domain': 'x'}, /--js-domain needs JetStream/],
      [{jetstream: false, 'max-store': '1GB'}, /--max-store needs JetStream/],
      [{'leafnode-creds': '/x.creds'}, /--leafnode-creds needs a --leafnode-remote/],
      [{cluster: 3, listen: '0.0.0.0'}, /--cluster runs its nodes on loopback/],
      [{cluster: 3, monitor: 8222}, /--cluster cannot be combined/],
      [{port: 4222, monitor: 4222}, /must be different ports/],
      [{port: 70_000}, /invalid --port/],
      [{'js-domain': 'a.b'}, /invalid --js-domain/],
      [{cluster: 0}, /invalid --cluster/],
    ]
    for (const [flags, message] of cases) {
      assert.throws(
        () => brokerOptions(flags),
        (e: Error) => e instanceof UsageError && message.test(e.message),
        JSON.stringify(flags),
      )
    }
  })

  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) assert.ok(isLoopback(host), host)
    for (const host of ['0.0.0.0', '192.168.1.10', '::']) assert.ok(!isLoopback(host), host)
  })
})

describe('broker config', () => {
  it('renders a config nats-server accepts, with every option', () => {
    const creds = join(dir, 'leaf.creds')
    writeFileSync(creds, '')
    const config = renderConfig({
      serverName: 'edge "quoted"',
      host: '0.0.0.0',
      port: -1,
      portsDir: join(dir, 'ports'),
      jetstream: true,
      jsDomain: 'embedded',
      storeDir: join(dir, 'store with space'),
      maxMemory: 1024 * 1024,
      maxStore: 1024 * 1024 * 1024,
      leafRemotes: ['nats-leaf://127.0.0.1:7422', 'tls://hub.example.com:7422'],
      leafCreds: creds,
      leafPort: 7423,
      monitorHost: '127.0.0.1',
      monitorPort: -1,
      auth: {user: 'natsctl-abc', password: 'p"w\\d'},
    })
    assert.match(config, /domain: "embedded"/)
    assert.match(config, /max_memory_store: 1048576/)
    assert.match(config, /credentials: /)
    assert.match(config, /authorization \{/)
    validate(config)
  })

  it('renders a cluster node config and a config without JetStream', () => {
    validate(
      renderConfig({
        serverName: 'trio-1',
        host: '127.0.0.1',
        port: -1,
        portsDir: dir,
        jetstream: true,
        storeDir: join(dir, 'n1'),
        monitorPort: -1,
        cluster: {name: 'trio', host: '127.0.0.1', port: 6222, routes: ['nats-route://127.0.0.1:6223', 'nats-route://127.0.0.1:6224']},
      }),
    )
    const plain = renderConfig({serverName: 'plain', host: '127.0.0.1', port: 4222, portsDir: dir, jetstream: false, storeDir: dir})
    assert.doesNotMatch(plain, /jetstream/)
    validate(plain)
  })
})
