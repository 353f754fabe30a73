// oclif fills a missing optional argument from a piped stdin unless told not to; the base command turns
// that off for every command. Without it, `... | natsctl reply svc` would reply with stdin instead of echoing.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {connect, type NatsConnection} from '@nats-io/transport-node'

import {makeHome, startCli, type TestHome} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/nats-server.js'

describe('piped stdin never fills an optional argument', () => {
  let server: TestServer
  let home: TestHome
  let nc: NatsConnection

  before(async () => {
    server = await startServer({jetstream: false})
    home = makeHome()
    nc = await connect({servers: server.url})
  })

  after(async () => {
    await nc.drain()
    await server.stop()
    home.cleanup()
  })

  it('reply with a piped stdin still echoes (stdin is not the BODY argument)', async () => {
    const replier = startCli(['reply', 'svc.stdin', '--count', '1', '-s', server.url], {env: home.env, input: 'from stdin\n'})
    await replier.waitFor('Listening on "svc.stdin"', 'stderr')
    const answer = await nc.request('svc.stdin', 'ping', {timeout: 5000})
    assert.equal(answer.string(), 'ping')
    const result = await replier.done
    assert.equal(result.code, 0, result.stderr)
  })
})
