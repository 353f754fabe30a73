import {Flags} from '../../../lib/oclif.js'

import {topicAliases} from '../../../lib/server/aliases.js'
import type {CheckResult} from '../../../lib/server/check.js'
import type {ConsumerHealthInfo} from '../../../lib/server/checks.js'
import {CheckCommand, checkFlags, durationFlag} from '../../../lib/server/check-command.js'

export default class ServerCheckConsumer extends CheckCommand<typeof ServerCheckConsumer> {
  static description = `Check a consumer: pending, unacknowledged and redelivered messages, waiting pulls, last delivery and ack

Each threshold given is a critical limit (natscli's consumer check has no warnings). The consumer's metadata
can hold them as natscli reads them (io.nats.monitor.outstanding-ack-critical: 100...); the flags win.
Exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (a bad flag).`
  static examples = [
    '<%= config.bin %> <%= command.id %> --stream ORDERS --consumer worker --unprocessed-critical 1000 --redelivery-critical 10',
    '<%= config.bin %> <%= command.id %> --stream ORDERS --consumer worker --last-ack-critical 5m --format prometheus',
  ]
  static flags = {
    ...checkFlags,
    consumer: Flags.string({description: 'the consumer to check', required: true}),
    'last-ack-critical': durationFlag({description: 'critical when the last acknowledgement is older than this'}),
    'last-delivery-critical': durationFlag({description: 'critical when the last delivery is older than this'}),
    'outstanding-ack-critical': Flags.integer({description: 'the most messages awaiting an acknowledgement to allow'}),
    'redelivery-critical': Flags.integer({description: 'the most redelivered messages to allow'}),
    stream: Flags.string({description: 'the stream of the consumer', required: true}),
    'unprocessed-critical': Flags.integer({description: 'the most messages not yet delivered to allow'}),
    'waiting-critical': Flags.integer({description: 'the most waiting pull requests to allow'}),
  }
  static hiddenAliases = topicAliases('check:consumer')

  protected async check(result: CheckResult): Promise<void> {
    const [{checkConsumer, CONSUMER_METADATA, optionsFromMetadata}, {onResource, toNatsctlError}, {parseDuration}] = await Promise.all([
      import('../../../lib/server/checks.js'),
      import('../../../lib/errors.js'),
      import('../../../lib/units.js'),
    ])
    const f = this.flags
    let info
    try {
      const jsm = await this.jsm()
      info = await onResource({stream: f.stream, consumer: f.consumer}, () => jsm.consumers.info(f.stream, f.consumer))
    } catch (error) {
      result.critical(`could not load info: ${toNatsctlError(error, this.errorContext).message}`)
      return
    }
    let options
    try {
      options = optionsFromMetadata((info.config as {metadata?: Record<string, string>}).metadata, CONSUMER_METADATA, parseDuration, {
        outstandingAckCritical: f['outstanding-ack-critical'],
        waitingCritical: f['waiting-critical'],
        unprocessedCritical: f['unprocessed-critical'],
        lastDeliveryCritical: f['last-delivery-critical'],
        lastAckCritical: f['last-ack-critical'],
        redeliveryCritical: f['redelivery-critical'],
      })
    } catch (error) {
      result.critical(`could not configure based on metadata: ${(error as Error).message}`)
      return
    }
    // The client's types leave out `last_active` of delivered and ack_floor; the server sends it.
    checkConsumer(result, info as unknown as ConsumerHealthInfo, options)
  }

  protected describeCheck() {
    return {suite: 'consumer', name: `${this.flags.stream}_${this.flags.consumer}`}
  }
}
