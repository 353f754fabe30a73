// `server info`: natscli's sections of a server's varz, through ui/columns.ts.

import {formatBytes, formatCount, formatDuration, formatTime} from '../format.js'
import {renderSections, type Row, type Section} from '../ui/columns.js'
import type {Varz} from './sys.js'

const NS = 1_000_000

function list(label: string, values: string[] | undefined): Row[] {
  return (values ?? []).map((value, i): Row => [i === 0 ? label : '', value])
}

function unlimited(value: number | undefined): string {
  return value === undefined || value <= 0 ? 'unlimited' : formatCount(value)
}

export function renderVarz(v: Varz): string {
  const heading = v.server_id === v.server_name ? `Server information for ${v.server_id}` : `Server information for ${v.server_name} (${v.server_id})`
  const sections: Section[] = []
  sections.push({
    title: 'Process Details',
    rows: [
      ['Version', v.version],
      ...(v.git_commit ? [['Git Commit', v.git_commit] as Row] : []),
      ['Go Version', v.go],
      ['Start Time', formatTime(v.start)],
      ['Configuration Load Time', formatTime(v.config_load_time)],
      ['Uptime', v.uptime],
    ],
  })
  sections.push({
    title: 'Connection Details',
    rows: [
      ['Auth Required', String(Boolean(v.auth_required))],
      ['TLS Required', String(Boolean(v.tls_required))],
      ['Host', v.ip ? `${v.host}:${v.port} (${v.ip})` : `${v.host}:${v.port}`],
      ...list('Client URLs', v.connect_urls),
      ...list('WebSocket URLs', v.ws_connect_urls),
    ],
  })
  const js = v.jetstream
  if (js?.config?.store_dir) {
    const rows: Row[] = [
      ['Domain', js.config.domain ?? ''],
      ['Storage Directory', js.config.store_dir],
      ['Active Accounts', formatCount(js.stats?.accounts ?? 0)],
      ['Memory In Use', formatBytes(js.stats?.memory ?? 0)],
      ['File In Use', formatBytes(js.stats?.storage ?? 0)],
      ['API Requests', formatCount(js.stats?.api.total ?? 0)],
      ['API Errors', formatCount(js.stats?.api.errors ?? 0)],
      ['Maximum Memory Storage', formatBytes(js.config.max_memory)],
      ['Maximum File Storage', formatBytes(js.config.max_storage)],
    ]
    if (js.limits) {
      rows.push(
        ['Maximum HA Assets', unlimited(js.limits.max_ha_assets)],
        ['Maximum Ack Pending', unlimited(js.limits.max_ack_pending)],
        ['Maximum Request Batch', unlimited(js.limits.max_request_batch)],
        ['Maximum Duplicate Window', js.limits.duplicate_window ? formatDuration(js.limits.duplicate_window / NS) : 'unlimited'],
      )
    }
    if (js.meta?.leader) rows.push(['Meta Leader', `${js.meta.leader} (cluster of ${js.meta.cluster_size ?? '?'})`])
    sections.push({title: 'JetStream', rows})
  }
  sections.push({
    title: 'Limits',
    rows: [
      ['Maximum Connections', formatCount(v.max_connections)],
      ['Maximum Subscriptions', formatCount(v.max_subscriptions ?? 0)],
      ['Maximum Payload', formatBytes(v.max_payload)],
      ['TLS Timeout', formatDuration(v.tls_timeout * 1000)],
      ['Write Deadline', formatDuration(Math.round(v.write_deadline / NS))],
    ],
  })
  sections.push({
    title: 'Statistics',
    rows: [
      ['CPU Cores', `${v.cores} ${v.cpu.toFixed(2)}%`],
      ...(v.gomaxprocs ? [['GOMAXPROCS', String(v.gomaxprocs)] as Row] : []),
      ['Memory', formatBytes(v.mem)],
      ['Connections', formatCount(v.connections)],
      ['Subscriptions', formatCount(v.subscriptions)],
      ['Messages', `${formatCount(v.in_msgs)} in ${formatCount(v.out_msgs)} out`],
      ['Bytes', `${formatBytes(v.in_bytes)} in ${formatBytes(v.out_bytes)} out`],
      ['Slow Consumers', formatCount(v.slow_consumers)],
    ],
  })
  if (v.cluster?.urls?.length || v.cluster?.name) {
    sections.push({
      title: 'Cluster',
      rows: [
        ['Name', v.cluster.name ?? ''],
        ...(v.tags?.length ? [['Tags', v.tags.join(', ')] as Row] : []),
        ['Host', `${v.cluster.addr ?? ''}:${v.cluster.cluster_port ?? ''}`],
        ...list('URLs', v.cluster.urls),
      ],
    })
  }
  if (v.gateway?.gateways?.length) {
    sections.push({
      title: 'Super Cluster',
      rows: [
        ['Name', v.gateway.name ?? ''],
        ['Host', `${v.gateway.host ?? ''}:${v.gateway.port ?? ''}`],
        ...list('Clusters', v.gateway.gateways.map((g) => g.name).sort()),
      ],
    })
  }
  if (v.leaf?.port || v.leafnodes > 0 || v.leaf?.remotes?.length) {
    sections.push({
      title: 'Leafnodes',
      rows: [
        ...(v.leaf?.port ? [['Listening', `${v.leaf.host ?? ''}:${v.leaf.port}`] as Row] : []),
        ...list(
          'Remotes',
          (v.leaf?.remotes ?? []).flatMap((r) => r.urls ?? (r.url ? [r.url] : [])),
        ),
        ['Connections', formatCount(v.leafnodes)],
      ],
    })
  }
  return renderSections(heading, sections)
}
