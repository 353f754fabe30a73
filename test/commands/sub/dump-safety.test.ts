// `sub --dump DIR` never writes through a link planted in DIR and never overwrites an earlier dump
// (issue 15, item 7): each file is created exclusively; a clash ends the command naming the file.

import assert from 'node:assert/strict'
import {mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {connect, type NatsConnection} from '@nats-io/transport-node'

import {makeHome, type RunningCli, startCli, type TestHome} from '../../helpers/cli.js'
import {startServer, type TestServer} from '../../helpers/nats-server.js'

let server: TestServer
let home: TestHome
let nc: NatsConnection

function sub(args: string[]): RunningCli {
  return startCli(['sub', '-s', server.url, ...args], {env: home.env, timeoutMs: 30_000})
}

describe('sub --dump safety', () => {
  before(async () => {
    server = await startServer({jetstream: false})
    home = makeHome()
    nc = await connect({servers: server.url})
  })
  after(async () => {
    await nc?.close()
    await server?.stop()
    home?.cleanup()
  })

  it('refuses to write through a symlink in the dump directory; the link target is untouched', async () => {
    const dir = join(home.dir, 'dump-link')
    mkdirSync(dir)
    const victim = join(home.dir, 'victim.txt')
    writeFileSync(victim, 'precious')
    symlinkSync(victim, join(dir, '1.json'))
    const cli = sub(['link.x', '--dump', dir, '--count', '1'])
    await cli.waitFor('Subscribing on', 'stderr')
    nc.publish('link.x', 'payload')
    const result = await cli.done
    assert.equal(readFileSync(victim, 'utf8'), 'precious')
    assert.equal(result.code, 1, result.stderr)
    assert.match(result.stderr, /natsctl: error: .*1\.json.* already exists/)
    assert.doesNotMatch(result.stderr, /\n\s+at /)
  })

  it('refuses to overwrite an earlier dump file', async () => {
    const dir = join(home.dir, 'dump-again')
    mkdirSync(dir)
    writeFileSync(join(dir, '1.json'), 'earlier')
    const cli = sub(['again.x', '--dump', dir, '--count', '1'])
    await cli.waitFor('Subscribing on', 'stderr')
    nc.publish('again.x', 'payload')
    const result = await cli.done
    assert.equal(readFileSync(join(dir, '1.json'), 'utf8'), 'earlier')
    assert.equal(result.code, 1, result.stderr)
    assert.match(result.stderr, /1\.json/)
  })
})
