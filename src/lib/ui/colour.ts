// Colour in one place. Colour is for a person at a terminal: never in a pipe or a file, never with NO_COLOR
// set (no-color.org) or --no-color given. FORCE_COLOR turns it on anywhere (for screenshots and tests).
// Each stream decides for itself: `natsctl x 2>log` keeps colour on stdout and none in the log.
//
// chalk is the only colour library, and only this module imports it. It is loaded at the first styled
// string, by the modules that render (which commands load lazily), so start-up does not pay for it.

import {Chalk, type ChalkInstance} from 'chalk'

let flag: boolean | undefined

/** `--color` / `--no-color`, as the command line gave it (undefined: decide from the environment). */
export function setColourFlag(value: boolean | undefined): void {
  flag = value
  painters.clear()
}

/** Whether text written to `stream` may carry colour. */
export function colourEnabled(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag !== undefined) return flag
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true
  return Boolean(stream.isTTY) && env.TERM !== 'dumb'
}

const painters = new Map<NodeJS.WriteStream, ChalkInstance>()

function painter(stream: NodeJS.WriteStream): ChalkInstance {
  let chalk = painters.get(stream)
  if (!chalk) {
    chalk = new Chalk({level: colourEnabled(stream) ? 1 : 0})
    painters.set(stream, chalk)
  }
  return chalk
}

/** The styles natsctl uses, for text bound to `stream` (stdout unless said). Plain text when colour is off. */
export function styles(stream: NodeJS.WriteStream = process.stdout) {
  const c = painter(stream)
  return {
    heading: (text: string) => c.bold(text),
    dim: (text: string) => c.dim(text),
    ok: (text: string) => c.green(text),
    warn: (text: string) => c.yellow(text),
    critical: (text: string) => c.red(text),
    error: (text: string) => c.red.bold(text),
  }
}

/** A health verdict word coloured by its meaning: OK green, WARNING yellow, CRITICAL/UNKNOWN red. */
export function verdict(word: string, stream: NodeJS.WriteStream = process.stdout): string {
  const s = styles(stream)
  if (/^ok$/i.test(word)) return s.ok(word)
  if (/^warn(ing)?$/i.test(word)) return s.warn(word)
  return s.critical(word)
}
