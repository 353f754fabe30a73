// natscli's `server request` flags, turned into the body each monitoring endpoint reads (nats-server's
// ConnzOptions, SubszOptions, JSzOptions, ... with their JSON names). natscli gives every kind its own
// sub-command and flags; natsctl has one command with the kind as an argument, so a flag is checked
// against the kind it belongs to: `--sort` on `varz` is a usage error, never silently ignored.

import {Flags} from '../oclif.js'
import {UsageError} from '../errors.js'
import type {Kind} from './sys.js'

export const requestOptionFlags = {
  account: Flags.string({description: 'accountz, jsz, healthz: only this account'}),
  accounts: Flags.boolean({description: 'jsz: include account details; gatewayz: include account details'}),
  all: Flags.boolean({description: 'jsz: include accounts, streams, consumers and configuration'}),
  config: Flags.boolean({description: 'jsz: include configuration'}),
  consumer: Flags.boolean({description: 'jsz: include consumer details'}),
  detail: Flags.boolean({description: 'subsz: include every subscription'}),
  'filter-account': Flags.string({description: 'connz, subsz, gatewayz: only this account', helpValue: 'ACCOUNT'}),
  'filter-cid': Flags.integer({description: 'connz: only this connection ID', helpValue: 'CID', min: 1}),
  'filter-empty': Flags.boolean({description: 'connz: leave out servers with no connections'}),
  'filter-name': Flags.string({description: 'gatewayz: only this gateway', helpValue: 'NAME'}),
  'filter-state': Flags.string({description: 'connz: open, closed or all connections', options: ['open', 'closed', 'all']}),
  'filter-subject': Flags.string({
    description: 'connz, subsz: only connections or subscriptions with interest in this subject',
    helpValue: 'SUBJECT',
  }),
  'filter-user': Flags.string({description: 'connz: only this user', helpValue: 'USER'}),
  'js-enabled': Flags.boolean({description: 'healthz: only check that JetStream is enabled'}),
  leader: Flags.boolean({description: 'jsz: only the meta leader answers'}),
  limit: Flags.integer({description: 'connz, subsz, jsz: at most this many records per server (the server default when absent)', min: 1}),
  offset: Flags.integer({description: 'connz, subsz, jsz: start at this record', min: 0}),
  raft: Flags.boolean({description: 'jsz: include raft groups'}),
  'server-only': Flags.boolean({description: 'healthz: check the server only, not its streams and consumers'}),
  sort: Flags.string({
    description: 'connz: sort connections by this',
    options: ['cid', 'start', 'subs', 'pending', 'msgs_to', 'msgs_from', 'bytes_to', 'bytes_from', 'last', 'idle', 'uptime', 'stop', 'reason', 'rtt'],
  }),
  'stream-leader': Flags.boolean({description: 'jsz: only stream leaders answer (nats-server 2.11+)'}),
  streams: Flags.boolean({description: 'jsz: include stream details'}),
  subscriptions: Flags.boolean({description: 'connz, routez, leafz, gatewayz: include subscription details'}),
}

type OptionFlags = {[K in keyof typeof requestOptionFlags]?: boolean | number | string | undefined}

/** For each flag: the kinds it applies to, and what it adds to the body of each. */
const APPLIES: {[K in keyof typeof requestOptionFlags]: Partial<Record<Kind, (value: never) => Record<string, unknown>>>} = {
  account: {accountz: (a: string) => ({account: a}), healthz: (a: string) => ({account: a}), jsz: (a: string) => ({account: a})},
  accounts: {gatewayz: () => ({accounts: true}), jsz: () => ({accounts: true})},
  all: {jsz: () => ({accounts: true, config: true, consumer: true, streams: true})},
  config: {jsz: () => ({config: true})},
  consumer: {jsz: () => ({consumer: true})},
  detail: {subsz: () => ({subscriptions: true})},
  'filter-account': {
    connz: (a: string) => ({acc: a, auth: true}),
    gatewayz: (a: string) => ({account_name: a}),
    subsz: (a: string) => ({account: a}),
  },
  'filter-cid': {connz: (cid: number) => ({cid})},
  'filter-empty': {connz: () => ({})},
  'filter-name': {gatewayz: (name: string) => ({name})},
  'filter-state': {connz: (state: string) => ({state: ['open', 'closed', 'all'].indexOf(state)})},
  'filter-subject': {connz: (s: string) => ({filter_subject: s}), subsz: (s: string) => ({test: s})},
  'filter-user': {connz: (user: string) => ({auth: true, user})},
  'js-enabled': {healthz: () => ({'js-enabled-only': true})},
  leader: {jsz: () => ({leader_only: true})},
  limit: {connz: (limit: number) => ({limit}), jsz: (limit: number) => ({limit}), subsz: (limit: number) => ({limit})},
  offset: {connz: (offset: number) => ({offset}), jsz: (offset: number) => ({offset}), subsz: (offset: number) => ({offset})},
  raft: {jsz: () => ({raft: true})},
  'server-only': {healthz: () => ({'js-server-only': true})},
  sort: {connz: (sort: string) => ({sort})},
  'stream-leader': {jsz: () => ({stream_leader_only: true})},
  streams: {jsz: () => ({streams: true})},
  subscriptions: {
    connz: () => ({subscriptions: true, subscriptions_detail: true}),
    gatewayz: () => ({subscriptions: true, subscriptions_detail: true}),
    leafz: () => ({subscriptions: true}),
    routez: () => ({subscriptions: true, subscriptions_detail: true}),
  },
}

/** The endpoint body the flags ask for; a flag given for a kind it does not apply to is a usage error. */
export function endpointOptions(kind: Kind, flags: OptionFlags): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(flags) as Array<[keyof typeof APPLIES, unknown]>) {
    if (value === undefined || value === false || !(name in APPLIES)) continue
    const apply = APPLIES[name][kind]
    if (!apply) {
      const kinds = Object.keys(APPLIES[name]).join(', ')
      throw new UsageError(`--${name} applies to ${kinds}, not ${kind}`)
    }
    Object.assign(body, apply(value as never))
  }
  return body
}
