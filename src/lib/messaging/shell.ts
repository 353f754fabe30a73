// Runs the user's shell commands for sub --translate and reply --command. Commands run through /bin/sh so
// pipes and redirections work. Values that come from the network (subject tokens, request bodies) are never
// pasted into the command text, because a requester chooses them and must not be able to run commands of
// its own: each {{placeholder}} becomes a reference to an environment variable holding the value, written
// to suit where it stands (bare, inside "double" or inside 'single' quotes), so `echo {{1}}`,
// `echo "x-{{1}}"` and `echo '{{1}}'` all print the value as is.

import {spawn} from 'node:child_process'

import {UsageError} from '../errors.js'

interface ShellResult {
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

type PlaceholderValue<C> = (context: C) => string

/** Where a placeholder stands, as /bin/sh reads the command: one frame per quote or substitution open there. */
type Frame =
  | {kind: 'plain'; depth: number; sub: boolean}
  | {kind: 'single' | 'double' | 'ansi' | 'backtick' | 'comment'}
  | {kind: 'param' | 'arith'; depth: number}
  | {kind: 'heredoc'; delimiter: string; expand: boolean; stripTabs: boolean}

type Heredoc = Extract<Frame, {kind: 'heredoc'}>

/** Why a placeholder cannot stand inside a frame of this kind (only these are refused). */
const REFUSED: Partial<Record<Frame['kind'], string>> = {
  ansi: `inside $'...' quotes (/bin/sh may not know them): use '...' or "..."`,
  arith: 'inside $((...)): pass the number through a variable, like n={{1}}; echo $((n + 1))',
  backtick: 'inside backticks: use $(...) instead',
  // eslint-disable-next-line no-template-curly-in-string -- the shell's ${...}, named in a message
  param: 'inside ${...}: put it in "..." or \'...\' instead',
}

/**
 * Compiles a command with {{...}} placeholders. `resolve` turns a placeholder's inner text into a value
 * function (or throws for an unknown one). The result expands the command for one context into the text for
 * `sh -c` and the environment variables the text refers to.
 *
 * Each placeholder becomes a reference to its variable written for where it stands: bare (`"${V}"`), in
 * "double quotes" (`${V}`), in 'single quotes' (`'"${V}"'`), in a here-document (`${V}`), and the same inside
 * `$(...)` at any depth, so the command receives the value exactly as given. Where no reference can deliver
 * it as given (`$'...'`, backticks, `${...}`, `$((...))`, a here-document with a quoted delimiter) the
 * command is refused here, before anything runs (exit 2). In a # comment a placeholder is left as it is.
 */
export function compileShellTemplate<C>(
  command: string,
  resolve: (inner: string) => PlaceholderValue<C>,
  flag = 'the command',
): (context: C) => {command: string; env: Record<string, string>} {
  const values: Array<PlaceholderValue<C>> = []
  const stack: Frame[] = [{kind: 'plain', depth: 0, sub: false}]
  const pending: Heredoc[] = []
  let text = ''
  let lineStart = true
  const top = () => stack.at(-1)!
  const at = (i: number, s: string) => command.startsWith(s, i)
  /** Opens $(( $( ${ ` at i (where they mean that in plain, double and here-document text); returns the length used. */
  const opens = (i: number): number => {
    if (at(i, '$((')) return (stack.push({kind: 'arith', depth: 0}), 3)
    if (at(i, '$(')) return (stack.push({kind: 'plain', depth: 0, sub: true}), 2)
    if (at(i, '${')) return (stack.push({kind: 'param', depth: 1}), 2)
    if (command[i] === '`') return (stack.push({kind: 'backtick'}), 1)
    return 0
  }
  for (let i = 0; i < command.length;) {
    const frame = top()
    const ch = command[i]
    if (frame.kind === 'heredoc' && lineStart) {
      const end = command.indexOf('\n', i)
      const line = command.slice(i, end === -1 ? command.length : end)
      if ((frame.stripTabs ? line.replace(/^\t+/, '') : line) === frame.delimiter) {
        text += line
        i += line.length
        stack.pop()
        const next = pending.shift()
        if (next && end !== -1) {
          text += '\n'
          i++
          stack.push(next)
        }
        lineStart = false
        continue
      }
    }
    lineStart = false
    if (at(i, '{{') && command.includes('}}', i + 2)) {
      const close = command.indexOf('}}', i + 2)
      const raw = command.slice(i, close + 2)
      i = close + 2
      if (frame.kind === 'comment') {
        text += raw
        continue
      }
      const refused =
        stack.map((f) => REFUSED[f.kind]).find(Boolean) ??
        (stack.some((f) => f.kind === 'heredoc' && !f.expand)
          ? `in a here-document with a quoted delimiter (<<'EOF'): leave the delimiter unquoted (<<EOF)`
          : undefined)
      if (refused) throw new UsageError(`${flag}: the placeholder ${raw} cannot stand ${refused}`)
      const name = `NATSCTL_ARG_${values.length}`
      values.push(resolve(raw.slice(2, -2)))
      text += frame.kind === 'single' ? `'"\${${name}}"'` : frame.kind === 'double' || frame.kind === 'heredoc' ? `\${${name}}` : `"\${${name}}"`
      continue
    }
    let used = 1
    switch (frame.kind) {
      case 'single':
        if (ch === "'") stack.pop()
        break
      case 'ansi':
        if (ch === '\\') used = 2
        else if (ch === "'") stack.pop()
        break
      case 'backtick':
        if (ch === '\\') used = 2
        else if (ch === '`') stack.pop()
        break
      case 'comment':
        if (ch === '\n') {
          stack.pop()
          used = 0
        }
        break
      case 'double':
      case 'heredoc':
        if (ch === '\\') used = 2
        else if (ch === '"' && frame.kind === 'double') stack.pop()
        else if (frame.kind === 'double' || (frame.kind === 'heredoc' && frame.expand)) used = opens(i) || 1
        if (frame.kind === 'heredoc' && ch === '\n') lineStart = true
        break
      case 'param':
        if (ch === '\\') used = 2
        else if (ch === '{') frame.depth++
        else if (ch === '}' && --frame.depth === 0) stack.pop()
        else if (ch === "'") stack.push({kind: 'single'})
        else if (ch === '"') stack.push({kind: 'double'})
        else used = opens(i) || 1
        break
      case 'arith':
        if (at(i, '))') && frame.depth === 0) {
          stack.pop()
          used = 2
        } else if (ch === '(') frame.depth++
        else if (ch === ')') frame.depth--
        else used = opens(i) || 1
        break
      case 'plain': {
        switch (ch) {
          case '\\': {
            used = 2
            break
          }
          case "'": {
            stack.push({kind: 'single'})
            break
          }
          case '"': {
            stack.push({kind: 'double'})
            break
          }
          default:
            if (at(i, "$'")) {
              stack.push({kind: 'ansi'})
              used = 2
            } else if (ch === '#' && (i === 0 || /[\s;&|()]/.test(command[i - 1]))) stack.push({kind: 'comment'})
            else if (ch === '(' && frame.sub) frame.depth++
            else if (ch === ')' && frame.sub) {
              if (frame.depth === 0) stack.pop()
              else frame.depth--
            } else if (at(i, '<<') && !at(i, '<<<')) {
              const match = /^<<(-?)[ \t]*((?:[^\s;&|<>()'"\\]|'[^']*'|"[^"]*"|\\.)+)/.exec(command.slice(i))
              if (match) {
                const word = match[2]
                pending.push({
                  kind: 'heredoc',
                  delimiter: word.replace(/\\(.)|['"]/g, '$1'),
                  expand: !/['"\\]/.test(word),
                  stripTabs: match[1] === '-',
                })
                used = match[0].length
              } else used = 2
            } else if (ch === '\n' && pending.length > 0) {
              text += ch
              i++
              stack.push(pending.shift()!)
              lineStart = true
              continue
            } else used = opens(i) || 1
        }
        break
      }
    }
    text += command.slice(i, i + used)
    i += used
  }
  return (context) => {
    const env: Record<string, string> = {}
    for (const [index, value] of values.entries()) env[`NATSCTL_ARG_${index}`] = value(context)
    return {command: text, env}
  }
}
