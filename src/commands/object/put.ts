import {Args, Flags} from '../../lib/oclif.js'

import {UsageError} from '../../lib/errors.js'
import type {ObjectJson} from '../../lib/obj/status.js'
import {NatsCommand} from '../../lib/nats-command.js'

export default class ObjectPut extends NatsCommand<typeof ObjectPut> {
  static args = {
    bucket: Args.string({description: 'bucket name', required: true}),
    file: Args.string({description: 'the file to store (without it: stdin, with --name)'}),
  }
  static description = `Store a file (or stdin) as an object

Files of any size stream through in chunks with flat memory; a progress bar (bytes, rate, time left) shows
on a terminal. The object is named after FILE as given, unless --name says otherwise. Replacing an existing
object asks first on a terminal; without one (or with --json) it refuses unless --force is given.`
  static examples = [
    '<%= config.bin %> <%= command.id %> FILES ./backup.tar.gz',
    '<%= config.bin %> <%= command.id %> FILES ./build/app.bin --name app/v1.2.0 --description "release build" --force',
    'pg_dump shop | <%= config.bin %> <%= command.id %> FILES --name shop.sql',
  ]
  static flags = {
    description: Flags.string({description: 'a description for the object'}),
    force: Flags.boolean({char: 'f', description: 'replace an existing object without asking'}),
    name: Flags.string({description: 'the object name (default: FILE as given; required with stdin)'}),
  }

  public async run(): Promise<ObjectJson> {
    const {bucket, file} = this.args
    const {flags} = this
    if (file === undefined && flags.name === undefined) throw new UsageError('--name is required when reading from stdin')
    const name = flags.name ?? (await import('node:path')).normalize(file!)
    if (name === '' || name === '.') throw new UsageError('the object name cannot be empty')
    let size: number | undefined
    if (file !== undefined) {
      const {stat} = await import('node:fs/promises')
      const st = await stat(file)
      if (!st.isFile()) throw new UsageError(`${file} is not a file`)
      size = st.size
    }
    const os = await this.os(bucket)
    const existing = await os.info(name)
    if (
      existing &&
      !existing.deleted &&
      !(await this.confirmDestructive(`Replace existing file ${bucket} > ${name}`, `replace object ${name} in bucket ${bucket}`, flags.force))
    ) {
      const {objectJson} = await import('../../lib/obj/status.js')
      return objectJson(existing)
    }
    const [{createReadStream}, {putObject}, {createProgress}] = await Promise.all([
      import('node:fs'),
      import('../../lib/obj/transfer.js'),
      import('../../lib/ui/progress.js'),
    ])
    const source = file === undefined ? process.stdin : createReadStream(file, {highWaterMark: 128 * 1024})
    const progress = createProgress('Putting', size ?? 0, {enabled: !this.jsonEnabled() && (size ?? 0) > 20_480, unit: 'bytes'})
    let done = 0
    const info = await putObject(os, {name, ...(flags.description ? {description: flags.description} : {})}, source, (n) =>
      progress.update((done += n)),
    )
    if (size !== undefined) progress.finish()
    const {objectJson, renderObjectInfo} = await import('../../lib/obj/status.js')
    const json = objectJson(info)
    this.log(renderObjectInfo(json))
    return json
  }
}
