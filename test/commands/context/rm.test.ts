// context rm (alias remove): the confirmation policy (asks on a terminal; without one refuses with exit 2
// naming --force), the selected context only with --force. It never connects.
import assert from 'node:assert/strict'
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'

import {runCli, type TestHome} from '../../helpers/cli.js'
import {ctxFile, homesForThisFile, selected, writeContext, writeNatscliContext} from '../../helpers/contexts.js'
import {TmuxCli} from '../../helpers/tmux.js'

const home = homesForThisFile()

const terminals: TmuxCli[] = []
after(() => {
  for (const t of terminals) t.kill()
})
function onTerminal(h: TestHome, ...args: string[]): TmuxCli {
  const t = new TmuxCli(args, h.env)
  terminals.push(t)
  return t
}

describe('context rm', () => {
  it('without a terminal and without --force, refuses and says to pass --force', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    const r = await runCli(['context', 'rm', 'a'], {env: h.env})
    assert.equal(r.code, 2)
    assert.match(r.stderr, /^natsctl: error: refusing to delete context "a" without confirmation: pass --force$/m)
    assert.ok(existsSync(ctxFile(h, 'a')))
    // --json never asks either: a question would corrupt the JSON.
    const json = await runCli(['context', 'rm', 'a', '--json'], {env: h.env})
    assert.equal(json.code, 2)
    assert.match(json.stderr, /pass --force/)
    assert.ok(existsSync(ctxFile(h, 'a')))
  })

  it('deletes with --force (alias remove, -f)', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    writeNatscliContext(h, 'b')
    assert.equal((await runCli(['context', 'rm', 'a', '--force'], {env: h.env})).code, 0)
    assert.equal(existsSync(ctxFile(h, 'a')), false)
    assert.equal((await runCli(['context', 'remove', 'b', '-f'], {env: h.env})).code, 0)
    assert.equal(existsSync(ctxFile(h, 'b')), false)
    const missing = await runCli(['context', 'rm', 'b', '-f'], {env: h.env})
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /unknown context "b"/)
  })

  it('refuses the selected context without --force, deletes and unselects it with --force', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    await runCli(['context', 'select', 'a'], {env: h.env})
    const r = await runCli(['context', 'rm', 'a'], {env: h.env})
    assert.equal(r.code, 2, 'a refusal naming --force, as every destructive verb')
    assert.match(r.stderr, /"a" is the selected context.*--force/)
    assert.ok(existsSync(ctxFile(h, 'a')))
    const forced = await runCli(['context', 'rm', 'a', '--force'], {env: h.env})
    assert.equal(forced.code, 0, forced.stderr)
    assert.equal(existsSync(ctxFile(h, 'a')), false)
    assert.equal(selected(h), undefined)
  })
})

describe('context rm on a terminal', () => {
  it('asks "Really delete context" and deletes only on yes', async () => {
    const h = home()
    writeContext(h, 'keep', 'stays')
    writeContext(h, 'drop', 'goes')
    const no = onTerminal(h, 'context', 'rm', 'keep')
    await no.answer('Really delete context "keep"', 'n', 'Enter')
    assert.equal((await no.exit()).code, 0)
    assert.ok(existsSync(join(h.configDir, 'nats', 'context', 'keep.json')))

    const yes = onTerminal(h, 'context', 'rm', 'drop')
    await yes.answer('Really delete context "drop"', 'y', 'Enter')
    assert.equal((await yes.exit()).code, 0)
    assert.equal(existsSync(join(h.configDir, 'nats', 'context', 'drop.json')), false)
  })
})
