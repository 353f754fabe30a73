// context select by name and with the picker on a real terminal (tmux gives the CLI a TTY, the test reads
// the screen and presses keys like a user would: test/helpers/tmux.ts). It never connects.
import assert from 'node:assert/strict'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'

import {runCli, type TestHome} from '../../helpers/cli.js'
import {homesForThisFile, selected, writeContext, writeNatscliContext} from '../../helpers/contexts.js'
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

describe('context select', () => {
  it('selects by name (aliases switch, set), shows it, and switches back with previous', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    writeNatscliContext(h, 'b')
    const r = await runCli(['context', 'select', 'a'], {env: h.env})
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /NATS Configuration Context "a"/)
    assert.equal(selected(h), 'a')
    assert.equal((await runCli(['context', 'switch', 'b'], {env: h.env})).code, 0)
    assert.equal(selected(h), 'b')
    assert.equal(readFileSync(join(h.configDir, 'nats', 'previous-context.txt'), 'utf8').trim(), 'a')
    const prev = await runCli(['context', 'previous'], {env: h.env})
    assert.equal(prev.code, 0, prev.stderr)
    assert.match(prev.stdout, /Context "a"/)
    assert.equal(selected(h), 'a')
    assert.equal((await runCli(['context', 'previous'], {env: h.env})).code, 0)
    assert.equal(selected(h), 'b')
    assert.equal((await runCli(['context', 'set', 'a'], {env: h.env})).code, 0)
    assert.equal(selected(h), 'a')
  })

  it('refuses an unknown context and leaves the selection alone', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    await runCli(['context', 'select', 'a'], {env: h.env})
    const r = await runCli(['context', 'select', 'nope'], {env: h.env})
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^natsctl: error: unknown context "nope"/m)
    assert.equal(selected(h), 'a')
  })

  it('without a name and without a terminal, fails with a clear error instead of waiting', async () => {
    const h = home()
    writeNatscliContext(h, 'a')
    const r = await runCli(['context', 'select'], {env: h.env})
    assert.equal(r.code, 2)
    assert.match(r.stderr, /^natsctl: error: cannot prompt for "Select a Context" without a terminal: pass the context name/m)
  })
})

describe('context select picker (on a terminal)', () => {
  it('lists the contexts, marks the selected one, and selects the one picked with the arrow keys', async () => {
    const h = home()
    writeContext(h, 'alpha', 'first one')
    writeContext(h, 'beta', 'second one')
    writeContext(h, 'gamma', 'third one')
    writeFileSync(join(h.configDir, 'nats', 'context.txt'), 'alpha')
    const t = onTerminal(h, 'context', 'select')
    await t.waitFor('Select a Context')
    const screen = t.screen()
    assert.match(screen, /alpha\* \(first one\)/)
    assert.match(screen, /beta \(second one\)/)
    assert.match(screen, /gamma \(third one\)/)
    // The cursor starts on the selected context; two steps down is gamma.
    await t.answer('gamma', 'Down', 'Down', 'Enter')
    const done = await t.exit()
    assert.equal(done.code, 0, done.screen)
    assert.match(done.screen, /NATS Configuration Context "gamma"/)
    assert.equal(readFileSync(join(h.configDir, 'nats', 'context.txt'), 'utf8').trim(), 'gamma')
    assert.equal(readFileSync(join(h.configDir, 'nats', 'previous-context.txt'), 'utf8').trim(), 'alpha')
  })

  it('leaves the selection alone when the picker is cancelled with Ctrl-C', async () => {
    const h = home()
    writeContext(h, 'alpha', 'first one')
    writeContext(h, 'beta', 'second one')
    const t = onTerminal(h, 'context', 'select')
    await t.answer('Select a Context', 'C-c')
    const done = await t.exit()
    assert.match(done.screen, /natsctl: error: cancelled\n/)
    assert.equal(done.code, 130)
    assert.equal(existsSync(join(h.configDir, 'nats', 'context.txt')), false)
  })
})
