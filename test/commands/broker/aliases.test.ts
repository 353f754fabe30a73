// `server run|start|stop|status|logs` are hidden aliases of the broker commands (natscli 0.3.2 had
// `server run`): each does what its broker command does, and none is listed. `server ls` is not one:
// the server topic is for inspecting NATS servers.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {isAlive} from '../../../src/lib/broker/alive.js'
import {brokerHomeForThisFile} from '../../helpers/broker.js'
import {ROOT, startCli} from '../../helpers/cli.js'
import {freePort} from '../../helpers/nats-server.js'

const {env, cli, status} = brokerHomeForThisFile()
const VERBS = ['logs', 'run', 'start', 'status', 'stop']

/** A status without what changes from one call to the next. */
const stable = ({uptimeMs: _, ...rest}: Record<string, unknown>) => rest

describe('server aliases of the broker commands', () => {
  it('server run|start|stop|status|logs each do what broker VERB does; none is listed; server ls is not one', async () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {
      commands: Record<string, {aliases: string[]; hiddenAliases?: string[]}>
    }
    for (const verb of VERBS) assert.deepEqual(manifest.commands[`broker:${verb}`].hiddenAliases, [`server:${verb}`])
    for (const command of Object.values(manifest.commands)) {
      assert.ok(![...(command.hiddenAliases ?? []), ...command.aliases].includes('server:ls'), 'server ls is no broker alias')
    }

    // start: the broker runs where it was asked to, with its context.
    const port = await freePort()
    const start = await cli('server', 'start', 'aliased', '--port', String(port), '--js-domain', 'dal')
    assert.equal(start.code, 0, start.stderr)
    assert.match(start.stdout, /^Broker "aliased" is running in the background\n/)
    const running = await status('aliased')
    assert.equal(running.running, true)
    assert.equal(running.url, `nats://127.0.0.1:${port}`)
    assert.equal(running.jsDomain, 'dal')

    // status and logs: the same answer as the broker commands.
    const [byServer, byBroker] = [await cli('server', 'status', 'aliased', '--json'), await cli('broker', 'status', 'aliased', '--json')]
    assert.equal(byServer.code, 0, byServer.stderr)
    assert.deepEqual(stable(JSON.parse(byServer.stdout)), stable(JSON.parse(byBroker.stdout)))
    const [serverLogs, brokerLogs] = [await cli('server', 'logs', 'aliased', '--lines', '3'), await cli('broker', 'logs', 'aliased', '--lines', '3')]
    assert.equal(serverLogs.code, 0, serverLogs.stderr)
    assert.match(serverLogs.stdout, /Server is ready/)
    assert.equal(serverLogs.stdout, brokerLogs.stdout)

    // stop: the process ends.
    const stop = await cli('server', 'stop', 'aliased')
    assert.equal(stop.code, 0, stop.stderr)
    assert.equal(stop.stdout, `Stopped broker "aliased" (pid ${running.pid})\n`)
    assert.equal(isAlive(running.pid!), false)
    assert.equal((await status('aliased')).running, false)

    // run: in the foreground until Ctrl-C, as broker run.
    const runPort = await freePort()
    const run = startCli(['server', 'run', 'foreground', '--port', String(runPort)], {env, timeoutMs: 60_000})
    await run.waitFor('Press Ctrl-C', 'stdout')
    const live = await status('foreground')
    assert.equal(live.url, `nats://127.0.0.1:${runPort}`)
    run.kill('SIGINT')
    const ran = await run.done
    assert.equal(ran.code, 0, ran.stderr)
    assert.equal(isAlive(live.pid!), false)
    assert.equal((await status('foreground')).running, false)

    // Hidden: the broker topic's help lists the broker commands only.
    const help = await cli('broker', '--help')
    for (const verb of [...VERBS, 'ls']) assert.match(help.stdout, new RegExp(`broker ${verb}\\b`))
    assert.doesNotMatch(help.stdout, /server (run|start|stop|status|logs)/)
  })
})
