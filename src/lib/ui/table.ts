// Tables through cli-table3, loaded when a table is drawn. Rounded borders like natscli's go-pretty style.

export interface TableSpec {
  title?: string
  head: string[]
  rows: Array<Array<string | number>>
  /** Column indexes to right-align (counts, sizes). */
  alignRight?: number[]
}

const ROUNDED = {
  top: '─', 'top-mid': '┬', 'top-left': '╭', 'top-right': '╮',
  bottom: '─', 'bottom-mid': '┴', 'bottom-left': '╰', 'bottom-right': '╯',
  left: '│', 'left-mid': '├', mid: '─', 'mid-mid': '┼', right: '│', 'right-mid': '┤', middle: '│',
}

export async function renderTable(spec: TableSpec): Promise<string> {
  const {default: Table} = await import('cli-table3')
  const align = spec.head.map((_, i) => (spec.alignRight?.includes(i) ? 'right' : 'left')) as Array<'left' | 'right'>
  const table = new Table({chars: ROUNDED, colAligns: align, head: spec.head, style: {border: [], head: []}})
  for (const row of spec.rows) table.push(row.map(String))
  const body = table.toString()
  if (!spec.title) return body
  const width = body.split('\n')[0].length
  const pad = Math.max(0, Math.floor((width - spec.title.length) / 2))
  return `${' '.repeat(pad)}${spec.title}\n${body}`
}
