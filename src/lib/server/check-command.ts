// The base of `server check ...`: every check fills a CheckResult (check.ts) in check(); this base times it,
// turns a failure on the way (no connection, no stream, no system access) into a CRITICAL message as natscli
// does, writes the result in the chosen format (to stdout, or atomically to --outfile; a JUnit report there
// collects every check written into it), and ends with the Nagios exit code: 0 OK, 1 WARNING, 2 CRITICAL,
// 3 UNKNOWN. Anything that is not a verdict (a bad flag, an --outfile that cannot be written) exits 3 UNKNOWN,
// as the Nagios plugin guidelines ask, so it is never taken for CRITICAL (2, natsctl's usual usage code).

import type {Command} from '../oclif.js'
import type {Interfaces} from '@oclif/core'

import {Flags} from '../oclif.js'
import {NatsctlError, toNatsctlError} from '../errors.js'
import {parseDuration} from '../units.js'
import type {CheckFormat, CheckResult, CheckResultJson} from './check.js'
import {SystemCommand} from './command.js'

export const checkFlags = {
  format: Flags.string({
    default: 'nagios',
    description: 'nagios (one status line), json, prometheus (text exposition), text (tables) or junit (an XML test report)',
    options: ['nagios', 'json', 'prometheus', 'text', 'junit'],
  }),
  namespace: Flags.string({default: 'nats_server_check', description: 'the Prometheus namespace of the metrics'}),
  outfile: Flags.string({
    description:
      'write the result to this file (atomically) instead of stdout; with --format junit each check adds its testcase to the report already there',
  }),
}

/** A duration flag (`500ms`, `2s`, `1m`), parsed to milliseconds; a bad value is a usage error. */
export function durationFlag(options: {description: string; default?: string}) {
  const flag = Flags.custom<number>({
    parse: async (input: string, _context: unknown, opts: {name: string}) => parseDuration(input, `--${opts.name}`),
  })
  return options.default === undefined
    ? flag({description: options.description})
    : flag({default: parseDuration(options.default), defaultHelp: async () => options.default, description: options.description})
}

/** Headers as natscli's repeatable `--header K:V` (or `K=V`). */
export function parseHeaderPairs(values: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const value of values ?? []) {
    const match = /^([^:=]+)[:=](.*)$/.exec(value)
    if (!match) {
      // A usage error (exit 3 in a check).
      throw new NatsctlError(`invalid ${flag} "${value}": use KEY:VALUE`, {exitCode: 2})
    }
    out[match[1].trim()] = match[2].trim()
  }
  return out
}

/** A regular expression flag value; a bad one is a usage error. */
export function parseRegexp(value: string | undefined, flag: string): RegExp | undefined {
  if (value === undefined) return undefined
  try {
    return new RegExp(value)
  } catch (error) {
    throw new NatsctlError(`invalid ${flag} "${value}": ${(error as Error).message}`, {exitCode: 2})
  }
}

type CheckFlagValues = Interfaces.InferredFlags<typeof checkFlags>

export abstract class CheckCommand<T extends typeof Command> extends SystemCommand<T> {
  /** The kind of check (natscli's check_suite) and what it looks at (check_name). */
  protected abstract describeCheck(): {suite: string; name: string}
  /** Fills the result; throwing is a CRITICAL "Check failed: ..." (natscli's wording). */
  protected abstract check(result: CheckResult): Promise<void>
  /** Checks the flags before anything is asked: throwing here is a usage error (exit 3, no result). */
  protected async prepare(): Promise<void> {}

  public async run(): Promise<CheckResultJson> {
    const flags = this.flags as unknown as CheckFlagValues
    const format = (this.jsonEnabled() ? 'json' : flags.format) as CheckFormat
    const {CheckResult, mergeJunit, renderJunit, renderNagios, renderPrometheus, textTables} = await import('./check.js')
    await this.prepare()
    const {suite, name} = this.describeCheck()
    const result = new CheckResult(suite, name)
    const started = performance.now()
    try {
      await this.check(result)
    } catch (error) {
      result.critical(`Check failed: ${toNatsctlError(error, this.errorContext).message}`)
    }
    result.durationMs = performance.now() - started

    let text: string
    switch (format) {
      case 'json': {
        text = `${JSON.stringify(result.toJSON(), null, 2)}\n`
        break
      }
      case 'prometheus': {
        text = renderPrometheus(result, flags.namespace)
        break
      }
      case 'junit': {
        if (flags.outfile) {
          const {readFile} = await import('node:fs/promises')
          const existing = await readFile(flags.outfile, 'utf8').catch((error: NodeJS.ErrnoException) => {
            if (error.code === 'ENOENT') return undefined
            throw error
          })
          const merged = mergeJunit(existing, result)
          if (merged === undefined) {
            throw new NatsctlError(`${flags.outfile} is not a JUnit report natsctl wrote: not adding to it (remove it, or choose another --outfile)`)
          }
          text = merged
        } else text = renderJunit(result)
        break
      }
      case 'text': {
        const {renderTable} = await import('../ui/table.js')
        const tables = textTables(result)
        const parts = [`${tables.heading}\n`]
        if (tables.messages.length) parts.push(await renderTable({title: 'Status Detail', head: ['Status', 'Message'], rows: tables.messages}))
        if (tables.metrics.length) {
          parts.push(
            await renderTable({
              title: 'Check Metrics',
              head: ['Metric', 'Value', 'Unit', 'Critical Threshold', 'Warning Threshold', 'Description'],
              rows: tables.metrics,
            }),
          )
        }
        text = `${parts.join('\n')}\n`
        break
      }
      default: {
        text = `${renderNagios(result)}\n`
      }
    }

    if (flags.outfile) {
      await writeAtomically(flags.outfile, text)
      // The file holds the result; the one status line goes to stderr for the log.
      if (!this.jsonEnabled()) this.status(renderNagios(result))
    } else {
      this.log(text.replace(/\n$/, ''))
    }
    process.exitCode = result.exitCode(format)
    return result.toJSON()
  }

  /** Not a verdict: exit 3 (UNKNOWN), so a monitor or CI job never reads a bad flag as CRITICAL (2). */
  protected async catch(error: Interfaces.CommandError): Promise<never> {
    const mapped = toNatsctlError(error, this.errorContext)
    if (mapped.exitCode === 130) throw mapped
    // oclif wraps a flag's parse failure as "Parsing --flag \n\t<reason>": the reason says it all.
    const message = /^Parsing --\S+\s*\n\s*([\s\S]*)$/.exec(mapped.message)?.[1] ?? mapped.message
    throw new NatsctlError(
      message
        .replaceAll(/\s*\n\s*/g, ' ')
        .replace(/ See more help with --help$/, '')
        .trim(),
      {cause: error, exitCode: 3, detail: mapped.detail},
    )
  }
}

/** Writes through a temporary file in the same directory and renames it: readers never see half a file. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const fs = await import('node:fs/promises')
  const path = await import('node:path')
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`)
  try {
    // 0644: a node_exporter textfile collector or a CI uploader often runs as another user.
    await fs.writeFile(temporary, text, {mode: 0o644})
    await fs.rename(temporary, file)
  } catch (error) {
    await fs.rm(temporary, {force: true})
    const {fileProblem} = await import('../errors.js')
    throw new NatsctlError(`cannot write ${file}: ${fileProblem(error)}`, {cause: error})
  }
}
