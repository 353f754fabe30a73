// natscli's server and account examples (cli/cheats/server.md, account.md and the README's), run as
// natscli-cheats.test.ts runs the others: as written, against a real server with a system account. The system
// user is `system`, its password in NATS_PASSWORD as a context would hold it, and the application account is
// WEATHER. Lines without --user get the system user from NATS_USER, as from a selected context. Examples that
// natsctl answers differently are todo tests (GAPS), so the gap is visible and a fix shows.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {jetstreamManager} from '@nats-io/jetstream'
import {connect, type NatsConnection} from '@nats-io/transport-node'

import type {Example} from './natscli-cheats-support.js'
import {makeHome, runCli} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/nats-server.js'

const SERVER: Example[] = [
  {args: ['server', 'ping', '--id', '--graph', '--user', 'system'], stdout: /nats1\.example\.net/},
  {args: ['server', 'info', 'nats1.example.net', '--user', 'system'], stdout: /nats1\.example\.net/},
  {args: ['server', 'info', '$ID', '--user', 'system'], stdout: /nats1\.example\.net/, note: "the server's ID"},
  {args: ['server', 'list', '10', '--user', 'system'], code: 1, note: 'one server of the 10 expected answers: exit 1'},
  {args: ['server', 'report', 'connections']},
  {args: ['server', 'report', 'connz', '--account', 'WEATHER']},
  {args: ['server', 'report', 'connz', '--sort', 'in-msgs']},
  {args: ['server', 'report', 'connz', '--top', '10', '--sort', 'in-msgs']},
  {args: ['server', 'report', 'accounts'], stdout: /WEATHER/, note: 'accounts with connections: the test holds one in WEATHER'},
  {
    args: ['server', 'report', 'accounts', 'WEATHER', '--sort', 'in-msgs', '--top', '10'],
    stdout: /WEATHER/,
    note: "--account WEATHER → WEATHER: natscli's account is an argument (the cheat is stale)",
  },
  {args: ['server', 'req', 'variables', '--name', 'nats1.example.net'], stdout: /"server_name": "nats1\.example\.net"/},
  {args: ['server', 'req', 'variables', '--name', 'nats9.example.net'], code: 1, note: 'a name no server has: nobody answers, exit 1'},
  // natscli's other filter on server request, not in the cheat: --tags
  {args: ['server', 'req', 'varz', '--tags', 'az:1'], stdout: /"server_name": "nats1\.example\.net"/},
  {args: ['server', 'req', 'varz', '--tags', 'az:9'], code: 1, note: 'a tag no server has: nobody answers, exit 1'},
  // natscli's per-kind `server request` flags, each checked by what the server sent back.
  {
    args: ['server', 'request', 'subscriptions', '--detail', '--filter-account', 'WEATHER'],
    stdout: /"subscriptions_list"/,
    note: '--cluster EAST left out: the test server is in no cluster, so nobody would answer',
  },
  {args: ['server', 'req', 'connections', '--filter-state', 'open'], stdout: /"authorized_user": "weather"/},
  {args: ['server', 'req', 'connections', '--filter-user', 'nobody'], stdout: /"num_connections": 0/},
  {args: ['server', 'req', 'connz', '--subscriptions', '--name', 'nats1.example.net'], stdout: /"subscriptions_list_detail"/},
  {args: ['server', 'req', 'gateways', '--filter-name', 'EAST'], stdout: /"outbound_gateways"/},
  {args: ['server', 'req', 'leafnodes', '--subscriptions'], stdout: /"leafnodes"/},
  {args: ['server', 'req', 'accounts', '--account', 'WEATHER'], stdout: /"account_detail"[\s\S]*"account_name": "WEATHER"/},
  {args: ['server', 'req', 'jsz', '--leader'], stdout: /"server_id"/, note: 'a lone server is its own meta leader'},
  {args: ['server', 'req', 'jsz', '--accounts'], stdout: /"account_details"/},
  {args: ['server', 'req', 'varz', '1'], stdout: /"server_name"/, note: "natscli's WAIT argument"},
  {args: ['server', 'req', 'varz', '--sort', 'cid'], code: 2, note: 'a flag of another kind is a usage error'},
  {args: ['server', 'report', 'jetstream', '--account', 'WEATHER', '--sort', 'cluster'], stdout: /nats1\.example\.net/},
  {args: ['server', 'ping']},
  {args: ['server', 'list']},
  {args: ['server', 'info', 'nats1.example.net'], note: 'nc1-c1 → the test server'},
]

// natscli's examples natsctl runs but answers differently: each is a gap, reported (run as a todo, so a fix shows).
const GAPS: Array<[string[], string]> = []

const SKIPPED: Array<[string, string]> = [
  ['nats server report connz --filter EXPR', 'no --filter expressions'],
  ['nats server password / pass', 'no server password'],
  ['nats server raft step-down', 'no server raft'],
  ['nats account report connections, nats account backup', 'only account info'],
]

describe("natscli's server examples run unchanged", () => {
  let server: TestServer
  let id: string
  let nc: NatsConnection
  const home = makeHome()
  before(async () => {
    server = await startServer({
      jetstream: true,
      serverName: 'nats1.example.net',
      extraConfig: `accounts {
  WEATHER { jetstream: enabled, users: [ {user: "weather", password: "weather-password"} ] }
  OTHER { jetstream: enabled, users: [ {user: "other", password: "other-password"} ] }
  SYS { users: [ {user: "system", password: "system-password"} ] }
}
system_account: SYS
server_tags: ["az:1"]`,
    })
    // An application connection, so WEATHER has activity to report.
    nc = await connect({servers: server.url, user: 'weather', pass: 'weather-password'})
    id = nc.info!.server_id
    // Streams in two accounts, so a report scoped to one account can be told from the server's totals.
    const other = await connect({servers: server.url, user: 'other', pass: 'other-password'})
    for (const [conn, name, count] of [
      [nc, 'FORECAST', 3],
      [other, 'OTHERS', 5],
    ] as const) {
      const jsm = await jetstreamManager(conn)
      await jsm.streams.add({name, subjects: [`${name.toLowerCase()}.>`]})
      for (let i = 0; i < count; i++) await jsm.jetstream().publish(`${name.toLowerCase()}.x`, 'm')
    }
    await other.close()
  })
  after(async () => {
    await nc.close()
    await server.stop()
    home.cleanup()
  })
  const env = () => ({...home.env, NATS_URL: server.url, NATS_PASSWORD: 'system-password', NATS_USER: 'system'})
  const exercise = async (example: Example) => {
    const args = example.args.map((a) => (a === '$ID' ? id : a))
    const r = await runCli(args, {env: env()})
    assert.equal(r.code, example.code ?? 0, `${args.join(' ')}\n${r.stderr}`)
    if (example.stdout) assert.match(r.stdout, example.stdout)
  }
  for (const example of SERVER) {
    it(`nats ${example.args.join(' ')}${example.note ? `   (${example.note})` : ''}`, () => exercise(example))
  }
  for (const [args, gap] of GAPS) it(`nats ${args.join(' ')}`, {todo: gap}, () => exercise({args}))
  for (const [line, why] of SKIPPED) it(line, {skip: why}, () => {})
  it('server report jetstream --account counts that account alone', async () => {
    const report = async (...extra: string[]) => {
      const r = await runCli(['server', 'report', 'jetstream', '--json', ...extra], {env: env()})
      assert.equal(r.code, 0, r.stderr)
      return (JSON.parse(r.stdout) as {servers: Array<{data: {streams: number; messages: number}}>}).servers[0].data
    }
    const all = await report()
    assert.equal(all.messages, 8)
    assert.equal(all.streams, 2)
    const scoped = await report('--account', 'WEATHER')
    assert.equal(scoped.messages, 3)
    assert.equal(scoped.streams, 1)
    const missing = await runCli(['server', 'report', 'jetstream', '--account', 'NOPE'], {env: env()})
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /account "NOPE" has no JetStream/)
  })
  it('nats account info (as the application user)', async () => {
    const r = await runCli(['account', 'info'], {env: {...home.env, NATS_URL: server.url, NATS_USER: 'weather', NATS_PASSWORD: 'weather-password'}})
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /WEATHER/)
  })
})
