// Runs the user's shell commands for sub --translate and reply --command. Commands run through /bin/sh so
// pipes and redirections work; values that come from the network (subject tokens, request bodies) are
// inserted shell-quoted, because a requester chooses them and must not be able to run commands of its own.

import {spawn} from 'node:child_process'

/** Quotes a value for /bin/sh: `it's` -> `'it'\''s'`. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`
}

export interface ShellResult {
  /** Exit code, or null when the command was killed by a signal. */
  code: number | null
  signal: NodeJS.Signals | null
  stdout: Buffer
  stderr: Buffer
}

/** Runs `sh -c COMMAND` with INPUT on stdin; collects stdout and stderr. Rejects only when sh cannot start. */
export function runShell(command: string, options: {input?: Uint8Array; env?: NodeJS.ProcessEnv} = {}): Promise<ShellResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], {
      env: {...process.env, ...options.env},
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => stdout.push(d))
    child.stderr.on('data', (d: Buffer) => stderr.push(d))
    // A command that does not read its stdin closes the pipe early: that is not an error.
    child.stdin.on('error', () => {})
    child.stdin.end(options.input ?? new Uint8Array())
    child.once('error', reject)
    child.once('close', (code, signal) => {
      resolve({code, signal, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr)})
    })
  })
}

/** `exit status 2` (Go's wording, as natscli users know it) or `signal: SIGTERM`. */
export function describeExit(result: ShellResult): string {
  return result.signal ? `signal: ${result.signal}` : `exit status ${result.code}`
}
