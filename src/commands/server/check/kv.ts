import {Flags} from '../../../lib/oclif.js'

import {topicAliases} from '../../../lib/server/aliases.js'
import type {CheckResult} from '../../../lib/server/check.js'
import {CheckCommand, checkFlags} from '../../../lib/server/check-command.js'

export default class ServerCheckKv extends CheckCommand<typeof ServerCheckKv> {
  static description = `Check a key-value bucket: it exists, holds the number of values expected, and a key is set

--key must have a value that is not deleted or purged. --values-warn/--values-critical check the number of
values (-1 is off; critical below warning inverts the check: too few is bad). Exit code: 0 OK, 1 WARNING,
2 CRITICAL, 3 UNKNOWN (a bad flag).`
  static examples = [
    '<%= config.bin %> <%= command.id %> --bucket CONFIG --key feature.flags',
    '<%= config.bin %> <%= command.id %> --bucket SESSIONS --values-warn 10000 --values-critical 50000 --format json',
  ]
  static flags = {
    ...checkFlags,
    bucket: Flags.string({description: 'the bucket to check', required: true}),
    key: Flags.string({description: 'a key that must have a value (not deleted or purged)'}),
    'values-critical': Flags.integer({default: -1, description: 'critical threshold for the number of values in the bucket'}),
    'values-warn': Flags.integer({default: -1, description: 'warning threshold for the number of values in the bucket'}),
  }
  static hiddenAliases = topicAliases('check:kv')

  protected async check(result: CheckResult): Promise<void> {
    const [{checkKvValues}, {toNatsctlError}] = await Promise.all([import('../../../lib/server/checks.js'), import('../../../lib/errors.js')])
    const f = this.flags
    let kv
    try {
      kv = await this.kv(f.bucket)
    } catch (error) {
      result.critical(toNatsctlError(error, {...this.errorContext, resource: {bucket: f.bucket}}).message)
      return
    }
    result.ok(`bucket ${f.bucket}`)
    const status = await kv.status()
    checkKvValues(result, status.values, {valuesWarn: f['values-warn'], valuesCrit: f['values-critical']})
    if (f.key !== undefined) {
      const entry = await kv.get(f.key)
      if (!entry) result.critical(`key ${f.key} not found`)
      else if (entry.operation === 'DEL') result.critical(`key ${f.key} is deleted`)
      else if (entry.operation === 'PURGE') result.critical(`key ${f.key} is purged`)
      else result.ok(`key ${f.key} found`)
    }
    result.pd(
      {name: 'bytes', value: status.streamInfo.state.bytes, unit: 'B', help: 'Bytes stored in the bucket'},
      {name: 'replicas', value: status.streamInfo.config.num_replicas},
    )
  }

  protected describeCheck() {
    return {suite: 'kv', name: this.flags.bucket}
  }
}
