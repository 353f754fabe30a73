// Tables with rounded borders like natscli's go-pretty style. Plain ASCII tables, which is nearly all of
// them (stream names, counts, sizes, times), are laid out here: one pass for the column widths, one to
// write. cli-table3 spends about 90 ms on a 500-stream `stream ls` measuring and padding every cell through
// its ANSI- and Unicode-aware code, so it is loaded only for cells with other characters, newlines or
// escapes, where display width is not the string length. Both draw the same table (a test checks it).

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

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

export async function renderTable(spec: TableSpec): Promise<string> {
  const plain = [spec.head, ...spec.rows].every((row) => row.length === spec.head.length && row.every((cell) => PRINTABLE_ASCII.test(String(cell))))
  const body = plain ? drawAsciiTable(spec) : await drawWithCliTable3(spec)
  return withTitle(spec.title, body)
}

/** The fast path, for rows as long as the head whose cells are printable ASCII: display width is length. */
export function drawAsciiTable(spec: TableSpec): string {
  const rows = spec.rows.map((row) => row.map(String))
  const widths = spec.head.map((head) => head.length)
  for (const row of rows) for (const [column, text] of row.entries()) widths[column] = Math.max(widths[column], text.length)
  const right = new Set(spec.alignRight ?? [])
  const rule = (left: string, middle: string, end: string) => `${left}${widths.map((width) => '─'.repeat(width + 2)).join(middle)}${end}`
  const line = (row: string[]) => {
    const padded = widths.map((width, column) => {
      const text = row[column]
      return ` ${right.has(column) ? text.padStart(width) : text.padEnd(width)} `
    })
    return `│${padded.join('│')}│`
  }
  const out = [rule('╭', '┬', '╮'), line(spec.head)]
  for (const row of rows) out.push(rule('├', '┼', '┤'), line(row))
  out.push(rule('╰', '┴', '╯'))
  return out.join('\n')
}

/** Anything else: cli-table3 measures display width (wide characters, ANSI escapes) and splits lines. */
export async function drawWithCliTable3(spec: TableSpec): Promise<string> {
  const {default: Table} = await import('cli-table3')
  const align = spec.head.map((_, i) => (spec.alignRight?.includes(i) ? 'right' : 'left')) as Array<'left' | 'right'>
  const table = new Table({chars: ROUNDED, colAligns: align, head: spec.head, style: {border: [], head: []}})
  for (const row of spec.rows) table.push(row.map(String))
  return table.toString()
}

function withTitle(title: string | undefined, body: string): string {
  if (!title) return body
  const width = body.split('\n')[0].length
  const pad = Math.max(0, Math.floor((width - title.length) / 2))
  return `${' '.repeat(pad)}${title}\n${body}`
}
