// `context select` with no name, and `context rm`, on a real terminal: tmux gives the CLI a TTY, the test
// reads the screen and presses keys like a user would (test/helpers/tmux.ts).
import assert from 'node:assert/strict'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'

import {makeHome, type TestHome} from '../helpers/cli.js'
import {TmuxCli} from '../helpers/tmux.js'

const homes: TestHome[] = []
const terminals: TmuxCli[] = []
after(() => {
  for (const t of terminals) t.kill()
  for (const h of homes) h.cleanup()
})

function home(): TestHome {
  const h = makeHome()
  homes.push(h)
  return h
}

function writeContext(h: TestHome, name: string, description: string): void {
  const dir = join(h.configDir, 'nats', 'context')
  mkdirSync(dir, {recursive: true, mode: 0o700})
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({description, url: 'nats://127.0.0.1:1'}), {mode: 0o600})
}

function onTerminal(h: TestHome, ...args: string[]): TmuxCli {
  const t = new TmuxCli(args, h.env)
  terminals.push(t)
  return t
}

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
