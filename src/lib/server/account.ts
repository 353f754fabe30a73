// `account info`: the connection's user and account, the server it is on, and JetStream usage and limits.

import type {JetStreamAccountStats, JetStreamManager} from '@nats-io/jetstream'
import type {NatsConnection} from '@nats-io/transport-node'

import {formatBytes, formatCount, formatDuration} from '../format.js'
import {renderSections, type Row, type Section} from '../ui/columns.js'
import {type Connz, gather} from './sys.js'

export interface AccountInfoResult {
  user?: string
  account?: string
  system_account?: boolean
  expires?: string
  permissions?: {publish?: {allow?: string[]; deny?: string[]}; subscribe?: {allow?: string[]; deny?: string[]}}
  client_id?: number
  client_ip?: string
  rtt_ms: number
  headers: boolean
  max_payload: number
  connected_url: string
  server_id: string
  server_name: string
  server_version: string
  cluster?: string
  jetstream?: JetStreamAccountStats
  /** Why there is no JetStream information (not enabled for the account, no answer...). */
  jetstream_error?: string
}

interface UserInfo {
  user?: string
  account?: string
  permissions?: AccountInfoResult['permissions']
  expires?: number | string
}

export async function accountInfo(
  nc: NatsConnection,
  jsm: () => Promise<JetStreamManager>,
  options: {timeoutMs: number; inboxPrefix?: string},
): Promise<AccountInfoResult> {
  const info = nc.info!
  const started = performance.now()
  await nc.flush() // a PING/PONG: nc.rtt() would round to whole milliseconds
  const rtt = Number((performance.now() - started).toFixed(3))
  const result: AccountInfoResult = {
    client_id: info.client_id,
    client_ip: info.client_ip,
    rtt_ms: rtt,
    headers: Boolean(info.headers),
    max_payload: info.max_payload,
    connected_url: nc.getServer(),
    server_id: info.server_id,
    server_name: info.server_name,
    server_version: info.version,
    cluster: info.cluster,
  }
  const quick = Math.min(options.timeoutMs, 2000)
  // nats-server 2.10+: the user, account and permissions, asked by any user.
  try {
    const reply = await nc.request('$SYS.REQ.USER.INFO', '', {timeout: quick})
    const body = reply.json<{data?: UserInfo; error?: unknown}>()
    if (body.data && !body.error) {
      result.user = body.data.user
      result.account = body.data.account
      result.permissions = body.data.permissions
      if (body.data.expires) result.expires = String(body.data.expires)
    }
  } catch {}
  // Older servers: this connection in the account's own connz (authorized user; the account is implied).
  if (result.user === undefined) {
    try {
      const replies = await gather<Connz>(nc, '$SYS.REQ.ACCOUNT.PING.CONNZ', {
        timeoutMs: quick,
        body: {cid: info.client_id, auth: true},
        inboxPrefix: options.inboxPrefix,
      })
      const mine = replies.find((r) => r.server.id === info.server_id)?.data.connections?.find((c) => c.cid === info.client_id)
      if (mine?.authorized_user) result.user = mine.authorized_user
      if (mine?.account) result.account = mine.account
    } catch {}
  }
  if (result.account) result.system_account = result.account === '$SYS' || result.account === 'SYS'
  try {
    result.jetstream = await (await jsm()).getAccountInfo()
  } catch (error) {
    const e = error as Error
    result.jetstream_error = /not enabled|no responders/i.test(`${e.message} ${e.name} ${(e.cause as Error | undefined)?.name ?? ''}`)
      ? 'JetStream is not supported in this account'
      : `Could not obtain account information: ${e.message}`
  }
  return result
}

function limit(used: string, max: number, format: (n: number) => string): string {
  return max < 0 ? `${used} of Unlimited` : `${used} of ${format(max)}`
}

export function renderAccountInfo(r: AccountInfoResult): string {
  const sections: Section[] = []
  const rows: Row[] = []
  if (r.user !== undefined) rows.push(['User', r.user])
  if (r.account !== undefined) {
    rows.push(['Account', r.account])
    rows.push(['System Account', String(Boolean(r.system_account))])
  }
  if (r.expires) rows.push(['Expires', r.expires])
  rows.push(
    ['Client ID', String(r.client_id ?? '')],
    ['Client IP', r.client_ip ?? ''],
    ['RTT', formatDuration(r.rtt_ms)],
    ['Headers Supported', String(r.headers)],
    ['Maximum Payload', formatBytes(r.max_payload)],
  )
  if (r.cluster) rows.push(['Connected Cluster', r.cluster])
  rows.push(['Connected URL', r.connected_url], ['Connected Server ID', r.server_id], ['Connected Server Version', r.server_version])
  if (r.server_name !== r.server_id) rows.push(['Connected Server Name', r.server_name])
  sections.push({rows})
  if (r.permissions) {
    const perm: Row[] = []
    for (const [kind, p] of [
      ['Publish', r.permissions.publish],
      ['Subscribe', r.permissions.subscribe],
    ] as const) {
      for (const [i, s] of (p?.allow ?? []).sort().entries()) perm.push([i === 0 ? `${kind} Allow` : '', s])
      for (const [i, s] of (p?.deny ?? []).sort().entries()) perm.push([i === 0 ? `${kind} Deny` : '', s])
    }
    sections.push({title: 'Connection Permissions', rows: perm})
  }
  const js = r.jetstream
  if (js) {
    sections.push({
      title: js.domain ? `JetStream Account Information for domain ${js.domain}` : 'JetStream Account Information',
      rows: [
        ['Storage', formatBytes(js.storage)],
        ['Memory', formatBytes(js.memory)],
        ['Streams', formatCount(js.streams)],
        ['Consumers', formatCount(js.consumers)],
        ['API Requests', formatCount(js.api.total)],
        ['API Errors', formatCount(js.api.errors)],
      ],
    })
    type Tier = {memory: number; storage: number; streams: number; limits: JetStreamAccountStats['limits']}
    const tiers: Array<[string, Tier]> =
      js.tiers && Object.keys(js.tiers).length
        ? (Object.entries(js.tiers) as Array<[string, Tier]>).sort(([a], [b]) => a.localeCompare(b))
        : [['Default', js]]
    for (const [name, tier] of tiers) {
      const l = tier.limits
      sections.push({
        title: `Account Limits, Tier: ${name}`,
        rows: [
          ['Max Message Payload', formatBytes(r.max_payload)],
          ['Stream Requires Max Bytes Set', String(Boolean(l.max_bytes_required))],
          ['Consumer Maximum Ack Pending', l.max_ack_pending <= 0 ? 'Unlimited' : formatCount(l.max_ack_pending)],
          ['Memory', limit(formatBytes(tier.memory), l.max_memory, formatBytes)],
          ['Memory Per Stream', l.memory_max_stream_bytes <= 0 ? 'Unlimited' : formatBytes(l.memory_max_stream_bytes)],
          ['Storage', limit(formatBytes(tier.storage), l.max_storage, formatBytes)],
          ['Storage Per Stream', l.storage_max_stream_bytes <= 0 ? 'Unlimited' : formatBytes(l.storage_max_stream_bytes)],
          ['Streams', limit(formatCount(tier.streams), l.max_streams, formatCount)],
          ['Consumers', l.max_consumers < 0 ? 'Unlimited' : `Maximum ${formatCount(l.max_consumers)} per stream`],
        ],
      })
    }
  }
  let out = renderSections('Account Information', sections)
  if (r.jetstream_error) out += `\n   ${r.jetstream_error}\n`
  return out
}
