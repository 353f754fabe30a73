// Colour in one place. Colour is for a person at a terminal: never in a pipe or a file, never with NO_COLOR
// set (no-color.org) or --no-color given. FORCE_COLOR turns it on anywhere (for screenshots and tests).
// Each stream decides for itself: `natsctl x 2>log` keeps colour on stdout and none in the log.
//
// chalk is the only colour library, and only this module imports it. It costs start-up time (~10-20 ms to
// load), so it is loaded only when some output will carry colour: BaseCommand.init() (and main.ts on the
// error path) call prepareColour(), which loads it when stdout or stderr is a terminal (or --color /
// FORCE_COLOR say so). A pipe never pays for it. Until it is loaded, styles() returns the text as is.

import type {ChalkInstance} from 'chalk'

let flag: boolean | undefined
let Chalk: (typeof import('chalk'))['Chalk'] | undefined

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

/** Loads chalk when stdout or stderr will carry colour. Call before rendering; cheap when already done. */
export async function prepareColour(): Promise<void> {
  if (Chalk || !(colourEnabled(process.stdout) || colourEnabled(process.stderr))) return
  Chalk = (await import('chalk')).Chalk
  painters.clear()
}

const painters = new Map<NodeJS.WriteStream, ChalkInstance | undefined>()

function painter(stream: NodeJS.WriteStream): ChalkInstance | undefined {
  if (!painters.has(stream)) painters.set(stream, Chalk && colourEnabled(stream) ? new Chalk({level: 1}) : undefined)
  return painters.get(stream)
}

const plain = (text: string) => text

/** The styles natsctl uses, for text bound to `stream` (stdout unless said). Plain text when colour is off. */
export function styles(stream: NodeJS.WriteStream = process.stdout) {
  const c = painter(stream)
  if (!c) return {heading: plain, dim: plain, ok: plain, warn: plain, critical: plain, error: plain}
  return {
    heading: (text: string) => c.bold(text),
    dim: (text: string) => c.dim(text),
    ok: (text: string) => c.green(text),
    warn: (text: string) => c.yellow(text),
    critical: (text: string) => c.red(text),
    error: (text: string) => c.red.bold(text),
  }
}

/** A health verdict word coloured by its meaning: OK green, WARN/WARNING yellow, anything else (CRITICAL, ERROR) red. */
export function verdict(word: string, stream: NodeJS.WriteStream = process.stdout): string {
  const s = styles(stream)
  if (/^ok$/i.test(word)) return s.ok(word)
  if (/^warn(ing)?$/i.test(word)) return s.warn(word)
  return s.critical(word)
}

/** Where an escape sequence may start: text without one is measured by its length. */
const ESCAPES = /\x1b\[[\d;]*m/g

/** The text without colour codes (SGR escapes). */
export function stripColour(text: string): string {
  return text.includes('\x1b') ? text.replace(ESCAPES, '') : text
}
