// context ls: the Known Contexts table, --names and --json (secrets masked). It never connects.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {connectionFlags} from '../../../src/lib/flags.js'
import {runCli} from '../../helpers/cli.js'
import {homesForThisFile, writeNatscliContext} from '../../helpers/contexts.js'

const home = homesForThisFile()

describe('context ls', () => {
  it('says so when there are no contexts', async () => {
    const h = home()
    const r = await runCli(['context', 'ls'], {env: h.env})
    assert.equal(r.code, 0)
    assert.equal(r.stdout.trim(), 'No known contexts')
  })

  it('draws a Known Contexts table with the selected one marked, --names and --json (masked)', async () => {
    const h = home()
    writeNatscliContext(h, 'edge', {description: 'Edge node'})
    writeNatscliContext(h, 'prod', {description: 'Production', password: 'hunter2'})
    writeFileSync(join(h.configDir, 'nats', 'context.txt'), 'prod')
    const r = await runCli(['context', 'list'], {env: h.env})
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /Known Contexts/)
    assert.match(r.stdout, /│ Name +│ Description +│/)
    assert.match(r.stdout, /│ prod\* +│ Production +│/)
    assert.match(r.stdout, /│ edge +│ Edge node +│/)

    const names = await runCli(['context', 'ls', '--names'], {env: h.env})
    assert.equal(names.stdout, 'edge\nprod\n')

    const json = await runCli(['context', 'ls', '--json'], {env: h.env})
    const list = JSON.parse(json.stdout) as Array<Record<string, unknown>>
    assert.deepEqual(
      list.map((c) => c.name),
      ['edge', 'prod'],
    )
    assert.equal(list[1].description, 'Production')
    assert.equal(list[1].password, '***')
    assert.equal(list[1].future_field, 1)
    assert.doesNotMatch(json.stdout, /hunter2/)
  })

  it('lines up wide characters (the table goes through cli-table3, loaded from its own bundle part)', async () => {
    const h = home()
    writeNatscliContext(h, 'tokyo', {description: '東京 cluster'})
    const r = await runCli(['context', 'ls'], {env: h.env})
    assert.equal(r.code, 0, r.stderr)
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('│'))
    assert.match(rows.at(-1) ?? '', /│ tokyo +│ 東京 cluster +│/)
    // Every row as wide on screen: each CJK character takes two columns.
    const width = (line: string) => [...line].reduce((n, c) => n + (/[\u3000-\u9fff]/.test(c) ? 2 : 1), 0)
    assert.equal(new Set(rows.map(width)).size, 1)
  })

  it('takes no connection flags: --help lists none, and --server before or after the command is exit 2', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    const help = await runCli(['context', 'ls', '--help'], {env: h.env})
    assert.equal(help.code, 0, help.stderr)
    assert.doesNotMatch(help.stdout, /CONNECTION/)
    for (const name of Object.keys(connectionFlags)) assert.ok(!help.stdout.includes(`--${name}`), `--${name} in:\n${help.stdout}`)
    for (const args of [
      ['context', 'ls', '--server', 'nats://127.0.0.1:1'],
      ['--server', 'nats://127.0.0.1:1', 'context', 'ls'],
      ['context', 'ls', '--context', 'a'],
    ]) {
      const r = await runCli(args, {env: h.env})
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.match(r.stderr, /^natsctl: error: context ls does not connect to NATS: --(server|context) is not one of its flags\n$/)
      assert.equal(r.stdout, '')
    }
  })
})
