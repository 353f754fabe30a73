// `--config FILE` for stream and consumer commands: a configuration, or the `info --json` output of one (its
// `.config` is used), as natscli accepts. One reader, so both say the same things about a bad file.

import {fileProblem, NatsctlError, UsageError} from '../errors.js'
import {readSmallFile} from '../validate.js'

/** Reads `file` as a JSON object; `kind` ("stream", "consumer") names what it should hold in errors. */
export function readConfigJson<T>(file: string, kind: string): T {
  let text: string
  try {
    // Bounded: a regular file of a sensible size (validate.ts), never /dev/zero or a FIFO.
    text = readSmallFile(file)
  } catch (error) {
    throw new NatsctlError(`cannot read --config ${file}: ${fileProblem(error)}`, {cause: error})
  }
  return parseConfigJson<T>(text, file, kind)
}

export function parseConfigJson<T>(text: string, file: string, kind: string): T {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new UsageError(`invalid JSON in ${file}: ${(error as Error).message}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${file} must hold a JSON object: a ${kind} configuration or ${kind} info output`)
  }
  const obj = parsed as Record<string, unknown>
  const cfg = typeof obj.config === 'object' && obj.config !== null ? obj.config : obj
  return {...cfg} as T
}
