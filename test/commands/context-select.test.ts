// `context select` with no name on a real terminal: tmux gives the CLI a TTY, we read the screen and press
// keys like a user would. Each test has its own tmux server (-L) and kills it afterwards.
import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'
import {setTimeout as sleep} from 'node:timers/promises'

import {BIN, makeHome, ROOT, type TestHome} from '../helpers/cli.js'

const homes: TestHome[] = []
const sockets: string[] = []
after(() => {
  for (const socket of sockets) {
    tmux(socket, 'kill-server')
    // kill-server leaves the socket file behind.
    rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, socket), {force: true})
  }
  for (const h of homes) h.cleanup()
})

function tmux(socket: string, ...args: string[]): string {
  try {
    return execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']})
  } catch {
    return ''
  }
}

async function waitForScreen(socket: string, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  let screen = ''
  while (Date.now() < deadline) {
    screen = tmux(socket, 'capture-pane', '-p', '-t', 'cli')
    if (pattern.test(screen)) return screen
    await sleep(100)
  }
  throw new Error(`timed out waiting for ${pattern} on the screen:\n${screen}`)
}

function writeContext(h: TestHome, name: string, description: string): void {
  const dir = join(h.configDir, 'nats', 'context')
  mkdirSync(dir, {recursive: true, mode: 0o700})
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({description, url: 'nats://127.0.0.1:1'}), {mode: 0o600})
}

/** Starts `natsctl ARGS` in a detached tmux session; the shell stays to show the exit code. */
function startInTmux(h: TestHome, args = 'context select'): string {
  const socket = `natsctl-test-${process.pid}-${sockets.length}`
  sockets.push(socket)
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
  const command = [
    'env',
    `XDG_CONFIG_HOME=${quote(h.configDir)}`,
    `XDG_DATA_HOME=${quote(h.dataDir)}`,
    `XDG_STATE_HOME=${quote(h.stateDir)}`,
    `HOME=${quote(h.dir)}`,
    'NO_COLOR=1',
    quote(process.execPath),
    quote(BIN),
    `${args}; echo "EXIT=$?"; sleep 60`,
  ].join(' ')
  execFileSync('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'cli', '-x', '200', '-y', '50', '-c', ROOT, command], {
    env: h.env,
  })
  return socket
}

describe('context select picker (on a terminal)', () => {
  it('lists the contexts, marks the selected one, and selects the one picked with the arrow keys', async () => {
    const h = makeHome()
    homes.push(h)
    writeContext(h, 'alpha', 'first one')
    writeContext(h, 'beta', 'second one')
    writeContext(h, 'gamma', 'third one')
    writeFileSync(join(h.configDir, 'nats', 'context.txt'), 'alpha')
    const socket = startInTmux(h)
    const screen = await waitForScreen(socket, /Select a Context/)
    assert.match(screen, /alpha\* \(first one\)/)
    assert.match(screen, /beta \(second one\)/)
    assert.match(screen, /gamma \(third one\)/)
    // The cursor starts on the selected context; two steps down is gamma.
    tmux(socket, 'send-keys', '-t', 'cli', 'Down')
    tmux(socket, 'send-keys', '-t', 'cli', 'Down')
    tmux(socket, 'send-keys', '-t', 'cli', 'Enter')
    const done = await waitForScreen(socket, /EXIT=\d+/)
    assert.match(done, /EXIT=0/)
    assert.match(done, /NATS Configuration Context "gamma"/)
    assert.equal(readFileSync(join(h.configDir, 'nats', 'context.txt'), 'utf8').trim(), 'gamma')
    assert.equal(readFileSync(join(h.configDir, 'nats', 'previous-context.txt'), 'utf8').trim(), 'alpha')
  })

  it('leaves the selection alone when the picker is cancelled with Ctrl-C', async () => {
    const h = makeHome()
    homes.push(h)
    writeContext(h, 'alpha', 'first one')
    writeContext(h, 'beta', 'second one')
    const socket = startInTmux(h)
    await waitForScreen(socket, /Select a Context/)
    tmux(socket, 'send-keys', '-t', 'cli', 'C-c')
    const done = await waitForScreen(socket, /EXIT=\d+/)
    assert.match(done, /natsctl: error: cancelled\n/)
    assert.match(done, /EXIT=130/)
    assert.equal(existsSync(join(h.configDir, 'nats', 'context.txt')), false)
  })
})

describe('context rm on a terminal', () => {
  it('asks "Really delete context" and deletes only on yes', async () => {
    const h = makeHome()
    homes.push(h)
    writeContext(h, 'keep', 'stays')
    writeContext(h, 'drop', 'goes')
    const no = startInTmux(h, 'context rm keep')
    await waitForScreen(no, /Really delete context "keep"/)
    tmux(no, 'send-keys', '-t', 'cli', 'n', 'Enter')
    assert.match(await waitForScreen(no, /EXIT=\d+/), /EXIT=0/)
    assert.ok(existsSync(join(h.configDir, 'nats', 'context', 'keep.json')))

    const yes = startInTmux(h, 'context rm drop')
    await waitForScreen(yes, /Really delete context "drop"/)
    tmux(yes, 'send-keys', '-t', 'cli', 'y', 'Enter')
    assert.match(await waitForScreen(yes, /EXIT=\d+/), /EXIT=0/)
    assert.equal(existsSync(join(h.configDir, 'nats', 'context', 'drop.json')), false)
  })
})
