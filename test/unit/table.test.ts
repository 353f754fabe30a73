import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {prepareColour, setColourFlag, stripColour} from '../../src/lib/ui/colour.js'
import {drawAsciiTable, drawWithCliTable3, renderTable, type TableSpec} from '../../src/lib/ui/table.js'

const streams: TableSpec = {
  alignRight: [3, 4],
  head: ['Name', 'Description', 'Created', 'Messages', 'Size', 'Last Message'],
  rows: Array.from({length: 40}, (_, i) => [
    `STREAM_${i}`,
    i % 3 ? '' : `orders for region ${i}`,
    '2026-11-21 13:30:00',
    (i * 7919).toLocaleString('en-US'),
    `${i}.5 KiB`,
    i % 5 ? `${i}s ago` : 'never',
  ]),
}

describe('tables', () => {
  it('draws plain ASCII tables exactly as cli-table3 does', async () => {
    const cases: TableSpec[] = [
      streams,
      {
        head: ['Name', 'Messages'],
        rows: [
          ['ORDERS', 1234],
          ['X', 5],
        ],
        alignRight: [1],
      },
      {head: ['N', 'M'], rows: [['ORDERS', 123_456_789]], alignRight: [1]}, // a right-aligned head wider than its column
      {head: ['N', 'M'], rows: [['a', '']], alignRight: [1]},
      {head: ['Name', 'Description'], rows: []},
      {head: ['A'], rows: [['  spaces kept  '], ['|']]},
    ]
    for (const spec of cases) assert.equal(drawAsciiTable(spec), await drawWithCliTable3(spec), JSON.stringify(spec.head))
  })

  it('leaves wide characters, newlines and short rows to cli-table3', async () => {
    for (const spec of [
      {head: ['Name', 'Description'], rows: [['é日本', 'x']]},
      {head: ['Name', 'Description'], rows: [['a', 'two\nlines']]},
      {head: ['Name', 'Description'], rows: [['only one cell']]},
    ]) {
      assert.equal(await renderTable(spec), await drawWithCliTable3(spec))
    }
    // The width of 日本 is 4 columns, not 2: the ASCII path would misalign the border.
    const wide = await renderTable({head: ['N'], rows: [['日本']]})
    assert.match(wide, /│ 日本 │\n/)
    assert.match(wide, /^╭──────╮/)
  })

  it('centres the title over the table', async () => {
    const out = await renderTable({...streams, title: 'Streams'})
    const [title, top] = out.split('\n')
    assert.equal(title.trim(), 'Streams')
    assert.ok(Math.abs(title.indexOf('S') * 2 + 'Streams'.length - top.length) <= 1)
  })
})

describe('tables with colour', () => {
  const bold = (text: string) => `\x1b[1m${text}\x1b[22m`
  const red = (text: string) => `\x1b[31m${text}\x1b[39m`

  it('keep the ASCII fast path for colour codes and measure cells without them', async () => {
    const spec: TableSpec = {
      alignRight: [1],
      head: ['Name', 'Status'].map(bold),
      rows: [
        ['ORDERS', red('CRITICAL')],
        ['X', 'OK'],
      ],
    }
    const fast = drawAsciiTable(spec)
    assert.equal(fast, await drawWithCliTable3(spec))
    const plain = drawAsciiTable({
      alignRight: [1],
      head: ['Name', 'Status'],
      rows: [
        ['ORDERS', 'CRITICAL'],
        ['X', 'OK'],
      ],
    })
    assert.equal(stripColour(fast), plain)
    // Every line is as wide on the screen as the border.
    const widths = stripColour(fast)
      .split('\n')
      .map((line) => line.length)
    assert.ok(
      widths.every((w) => w === widths[0]),
      JSON.stringify(widths),
    )
  })

  it('colours the head and the title on a terminal, and nothing in a pipe', async () => {
    setColourFlag(true)
    await prepareColour()
    try {
      const out = await renderTable({head: ['Name', 'Description'], rows: [['a', 'b']], title: 'Known Contexts'})
      assert.match(out, /\x1b\[1mKnown Contexts\x1b\[22m/)
      assert.match(out, /│ \x1b\[1mName\x1b\[22m │ \x1b\[1mDescription\x1b\[22m │/)
      setColourFlag(false)
      const piped = await renderTable({head: ['Name', 'Description'], rows: [['a', 'b']], title: 'Known Contexts'})
      assert.equal(piped, stripColour(out))
      assert.doesNotMatch(piped, /\x1b/)
    } finally {
      setColourFlag(undefined)
    }
  })
})
