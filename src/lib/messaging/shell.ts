// Runs the user's shell commands for sub --translate and reply --command. Commands run through /bin/sh so
// pipes and redirections work. Values that come from the network (subject tokens, request bodies) are never
// pasted into the command text, because a requester chooses them and must not be able to run commands of
// its own: each {{placeholder}} becomes a reference to an environment variable holding the value, written
// to suit where it stands (bare, inside "double" or inside 'single' quotes), so `echo {{1}}`,
// `echo "x-{{1}}"` and `echo '{{1}}'` all print the value as is.

import {spawn} from 'node:child_process'

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

export type PlaceholderValue<C> = (context: C) => string

/**
 * Compiles a command with {{...}} placeholders. `resolve` turns a placeholder's inner text into a value
 * function (or throws for an unknown one). The result expands the command for one context into the text for
 * `sh -c` and the environment variables the text refers to.
 */
export function compileShellTemplate<C>(
  command: string,
  resolve: (inner: string) => PlaceholderValue<C>,
): (context: C) => {command: string; env: Record<string, string>} {
  const parts: string[] = []
  const values: Array<PlaceholderValue<C>> = []
  let quote: '"' | "'" | undefined
  let text = ''
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]
    if (ch === '{' && command[i + 1] === '{') {
      const close = command.indexOf('}}', i + 2)
      if (close !== -1) {
        const name = `NATSCTL_ARG_${values.length}`
        values.push(resolve(command.slice(i + 2, close)))
        text += quote === "'" ? `'"\${${name}}"'` : quote === '"' ? `\${${name}}` : `"\${${name}}"`
        i = close + 1
        continue
      }
    }
    text += ch
    if (ch === '\\' && quote !== "'" && i + 1 < command.length) {
      text += command[++i]
    } else if ((ch === '"' || ch === "'") && (quote === undefined || quote === ch)) {
      quote = quote === ch ? undefined : ch
    }
  }
  parts.push(text)
  return (context) => {
    const env: Record<string, string> = {}
    for (const [index, value] of values.entries()) env[`NATSCTL_ARG_${index}`] = value(context)
    return {command: parts.join(''), env}
  }
}
