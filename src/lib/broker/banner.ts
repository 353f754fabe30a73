// The human description of a broker: the banner of run/start/status, and the rows of `broker ls`.

import {formatDuration} from '../format.js'
import type {BrokerInfo} from './broker.js'

export function banner(info: BrokerInfo, extra: {contextPath?: string; selected?: boolean} = {}): string {
  const rows: Array<[string, string]> = [
    ['URL', info.url ?? ''],
    ['JetStream', info.jetstream ? (info.jsDomain ? `enabled, domain "${info.jsDomain}"` : 'enabled (no domain)') : 'disabled'],
    ['Store directory', info.jetstream ? (info.storeDir ?? '') : '-'],
    ['Context', `${info.context}${extra.selected ? ' (selected)' : ''}${extra.contextPath ? ` (${extra.contextPath})` : ''}`],
  ]
  if (info.auth) rows.push(['Authentication', 'user and password generated, stored in the context (0600)'])
  for (const leaf of info.leafnodes) rows.push(['Leafnode remote', `${leaf.url} (${leaf.connected ? 'connected' : 'not connected'})`])
  rows.push(['PID', info.pids.join(', ') || String(info.pid ?? '')])
  if (info.logFile) rows.push(['Log', info.logFile])
  const width = Math.max(...rows.map(([k]) => k.length)) + 2
  return rows.map(([k, v]) => `  ${`${k}:`.padEnd(width)}${v}`).join('\n')
}

export function uptime(info: BrokerInfo): string {
  return info.uptimeMs === undefined ? '' : formatDuration(Math.max(1000, Math.round(info.uptimeMs / 1000) * 1000))
}

export function leafSummary(info: BrokerInfo): string {
  if (info.leafnodes.length === 0) return '-'
  return `${info.leafnodes.filter((l) => l.connected).length}/${info.leafnodes.length}`
}
