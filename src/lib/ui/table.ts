// Tables with rounded borders like natscli's go-pretty style. Plain ASCII tables, which is nearly all of
// them (stream names, counts, sizes, times), are laid out here: one pass for the column widths, one to
// write. cli-table3 spends about 90 ms on a 500-stream `stream ls` measuring and padding every cell through
// its ANSI- and Unicode-aware code, so it is loaded only for cells with other characters, newlines or
// line breaks, where display width is not the string length. Colour codes (SGR escapes: the bold head and
// title on a terminal, a verdict() in a cell) take no columns: the fast path measures cells without them.
// Both draw the same table (a test checks it).

import {stripColour, styles} from './colour.js'

export interface TableSpec {
  title?: string
  head: string[]
  rows: Array<Array<string | number>>
  /** Column indexes to right-align (counts, sizes). */
  alignRight?: number[]
}

const ROUNDED = {
  top: '─',
  'top-mid': '┬',
  'top-left': '╭',
  'top-right': '╮',
  bottom: '─',
  'bottom-mid': '┴',
  'bottom-left': '╰',
  'bottom-right': '╯',
  left: '│',
  'left-mid': '├',
  mid: '─',
  'mid-mid': '┼',
  right: '│',
  'right-mid': '┤',
  middle: '│',
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

/** The table as natsctl prints it: the title and the head bold on a terminal (stdout), plain in a pipe. */
export async function renderTable(spec: TableSpec): Promise<string> {
  const s = styles()
  const styled = {...spec, head: spec.head.map((text) => s.heading(text))}
  const plain = [styled.head, ...spec.rows].every(
    (row) => row.length === spec.head.length && row.every((cell) => PRINTABLE_ASCII.test(stripColour(String(cell)))),
  )
  const body = plain ? drawAsciiTable(styled) : await drawWithCliTable3(styled)
  return withTitle(spec.title, body)
}

/**
 * The fast path, for rows as long as the head whose cells are printable ASCII (colour codes aside): display
 * width is the length without the codes.
 */
export function drawAsciiTable(spec: TableSpec): string {
  const head = spec.head.map((text) => [text, stripColour(text).length] as const)
  const rows = spec.rows.map((row) => row.map((cell) => [String(cell), stripColour(String(cell)).length] as const))
  const widths = head.map(([, width]) => width)
  for (const row of rows) for (const [column, [, width]] of row.entries()) widths[column] = Math.max(widths[column], width)
  const right = new Set(spec.alignRight ?? [])
  const rule = (left: string, middle: string, end: string) => `${left}${widths.map((width) => '─'.repeat(width + 2)).join(middle)}${end}`
  const line = (row: ReadonlyArray<readonly [string, number]>) => {
    const padded = widths.map((width, column) => {
      const [text, visible] = row[column]
      const fill = ' '.repeat(width - visible)
      return ` ${right.has(column) ? fill + text : text + fill} `
    })
    return `│${padded.join('│')}│`
  }
  const out = [rule('╭', '┬', '╮'), line(head)]
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
  const width = body.slice(0, body.indexOf('\n')).length // the top border: no colour codes
  const pad = Math.max(0, Math.floor((width - title.length) / 2))
  return `${' '.repeat(pad)}${styles().heading(title)}\n${body}`
}
