// What a natscli user types works unchanged: topic aliases, verb aliases, `context -`, `-j`, and an unknown
// command is named as typed (with spaces), with a suggestion, exit 2.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {makeHome, runCli, type TestHome} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/nats-server.js'

let home: TestHome
let server: TestServer

before(async () => {
  home = makeHome()
  server = await startServer({jetstream: true})
})
after(async () => {
  await server.stop()
  home.cleanup()
})

describe('natscli words', () => {
  it('takes topic and verb aliases: s ls, str i, ctx select, ctx -', async () => {
    const s = ['--server', server.url]
    assert.equal((await runCli(['s', 'add', 'HAB', '--subjects', 'hab.>', '--defaults', ...s], {env: home.env})).code, 0)
    const ls = await runCli(['s', 'ls', '-j', ...s], {env: home.env})
    assert.equal(ls.code, 0, ls.stderr)
    assert.match(ls.stdout, /HAB/)
    const info = await runCli(['str', 'i', 'HAB', '--json', ...s], {env: home.env})
    assert.equal(info.code, 0, info.stderr)
    assert.match(info.stdout, /"name": "HAB"/)

    for (const name of ['one', 'two']) {
      assert.equal((await runCli(['ctx', 'add', name, '--server', server.url], {env: home.env})).code, 0)
    }
    assert.equal((await runCli(['ctx', 'select', 'one'], {env: home.env})).code, 0)
    assert.equal((await runCli(['ctx', 'select', 'two'], {env: home.env})).code, 0)
    const back = await runCli(['ctx', '-'], {env: home.env})
    assert.equal(back.code, 0, back.stderr)
    const selected = await runCli(['context', 'info', '--json'], {env: home.env})
    assert.equal(JSON.parse(selected.stdout).name, 'one')
  })

  it('names an unknown command as typed, suggests the closest, and exits 2', async () => {
    const typo = await runCli(['stream', 'lss'], {env: home.env})
    assert.equal(typo.code, 2)
    assert.equal(typo.stderr, 'natsctl: error: command "stream lss" not found: did you mean "stream ls"? (see: natsctl --help)\n')
    const unknown = await runCli(['frobnicate'], {env: home.env})
    assert.equal(unknown.code, 2)
    assert.match(unknown.stderr, /^natsctl: error: command "frobnicate" not found \(see: natsctl --help\)\n$/)
  })
})
