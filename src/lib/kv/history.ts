// A key's history, and natscli's table of it.

import type {KV, KvEntry} from '@nats-io/kv'

import {formatCount, formatTime} from '../format.js'
import {renderTable} from '../ui/table.js'
import {shortValue} from './entry.js'
import {release} from './release.js'

export async function keyHistory(kv: KV, key: string): Promise<KvEntry[]> {
  const entries: KvEntry[] = []
  const iter = await kv.history({key})
  try {
    for await (const e of iter) entries.push(e)
  } finally {
    await release(iter)
  }
  return entries
}

export function renderHistory(bucket: string, key: string, entries: KvEntry[]): Promise<string> {
  return renderTable({
    alignRight: [1, 4],
    head: ['Key', 'Revision', 'Op', 'Created', 'Length', 'Value'],
    rows: entries.map((e) => [
      e.key,
      e.revision,
      e.operation === 'DEL' ? 'DELETE' : e.operation,
      formatTime(e.created),
      formatCount(e.value.length),
      shortValue(e.value),
    ]),
    title: `History for ${bucket} > ${key}`,
  })
}
