// natscli's "columns" layout for one thing's details: a heading, then sections of `Label: value` rows with
// the labels right-aligned to one width, each section under an optional title. Every "info" view uses it
// (stream, consumer, bucket, context, broker, server), so they all read alike. The heading and the section
// titles are bold on a terminal (ui/colour.ts); values may carry colour (a verdict()), labels do not.

import {styles} from './colour.js'

export type Row = [label: string, value: string]
export interface Section {
  title?: string
  /** A row with an empty label continues the one above (its value under the values); `['', '']` is a blank line. */
  rows: Row[]
}

/** The heading, a blank line, then each non-empty section (its title and a blank line, its rows, a blank line). */
export function renderSections(heading: string, sections: Section[]): string {
  const s = styles()
  const width = Math.max(0, ...sections.flatMap((section) => section.rows.map(([label]) => label.length)))
  const lines = [s.heading(heading), '']
  for (const section of sections) {
    if (section.rows.length === 0) continue
    if (section.title) lines.push(s.heading(`${section.title}:`), '')
    for (const [label, value] of section.rows) {
      lines.push(label === '' ? `${' '.repeat(width + 4)}${value}`.trimEnd() : `${label.padStart(width + 2)}: ${value}`)
    }
    lines.push('')
  }
  return lines.join('\n')
}
