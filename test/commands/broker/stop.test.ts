// broker stop (hidden alias server stop) against real brokers: the process ends, the store and context
// stay, a broker that is not running is no error, --all stops every one.
import assert from 'node:assert/strict'
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {describe, it} from 'node:test'

import {isAlive} from '../../../src/lib/broker/alive.js'
import {brokerHomeForThisFile} from '../../helpers/broker.js'
import {freePort} from '../../helpers/nats-server.js'

const {home, cli, status, ls} = brokerHomeForThisFile()

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(50)
  return !isAlive(pid)
}

describe('broker stop', () => {
  it('stops the nats-server and keeps the store and the context; stopping again is no error', async () => {
    assert.equal((await cli('broker', 'start', 'stopped', '--port', String(await freePort()))).code, 0)
    const {pid} = await status('stopped')
    const r = await cli('broker', 'stop', 'stopped')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, `Stopped broker "stopped" (pid ${pid})\n`)
    assert.ok(await gone(pid!))
    assert.equal((await status('stopped')).running, false)
    assert.ok(existsSync(join(home.dataDir, 'natsctl', 'stopped', 'jetstream')), 'the store stays')
    assert.ok(existsSync(join(home.configDir, 'nats', 'context', 'stopped.json')), 'the context stays')
    const again = await cli('broker', 'stop', 'stopped')
    assert.equal(again.code, 0)
    assert.equal(again.stdout, '')
    assert.match(again.stderr, /Broker "stopped" is not running/)
  })

  it('--all stops every broker; a name with --all is a usage error', async () => {
    assert.equal((await cli('broker', 'start', 'all1', '--no-jetstream', '--port', String(await freePort()))).code, 0)
    assert.equal((await cli('broker', 'start', 'all2', '--no-jetstream', '--port', String(await freePort()))).code, 0)
    const pids = (await ls()).map((b) => b.pid!)
    assert.equal(pids.length, 2)
    const both = await cli('broker', 'stop', 'all1', '--all')
    assert.equal(both.code, 2)
    assert.match(both.stderr, /give a broker name or --all, not both/)
    const r = await cli('broker', 'stop', '--all', '--json')
    assert.equal(r.code, 0, r.stderr)
    const results = JSON.parse(r.stdout) as Array<{stopped: boolean}>
    assert.equal(results.filter((x) => x.stopped).length, 2)
    for (const pid of pids) assert.ok(await gone(pid))
    assert.deepEqual(await ls(), [])
    const none = await cli('broker', 'stop', '--all')
    assert.equal(none.code, 0)
    assert.match(none.stderr, /No brokers are running/)
  })
})
