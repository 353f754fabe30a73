import {Args, Flags} from '../../lib/oclif.js'

import {UsageError} from '../../lib/errors.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class ObjectGet extends NatsCommand<typeof ObjectGet> {
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
    name: Args.string({description: 'the object', required: true}),
  }
  static description = `Fetch an object into a file (or stdout)

Streams with flat memory, shows a progress bar on a terminal, and checks the object's SHA-256 digest: the
file is written beside the target and renamed into place only when the digest matches, so a failed or
corrupt transfer leaves nothing behind (exit 1). The file is named after the object in the current
directory unless -O says otherwise; -O - writes to stdout. An existing file is replaced only after asking
(or with --force).`
  static examples = [
    '<%= config.bin %> <%= command.id %> FILES backup.tar.gz',
    '<%= config.bin %> <%= command.id %> FILES app/v1.2.0 --output ./app.bin --force',
    '<%= config.bin %> <%= command.id %> FILES shop.sql --output - | psql shop',
  ]
  static flags = {
    force: Flags.boolean({char: 'f', description: 'replace an existing file without asking'}),
    output: Flags.string({char: 'O', description: 'write to FILE instead (- for stdout)', helpValue: 'FILE'}),
  }

  public async run(): Promise<{bucket: string; name: string; file: string; size: number; digest: string; seconds: number}> {
    const {bucket, name} = this.args
    const toStdout = this.flags.output === '-'
    if (toStdout && this.jsonEnabled()) throw new UsageError('--output - writes the object to stdout: it cannot be combined with --json')
    const [{resolveObject, readObject, fileSink, stdoutSink}, path, {existsSync}] = await Promise.all([
      import('../../lib/obj/transfer.js'),
      import('node:path'),
      import('node:fs'),
    ])
    const os = await this.os(bucket)
    const {bucket: home, info} = await resolveObject(await this.objm(), os, bucket, name)
    const file = toStdout ? '-' : path.resolve(this.flags.output ?? path.basename(info.name))
    if (!toStdout && existsSync(file)) {
      const {statSync} = await import('node:fs')
      if (statSync(file).isDirectory()) throw new UsageError(`${file} is a directory: give a file name with --output`)
      if (!(await this.confirmDestructive(`Replace existing target file ${file}`, `replace ${file}`, this.flags.force))) {
        return {bucket, digest: info.digest, file, name, seconds: 0, size: 0}
      }
    }
    const {createProgress} = await import('../../lib/ui/progress.js')
    const progress = createProgress('Getting', info.size, {enabled: !this.jsonEnabled() && info.size > 20_480, unit: 'bytes'})
    const started = Date.now()
    let done = 0
    await readObject(await this.js(), home, info, toStdout ? stdoutSink() : fileSink(file), (n) => progress.update((done += n)))
    progress.finish()
    const seconds = (Date.now() - started) / 1000
    const {formatBytes, formatDuration} = await import('../../lib/format.js')
    const rate = seconds > 2 ? ` average ${formatBytes(Math.round(info.size / seconds))}/s` : ''
    const line = `Wrote: ${formatBytes(info.size)} to ${toStdout ? 'stdout' : file} in ${formatDuration(seconds * 1000)}${rate}`
    if (toStdout) this.status(line)
    else this.log(line)
    return {bucket, digest: info.digest, file, name, seconds, size: info.size}
  }
}
