// Completes a consumer configuration the way natscli's `consumer add` does (prepareConfig): every value no
// flag gave is asked, in natscli's order with its labels and defaults, when someone can answer (a terminal,
// no --defaults); otherwise it takes natscli's --defaults value. The name is the only value without a
// default: without a terminal it is an error naming the argument.

import type {ConsumerConfig} from '@nats-io/jetstream'

import {UsageError} from '../errors.js'
import {confirm, input, select, validInteger, validWith} from '../ui/prompt.js'
import {parseDuration} from '../units.js'
import {msToNanos} from './config.js'
import {deliverPolicy, linearBackoff, type PartialConsumerConfig, splitFilters, withFilters} from './consumer-config.js'
import type {ConsumerFlagValues} from './consumer-flags.js'

interface ConsumerCompleteOptions {
  /** A person can answer and --defaults was not given. */
  ask: boolean
  /** Could a person answer at all (a terminal)? */
  interactive: boolean
}

export async function askConsumerName(options: ConsumerCompleteOptions): Promise<string> {
  if (!options.interactive) throw new UsageError('a consumer name is required: pass it as the NAME argument (or --ephemeral)')
  return (await input('Consumer name', {validate: (v) => (/^[^\s.*>/\\]+$/.test(v.trim()) ? true : 'a name without spaces, dots, * or >')})).trim()
}

/** Asks (or defaults) every missing field, in natscli's order. `cfg` holds what the flags gave. */
export async function completeConsumerConfig(
  cfg: PartialConsumerConfig,
  flags: ConsumerFlagValues,
  options: ConsumerCompleteOptions,
): Promise<PartialConsumerConfig> {
  let out: PartialConsumerConfig = {...cfg}
  const {ask} = options

  // Push or pull: "Delivery target (empty for Pull Consumers)".
  if (!flags.pull && out.deliver_subject === undefined && ask) {
    const target = (await input('Delivery target (empty for Pull Consumers)')).trim()
    if (target !== '') out.deliver_subject = target
  }
  const push = Boolean(out.deliver_subject)

  if (push && out.deliver_group === undefined && ask) {
    const group = (await input('Delivery Queue Group')).trim()
    if (group !== '') out.deliver_group = group
  }

  if (out.deliver_policy === undefined) {
    const policy = ask
      ? await input('Start policy (all, new, last, subject, 1h, msg sequence)', {default: 'all', validate: validWith((v) => deliverPolicy(v))})
      : 'all'
    out = {...out, ...deliverPolicy(policy)}
  }

  if (out.ack_policy === undefined) {
    const fallback = push ? 'none' : 'explicit'
    out.ack_policy = (
      ask ? await select('Acknowledgment policy', ['explicit', 'all', 'none'], {default: fallback}) : fallback
    ) as ConsumerConfig['ack_policy']
  }

  if (out.replay_policy === undefined) {
    out.replay_policy = (
      ask ? await select('Replay policy', ['instant', 'original'], {default: 'instant'}) : 'instant'
    ) as ConsumerConfig['replay_policy']
  }

  if (out.filter_subject === undefined && out.filter_subjects === undefined && ask) {
    const filters = splitFilters([await input('Filter Stream by subjects (blank for all)')]) ?? []
    out = withFilters(out, filters)
  }

  const acks = out.ack_policy !== 'none'
  if (out.max_deliver === undefined && acks) {
    out.max_deliver = ask ? Number(await input('Maximum Allowed Deliveries', {default: '-1', validate: validInteger(-1)})) : -1
  }
  if (out.max_ack_pending === undefined && acks) {
    out.max_ack_pending = ask ? Number(await input('Maximum Acknowledgments Pending', {default: '0', validate: validInteger(0)})) : 0
  }

  if (push && out.idle_heartbeat === undefined) {
    out.idle_heartbeat = ask ? msToNanos(parseDuration(await input('Idle Heartbeat', {default: '0s', validate: validWith(parseDuration)}))) : 0
  }
  if (push && out.flow_control === undefined) {
    out.flow_control = ask ? await confirm('Enable Flow Control, ie --flow-control', false) : false
  }
  if (out.headers_only === undefined) {
    out.headers_only = ask ? await confirm('Deliver headers only without bodies', false) : false
  }

  if (acks && ask && out.backoff === undefined && (await confirm('Add a Retry Backoff Policy', false))) {
    const mode = await select('Backoff policy', ['linear', 'none'], {default: 'none'})
    if (mode === 'linear') {
      const min = parseDuration(await input('Minimum retry time', {default: '1m', validate: validWith(parseDuration)}))
      const max = parseDuration(await input('Maximum retry time', {default: '10m', validate: validWith(parseDuration)}))
      const steps = Number(await input('Number of steps to generate in the policy', {default: '20', validate: validInteger(1)}))
      out.backoff = linearBackoff(steps, min, max)
    }
  }
  return out
}
