// Drives natsctl in a real terminal (tmux) to test prompts: start a command, wait for a question on the
// screen, type the answer. Each driver has its own tmux server socket and kills it when done.

import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'

import {BIN, ROOT} from './cli.js'

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`
}

export class TmuxCli {
  /** A socket path of our own (tmux -S), removed with its directory by kill(). */
  private readonly dir = mkdtempSync(join(tmpdir(), 'natsctl-tmux-'))
  readonly socket = join(this.dir, 'socket')
  private readonly session = 'natsctl'
  private consumed = 0

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    const vars = ['PATH', 'HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME', 'NO_COLOR']
      .filter((k) => env[k] !== undefined)
      .map((k) => `${k}=${shellQuote(env[k]!)}`)
    const command = [process.execPath, BIN, ...args].map(shellQuote).join(' ')
    // The pane stays after the command ends (sleep), so its output and exit code can still be read.
    const script = `cd ${shellQuote(ROOT)} && env ${vars.join(' ')} TERM=xterm ${command}; echo "[exit $?]"; sleep 60`
    execFileSync('tmux', ['-S', this.socket, '-f', '/dev/null', 'new-session', '-d', '-s', this.session, '-x', '200', '-y', '50', script])
  }

  screen(): string {
    return execFileSync('tmux', ['-S', this.socket, 'capture-pane', '-p', '-J', '-S', '-200', '-t', this.session], {encoding: 'utf8'})
  }

  /** Waits until the text appears after what earlier waits consumed, so repeated labels are told apart. */
  async waitFor(text: string, timeoutMs = 45_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const screen = this.screen()
      const at = screen.indexOf(text, this.consumed)
      if (at !== -1) {
        this.consumed = at + text.length
        return
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}" on the terminal:\n${screen}`)
      await sleep(100)
    }
  }

  /** Waits for the question, then types the answer (tmux key names such as Enter or Down, or literal text). */
  async answer(question: string, ...keys: Array<string | {text: string}>): Promise<void> {
    await this.waitFor(question)
    // Give inquirer a moment to finish drawing and listening before keys arrive.
    await sleep(150)
    for (const key of keys) {
      if (typeof key === 'string') execFileSync('tmux', ['-S', this.socket, 'send-keys', '-t', this.session, key])
      else execFileSync('tmux', ['-S', this.socket, 'send-keys', '-t', this.session, '-l', key.text])
    }
  }

  /** Waits for the command to end; returns its exit code and the screen. */
  async exit(timeoutMs = 60_000): Promise<{code: number; screen: string}> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const screen = this.screen()
      const match = /\[exit (\d+)\]/.exec(screen)
      if (match) return {code: Number(match[1]), screen}
      if (Date.now() > deadline) throw new Error(`the command did not end:\n${screen}`)
      await sleep(100)
    }
  }

  kill(): void {
    try {
      execFileSync('tmux', ['-S', this.socket, 'kill-server'], {stdio: 'ignore'})
    } catch {
      // already gone
    }
    rmSync(this.dir, {force: true, recursive: true})
  }
}
