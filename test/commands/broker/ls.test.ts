// broker ls (alias list) against real brokers, and what every command that never connects shares: no
// connection flags in its help, and --server refused as a usage error.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {connectionFlags} from '../../../src/lib/flags.js'
import {brokerHomeForThisFile} from '../../helpers/broker.js'
import {freePort} from '../../helpers/nats-server.js'

const {cli, ls} = brokerHomeForThisFile()

describe('broker ls', () => {
  it('says so on stderr when no broker runs; --json is []', async () => {
    const r = await cli('broker', 'ls')
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, '')
    assert.match(r.stderr, /No brokers are running \(start one with: natsctl broker start\)/)
    assert.deepEqual(await ls(), [])
  })

  it('lists the running brokers by name in a table and in --json (alias list)', async () => {
    const [p1, p2] = [await freePort(), await freePort()]
    assert.equal((await cli('broker', 'start', 'lsb', '--port', String(p1), '--no-jetstream')).code, 0)
    assert.equal((await cli('broker', 'start', 'lsa', '--port', String(p2), '--js-domain', 'da')).code, 0)
    const brokers = await ls()
    assert.deepEqual(
      brokers.map((b) => [b.name, b.url]),
      [
        ['lsa', `nats://127.0.0.1:${p2}`],
        ['lsb', `nats://127.0.0.1:${p1}`],
      ],
    )
    const table = await cli('broker', 'list')
    assert.equal(table.code, 0, table.stderr)
    assert.match(table.stdout, /Brokers/)
    // Name, PID and URL first; the JetStream domain further along the row.
    assert.match(table.stdout, new RegExp(`│ lsa +│ ${brokers[0].pid} +│ nats://127\\.0\\.0\\.1:${p2} +│[^\\n]*│ da +│`))
    assert.match(table.stdout, new RegExp(`│ lsb +│ ${brokers[1].pid} +│ nats://127\\.0\\.0\\.1:${p1} +│[^\\n]*│ disabled +│`))
    await cli('broker', 'stop', '--all')
  })

  it('takes no connection flags: --help lists none, and --server before or after the command is exit 2', async () => {
    const help = await cli('broker', 'ls', '--help')
    assert.equal(help.code, 0, help.stderr)
    assert.doesNotMatch(help.stdout, /CONNECTION/)
    for (const name of Object.keys(connectionFlags)) assert.ok(!help.stdout.includes(`--${name}`), `--${name} in:\n${help.stdout}`)
    for (const args of [
      ['broker', 'ls', '--server', 'nats://127.0.0.1:1'],
      ['--server', 'nats://127.0.0.1:1', 'broker', 'ls'],
      ['broker', 'ls', '-s', 'nats://127.0.0.1:1'],
      ['broker', 'ls', '--creds', '/nonexistent', '--tlsfirst'],
    ]) {
      const r = await cli(...args)
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.match(
        r.stderr,
        /^natsctl: error: broker ls does not connect to NATS: (--server|-s|--creds, --tlsfirst) (is not one of its flags|are not among its flags)\n$/,
      )
    }
  })
})
