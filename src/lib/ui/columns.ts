// natscli's "columns" layout for one thing's details: a heading, then sections of `Label: value` rows with
// the labels right-aligned to one width, each section under an optional title. Every "info" view uses it
// (stream, consumer, bucket, context, broker, server), so they all read alike.

import {styles} from './colour.js'

export type Row = [label: string, value: string]
export interface Section {
  title?: string
  rows: Row[]
}

export function renderSections(heading: string, sections: Section[]): string {
  const s = styles()
  const width = Math.max(0, ...sections.flatMap((section) => section.rows.map(([label]) => label.length)))
  const lines = [s.heading(heading), '']
  for (const section of sections) {
    if (section.rows.length === 0) continue
    if (section.title) lines.push(s.heading(`${section.title}:`), '')
    for (const [label, value] of section.rows) lines.push(`${label.padStart(width + 2)}: ${value}`)
    lines.push('')
  }
  return lines.join('\n')
}
