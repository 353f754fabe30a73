// Errors as a user sees them, across commands: one line `natsctl: error: ...`, the exit code, a missing
// resource named alike by every command, nothing from the input splitting the line or reaching the terminal,
// and a connection flag on a command that does not connect explained.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {jetstreamManager} from '@nats-io/jetstream'
import {connect, type NatsConnection} from '@nats-io/transport-node'

import {makeHome, runCli, type TestHome} from '../helpers/cli.js'
import {startServer, stopAllServers, type TestServer} from '../helpers/nats-server.js'

let home: TestHome
let server: TestServer
let nc: NatsConnection
const cli = (...args: string[]) => runCli([...args, '--server', server.url], {env: home.env})

before(async () => {
  home = makeHome()
  server = await startServer({jetstream: true})
  nc = await connect({servers: server.url})
  await (await jetstreamManager(nc)).streams.add({name: 'THERE', subjects: ['there.>']})
})
after(async () => {
  await nc?.drain()
  await stopAllServers()
  home?.cleanup()
})

describe('errors as printed', () => {
  it('a missing stream is worded alike by every stream command, exit 1', async () => {
    for (const args of [
      ['stream', 'info', 'NOPE'],
      ['stream', 'rm', 'NOPE', '--force'],
      ['stream', 'purge', 'NOPE', '--force'],
      ['stream', 'get', 'NOPE', '1'],
      ['stream', 'edit', 'NOPE', '--description', 'x', '--force'],
      ['sub', 'x', '--stream', 'NOPE', '--all'],
    ]) {
      const r = await cli(...args)
      assert.equal(r.code, 1, args.join(' '))
      assert.equal(r.stderr, 'natsctl: error: stream "NOPE" not found\n', args.join(' '))
    }
    const message = await cli('stream', 'get', 'THERE', '7')
    assert.equal(message.stderr, 'natsctl: error: message 7 not found in stream "THERE"\n')
  })

  it('CR, LF and escape sequences from the input never split the line or reach the terminal', async () => {
    const name = 'X\r\nnatsctl: error: forged\u001b[31m'
    const r = await cli('stream', 'info', name)
    assert.equal(r.code, 2, r.stderr) // the client refuses the name before asking the server: bad input
    assert.equal(r.stderr.split('\n').length, 2, JSON.stringify(r.stderr)) // one line and its newline
    assert.ok(!r.stderr.includes('\r') && !r.stderr.includes('\u001b'), JSON.stringify(r.stderr))
    assert.match(r.stderr, /^natsctl: error: .*X\\r\\nnatsctl: error: forged\\u001b\[31m/)

    const subject = await cli('pub', 'a\r\nb', 'body')
    assert.equal(subject.code, 2)
    assert.equal(subject.stderr.split('\n').length, 2, JSON.stringify(subject.stderr))
  })

  it('a connection flag on a command that does not connect is explained, exit 2, and no value is echoed', async () => {
    const r = await runCli(['broker', 'ls', '--server', 'nats://x:1'], {env: home.env})
    assert.equal(r.code, 2)
    assert.equal(r.stderr, 'natsctl: error: broker ls does not connect to NATS: --server is not one of its flags\n')
    const leading = await runCli(['--tlsfirst', 'context', 'ls'], {env: home.env})
    assert.equal(leading.code, 2)
    assert.equal(leading.stderr, 'natsctl: error: context ls does not connect to NATS: --tlsfirst is not one of its flags\n')
    const secret = await runCli(['context', 'ls', '--password=hunter2'], {env: home.env})
    assert.equal(secret.code, 2)
    assert.ok(!secret.stderr.includes('hunter2'), secret.stderr)
  })

  it('DEBUG=natsctl prints the stack of the error and of each cause under it', async () => {
    const r = await runCli(['stream', 'info', 'NOPE', '--server', server.url], {env: {...home.env, DEBUG: 'natsctl'}})
    assert.equal(r.code, 1)
    const lines = r.stderr.split('\n')
    assert.equal(lines[0], 'natsctl: error: stream "NOPE" not found')
    assert.match(r.stderr, /\nNatsctlError: stream "NOPE" not found\n\s+at /)
    assert.match(r.stderr, /\ncaused by: StreamNotFoundError: stream not found\n\s+at /)
  })
})
