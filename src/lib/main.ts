// The process entry: normalizes argv, runs oclif, and turns every failure into one line on stderr with
// the right exit code. The stack trace is printed only under DEBUG=natsctl.

import type {Interfaces} from '@oclif/core'

import {readFileSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'

import {normalizeArgv} from './argv.js'
import {causes, printable, toNatsctlError} from './errors.js'
import {loadRunner} from './oclif.js'

function debugEnabled(): boolean {
  return /(^|,)\s*natsctl(\*|:\*)?\s*(,|$)/.test(process.env.DEBUG ?? '') || process.env.DEBUG === '*'
}

/** Prints one error line and sets the exit code. */
async function reportError(error: unknown, argv: string[]): Promise<void> {
  const exit = (error as {oclif?: {exit?: number}; code?: string})?.oclif?.exit
  if ((error as {code?: string})?.code === 'EEXIT') {
    process.exitCode = exit ?? 0
    return
  }
  const failure = toNatsctlError(error)
  // The error may come before a command's init() prepared colour (an unknown command, a parse error).
  const {prepareColour, setColourFlag, styles} = await import('./ui/colour.js')
  if (argv.includes('--no-color')) setColourFlag(false)
  else if (argv.includes('--color')) setColourFlag(true)
  await prepareColour()
  // One line, always: CR/LF or an escape sequence from the input is shown escaped, never acted on.
  process.stderr.write(`${styles(process.stderr).error('natsctl: error:')} ${printable(failure.message)}\n`)
  if (failure.detail) for (const line of failure.detail.split('\n')) process.stderr.write(`${printable(line)}\n`)
  if (debugEnabled()) process.stderr.write(stackChain(error))
  process.exitCode = failure.exitCode
}

/** The stack of the error as thrown and of each cause under it: where the failure started, not where it was mapped. */
function stackChain(error: unknown): string {
  return causes(error)
    .map((e, depth) => `${depth === 0 ? '' : 'caused by: '}${e.stack ?? `${e.name}: ${e.message}`}\n`)
    .join('')
}

/** What bin/run.js knows when it runs natsctl from dist/natsctl.cjs (scripts/bundle.mjs). */
export interface Bundle {
  /** The bundle's path. */
  file: string
  /** oclif hook event → the bundle's export for it. */
  hooks: Record<string, string>
  /** The run-time manifest: natsctl's command ids and aliases, without flags or help text. */
  manifest: {commands: Record<string, {aliases?: string[]; hiddenAliases?: string[]}>; version: string}
}

/**
 * package.json's oclif configuration, pointed at the bundle: oclif's explicit command strategy (one object of
 * commands, each behind a getter, instead of a directory of files) and the hooks the bundle exports. The
 * committed manifest still lists the commands, for help and autocomplete.
 */
function bundledPjson(root: string, bundle: Bundle, argv: string[]): Interfaces.PJSON {
  const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Interfaces.PJSON
  const target = `./${relative(root, bundle.file)}`
  const hooks = Object.fromEntries(Object.entries(bundle.hooks).map(([event, identifier]) => [event, {identifier, target}]))
  pjson.oclif = {...pjson.oclif, commands: {identifier: 'COMMANDS', strategy: 'explicit', target}, hooks}
  // A run of one of natsctl's own commands without help needs neither the 850 KB manifest (flags, args and
  // help text for every command: help and autocomplete read it) nor the help and autocomplete plugins: oclif
  // gets the run-time manifest from the bundle (scripts/bundle.mjs) and no plugins to find and read.
  if (runsOwnCommand(argv, bundle.manifest.commands)) {
    pjson.oclif.plugins = []
    ;(pjson.oclif as Record<string, unknown>).natsctlManifest = bundle.manifest
  }
  return pjson
}

/**
 * Whether argv (normalized) runs one of natsctl's own commands and asks for no help: its leading words name
 * a command or an alias, and no `--help`/`-h` comes before a `--`. Anything else (no arguments, a topic, a
 * plugin's command, help, an unknown command) gets oclif's full configuration.
 */
export function runsOwnCommand(argv: string[], commands: Bundle['manifest']['commands']): boolean {
  const ids = new Set<string>()
  for (const [id, c] of Object.entries(commands)) for (const name of [id, ...(c.aliases ?? []), ...(c.hiddenAliases ?? [])]) ids.add(name)
  let found = false
  const words: string[] = []
  for (const arg of argv) {
    if (arg === '--') break
    if (arg === '--help' || arg === '-h') return false
    if (!found && !arg.startsWith('-')) {
      words.push(arg)
      if (ids.has(words.join(':'))) found = true
    } else if (!found) return false
  }
  return found
}

export async function main(argv: string[], entryUrl: string, options: {bundle?: Bundle; development?: boolean} = {}): Promise<void> {
  // A closed pipe (`natsctl sub x | head -1`) is a normal way for a reader to stop. A long-running command
  // listens for SIGTERM (NatsCommand.untilSignal): tell it, so it drains and cleans up (an ordered consumer is
  // deleted, a reply in flight is answered). Anything else has nothing to clean up and exits quietly.
  let pipeClosed = false
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (pipeClosed) return // later writes to the closed pipe fail too; the first one said all there is
    pipeClosed = true
    if (error.code !== 'EPIPE') {
      // Any other write error (ENOBUFS, EIO, ENOSPC): one line and exit 1, never a stack trace.
      process.stderr.write(`natsctl: error: ${printable(`cannot write to the output: ${error.message}`)}\n`)
      // eslint-disable-next-line n/no-process-exit, unicorn/no-process-exit -- nothing is left to clean up here
      process.exit(1)
    }
    if (process.listenerCount('SIGTERM') > 0) process.emit('SIGTERM', 'SIGTERM')
    // eslint-disable-next-line n/no-process-exit, unicorn/no-process-exit -- the reader is gone and nothing listens
    else process.exit(process.exitCode ?? 0)
  })
  const {flush, run} = loadRunner()
  const root = dirname(dirname(fileURLToPath(entryUrl)))
  try {
    const normalized = normalizeArgv(argv)
    const load = options.development
      ? {ignoreManifest: true, root}
      : options.bundle
        ? {pjson: bundledPjson(root, options.bundle, normalized), root}
        : root
    await run(normalized, load)
    await flush()
  } catch (error) {
    await reportError(error, argv)
  }
}
