// Shows each received message in the form the user chose: natscli's text (or raw bodies), NDJSON under
// --json, or natscli's dump records (one file per message in a directory, or NDJSON on stdout). Bodies go
// through --translate first when it is given. Used by sub for core and JetStream messages alike.

import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {fileProblem, NatsctlError} from '../errors.js'
import type {OutputBuffer} from './output.js'
import {dumpRecord, jsonLine, type ReceivedMessage, renderText, type TextOptions} from './render.js'
import {compileTranslate, type Translator} from './translate.js'

interface PrinterOptions {
  json?: boolean
  /** A directory, or `-` for NDJSON dump records on stdout. */
  dump?: string
  translate?: string
  text: TextOptions
  status(message: string): void
}

export class MessagePrinter {
  private readonly translator?: Translator

  constructor(
    private readonly options: PrinterOptions,
    private readonly out: OutputBuffer,
  ) {
    const {dump} = options
    if (options.translate !== undefined) this.translator = compileTranslate(options.translate)
    if (dump && dump !== '-') mkdirSync(dump, {recursive: true, mode: 0o700})
  }

  /** Shows message number N (and the reply matched to it, for --match-replies). */
  async show(msg: ReceivedMessage, n: number, matched?: ReceivedMessage): Promise<void> {
    const body = await this.translated(msg, n)
    const replyBody = matched ? await this.translated(matched, n) : undefined
    const {dump, json, text} = this.options
    if (dump) {
      const name = String(msg.js?.seq ?? n)
      this.dump(dump, `${name}.json`, JSON.stringify(dumpRecord(msg, body)))
      if (matched) this.dump(dump, `${name}_reply.json`, JSON.stringify(dumpRecord(matched, replyBody)))
      return
    }
    if (json) {
      this.out.write(jsonLine(msg, body))
      if (matched) this.out.write(jsonLine(matched, replyBody))
      return
    }
    this.out.write(renderText(msg, n, text, body))
    // --subjects-only applies to the requests; a matched reply is shown in full.
    if (matched) this.out.write(renderText(matched, n, {...text, subjectsOnly: false}, replyBody, 'Matched reply'))
  }

  private dump(dir: string, file: string, record: string): void {
    if (dir === '-') this.out.write(record + '\n')
    else writeDumpFile(join(dir, file), record)
  }

  private async translated(msg: ReceivedMessage, n: number): Promise<Uint8Array | undefined> {
    if (!this.translator) return undefined
    const result = await this.translator(msg.data, {subject: msg.subject, stream: msg.js?.stream})
    if (result.ok) return result.output
    this.options.status(`Error while translating message #${n} on "${msg.subject}": ${result.error}`)
    return undefined
  }
}

/**
 * Creates a dump file exclusively (O_CREAT | O_EXCL): never through a link planted in the directory (a
 * symlink, even a dangling one, counts as existing) and never over an earlier dump.
 */
function writeDumpFile(path: string, record: string): void {
  try {
    writeFileSync(path, record, {flag: 'wx', mode: 0o600})
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') {
      throw new NatsctlError(
        `dump file ${path} already exists (natsctl never overwrites a file or follows a link there): dump into an empty directory`,
        {cause: error},
      )
    }
    throw new NatsctlError(`cannot write dump file ${path}: ${fileProblem(error)}`, {cause: error})
  }
}
