// The human description of a broker: the details of run/start/status (natscli's columns layout, like every
// info view), and the uptime and leafnode cells of `broker ls`.

import {formatUptime} from '../format.js'
import {type Row, renderSections} from '../ui/columns.js'
import type {BrokerInfo} from './broker.js'

export function banner(heading: string, info: BrokerInfo, extra: {contextPath?: string; selected?: boolean} = {}): string {
  const rows: Row[] = [
    ['URL', info.url ?? ''],
    ['JetStream', info.jetstream ? (info.jsDomain ? `enabled, domain "${info.jsDomain}"` : 'enabled (no domain)') : 'disabled'],
    ['Store directory', info.jetstream ? (info.storeDir ?? '') : '-'],
    ['Context', `${info.context}${extra.selected ? ' (selected)' : ''}${extra.contextPath ? ` (${extra.contextPath})` : ''}`],
  ]
  if (info.auth) rows.push(['Authentication', 'user and password generated, stored in the context (0600)'])
  for (const leaf of info.leafnodes) rows.push(['Leafnode remote', `${leaf.url} (${leaf.connected ? 'connected' : 'not connected'})`])
  rows.push(['PID', info.pids.join(', ') || String(info.pid ?? '')])
  if (info.logFile) rows.push(['Log', info.logFile])
  return renderSections(heading, [{rows}]).replace(/\n+$/, '')
}

export function uptime(info: BrokerInfo): string {
  return info.uptimeMs === undefined ? '' : formatUptime(info.uptimeMs)
}

export function leafSummary(info: BrokerInfo): string {
  if (info.leafnodes.length === 0) return '-'
  return `${info.leafnodes.filter((l) => l.connected).length}/${info.leafnodes.length}`
}
