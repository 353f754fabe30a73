// Pure parts of the server commands: server ls warnings and missing servers, the rtt chart, and the broker
// config's accounts (system account; a login-requiring broker keeps clients out of $G).

import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {renderConfig} from '../../src/lib/broker/config.js'
import {clusters, missingServers, warnings} from '../../src/lib/server/list.js'
import {rttChart, summarise} from '../../src/lib/server/ping.js'
import type {Statsz, SysReply} from '../../src/lib/server/sys.js'

function reply(name: string, ver: string, routes: string[], clusterSize = 0): SysReply<Statsz> {
  return {
    server: {name, host: '127.0.0.1', id: `N${name}`, cluster: 'c', ver, jetstream: true, seq: 1, time: new Date().toISOString()},
    data: {
      start: new Date().toISOString(),
      mem: 1,
      cores: 2,
      cpu: 0,
      connections: 1,
      total_connections: 1,
      active_accounts: 1,
      subscriptions: 1,
      sent: {msgs: 0, bytes: 0},
      received: {msgs: 0, bytes: 0},
      slow_consumers: 0,
      routes: routes.map((r, i) => ({rid: i, name: r, sent: {sent: 0, bytes: 0}, received: {sent: 0, bytes: 0}, pending: 0})),
      ...(clusterSize ? {jetstream: {meta: {cluster_size: clusterSize}}} : {}),
    },
    rttMs: 1,
  }
}

describe('server ls analysis', () => {
  it('warns about versions and a cluster smaller than its meta group; names the missing', () => {
    const replies = [reply('a', '2.9.10', ['b'], 3), reply('b', '2.10.1', ['a'], 3)]
    const list = clusters(replies)
    assert.equal(list[0].expected, 3)
    const w = warnings(replies, list)
    assert.ok(
      w.some((x) => /different versions: 2\.9\.10 \(a\), 2\.10\.1 \(b\)/.test(x)),
      w.join('\n'),
    )
    assert.ok(
      w.some((x) => /cluster c has 2 of the 3 servers/.test(x)),
      w.join('\n'),
    )
    assert.deepEqual(missingServers(replies, ['a', 'b', 'c']), ['c'])
    assert.deepEqual(missingServers([reply('a', '2.9.10', ['b', 'z'])], []), ['b', 'z'])
  })
})

describe('server ping chart', () => {
  it('summarises and draws one bar per bucket', () => {
    assert.deepEqual(summarise([1, 2, 3]), {replies: 3, min: 1, avg: 2, max: 3})
    const chart = rttChart([0.2, 0.3, 4.9])
    assert.match(chart, /^Replies per 0\.5 ms/)
    assert.equal(chart.split('\n').filter((l) => l.includes('│')).length, 10)
  })
})

describe('broker config accounts', () => {
  const base = {serverName: 's', host: '127.0.0.1', port: 4222, portsDir: '/tmp/p', jetstream: true, storeDir: '/tmp/s'}
  const system = {user: 'system', password: 'p'.repeat(32)}
  it('loopback: clients in $G without credentials (no_auth_user), a system account with its user', () => {
    const config = renderConfig({...base, system, anonymous: {user: 'natsctl', password: 'x'.repeat(24)}})
    assert.match(config, /authorization \{\n {2}users: \[ \{user: "natsctl"/)
    assert.match(config, /SYS \{ users: \[ \{user: "system"/)
    assert.match(config, /system_account: SYS/)
    assert.match(config, /no_auth_user: "natsctl"/)
  })
  it('with a login: clients in account APP (JetStream), no no_auth_user, leafnodes bound to APP', () => {
    const config = renderConfig({...base, system, auth: {user: 'u', password: 'secret'}, leafPort: 7422, leafRemotes: ['nats-leaf://hub:7422']})
    assert.match(config, /APP \{ jetstream: enabled, users: \[ \{user: "u", password: "secret"\} \] \}/)
    assert.doesNotMatch(config, /no_auth_user/)
    assert.doesNotMatch(config, /^authorization/m)
    assert.match(config, /account: "APP"\n {2}\}/)
    assert.match(config, /url: "nats-leaf:\/\/hub:7422", account: "APP"/)
  })
})
