// What a person sees: `natsctl context info` on a real terminal (tmux) is coloured (bold heading, the
// ERROR of a missing file in red), and plain under --no-color and under NO_COLOR. tmux's capture with -e
// shows the attributes the terminal drew, so this checks the screen, not natsctl's own idea of it.
import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {after, before, describe, it} from 'node:test'

import {makeHome, runCli, type TestHome} from '../../helpers/cli.js'
import {TmuxCli} from '../../helpers/tmux.js'

/** The pane with its colours and attributes as escape sequences (TmuxCli.screen() gives plain text). */
function colouredScreen(tmux: TmuxCli): string {
  return execFileSync('tmux', ['-S', tmux.socket, 'capture-pane', '-p', '-e', '-J', '-t', 'natsctl'], {encoding: 'utf8'})
}

describe('colour on a terminal', () => {
  let home: TestHome
  let env: NodeJS.ProcessEnv
  // The tmux server inherits this process's environment: keep the runner's colour settings out of it.
  const saved = {NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR}

  before(async () => {
    delete process.env.NO_COLOR
    delete process.env.FORCE_COLOR
    home = makeHome()
    env = {...home.env}
    delete env.NO_COLOR
    const add = await runCli(['context', 'add', 'tty', '--server', 'nats://127.0.0.1:4222', '--creds', '/nonexistent.creds'], {env})
    assert.equal(add.code, 0, add.stderr)
  })
  after(() => {
    home?.cleanup()
    for (const [key, value] of Object.entries(saved)) if (value !== undefined) process.env[key] = value
  })

  const show = async (args: string[], extra: NodeJS.ProcessEnv = {}) => {
    const tmux = new TmuxCli(args, {...env, ...extra})
    try {
      const {code, screen} = await tmux.exit()
      return {code, screen, coloured: colouredScreen(tmux)}
    } finally {
      tmux.kill()
    }
  }

  it('colours the heading and the verdicts', async () => {
    const {code, coloured, screen} = await show(['context', 'info', 'tty'])
    assert.equal(code, 0, screen)
    assert.match(screen, /NATS Configuration Context "tty"/)
    assert.match(screen, /Credentials: \/nonexistent\.creds \(ERROR\)/)
    assert.match(coloured, /\x1b\[1mNATS Configuration Context "tty"/, JSON.stringify(coloured))
    assert.match(coloured, /\x1b\[31mERROR/, JSON.stringify(coloured))
  })

  it('draws no colour with --no-color', async () => {
    const {code, coloured, screen} = await show(['context', 'info', 'tty', '--no-color'])
    assert.equal(code, 0, screen)
    assert.match(screen, /Credentials: \/nonexistent\.creds \(ERROR\)/)
    assert.doesNotMatch(coloured, /\x1b\[/, JSON.stringify(coloured))
  })

  it('draws no colour with NO_COLOR set', async () => {
    const {code, coloured, screen} = await show(['context', 'info', 'tty'], {NO_COLOR: '1'})
    assert.equal(code, 0, screen)
    assert.match(screen, /Credentials: \/nonexistent\.creds \(ERROR\)/)
    assert.doesNotMatch(coloured, /\x1b\[/, JSON.stringify(coloured))
  })
})
