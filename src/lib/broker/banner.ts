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
  if (info.systemContext) rows.push(['System account', `context ${info.systemContext} (used by natsctl server ls, info, report)`])
  if (info.auth) rows.push(['Authentication', 'user and password generated, stored in the context (0600)'])
  if (info.nodes.length > 1) rows.push(['Nodes', nodeSummary(info)])
  for (const leaf of info.leafnodes) rows.push(['Leafnode remote', `${leaf.url} (${leaf.connected ? 'connected' : 'not connected'})`])
  if (info.leafnodesAccepted > 0) rows.push(['Leafnodes accepted', `${info.leafnodesAccepted} connected into this broker`])
  rows.push(['PID', info.pids.join(', ') || String(info.pid ?? '')])
  if (info.logFile) rows.push(['Log', info.logFile])
  return renderSections(heading, [{rows}]).replace(/\n+$/, '')
}

export function uptime(info: BrokerInfo): string {
  return info.uptimeMs === undefined ? '' : formatUptime(info.uptimeMs)
}

/** Leafnodes in a `broker ls` cell: remotes connected of configured (`1/1`), and connections accepted. */
export function leafSummary(info: BrokerInfo): string {
  const parts: string[] = []
  if (info.leafnodes.length > 0) parts.push(`${info.leafnodes.filter((l) => l.connected).length}/${info.leafnodes.length}`)
  if (info.leafnodesAccepted > 0) parts.push(`${info.leafnodesAccepted} accepted`)
  return parts.length ? parts.join(', ') : '-'
}

/** `3 of 3 nodes running`, or `2 of 3 nodes running (c-2 is not running)`. */
function nodeSummary(info: BrokerInfo): string {
  const total = info.nodes.length
  const text = `${info.nodesRunning} of ${total} node${total === 1 ? '' : 's'} running`
  if (info.missing.length === 0) return text
  return `${text} (${info.missing.join(', ')} ${info.missing.length === 1 ? 'is' : 'are'} not running: \`natsctl broker start ${info.name}\` starts ${info.missing.length === 1 ? 'it' : 'them'} again)`
}
