// broker logs (hidden alias server logs) against a real broker: the log, and --follow until interrupted.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {brokerHomeForThisFile} from '../../helpers/broker.js'
import {startCli} from '../../helpers/cli.js'
import {freePort} from '../../helpers/nats-server.js'

const {env, cli} = brokerHomeForThisFile()

describe('broker logs', () => {
  it('prints the log of a broker, running or stopped, or its last --lines; an unknown broker is an error', async () => {
    const port = await freePort()
    assert.equal((await cli('broker', 'start', 'printed', '--port', String(port))).code, 0)
    const logs = await cli('broker', 'logs', 'printed')
    assert.equal(logs.code, 0, logs.stderr)
    assert.match(logs.stdout, new RegExp(`Listening for client connections on 127\\.0\\.0\\.1:${port}\\n[^]*Server is ready`))
    await cli('broker', 'stop', 'printed')
    const after = await cli('broker', 'logs', 'printed')
    assert.equal(after.code, 0, after.stderr)
    assert.match(after.stdout, /Server Exiting/)
    const tail = await cli('broker', 'logs', 'printed', '--lines', '2')
    assert.equal(tail.code, 0, tail.stderr)
    assert.equal(tail.stdout, after.stdout.split('\n').slice(-3).join('\n'), 'the last 2 lines of the log')
    const unknown = await cli('broker', 'logs', 'never-started')
    assert.equal(unknown.code, 1)
    assert.match(unknown.stderr, /^natsctl: error: .*never-started/)
  })

  it('--follow prints new lines until interrupted', async () => {
    const port = await freePort()
    assert.equal((await cli('broker', 'start', 'logged', '--port', String(port))).code, 0)
    const follow = startCli(['broker', 'logs', 'logged', '--follow'], {env})
    await follow.waitFor('Server is ready', 'stdout')
    await cli('broker', 'stop', 'logged')
    await follow.waitFor('Server Exiting', 'stdout')
    follow.kill('SIGINT')
    const done = await follow.done
    assert.equal(done.code, 0, done.stderr)
  })
})
