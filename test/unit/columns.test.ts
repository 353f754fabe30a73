// ui/columns.ts: natscli's columns layout, shared by every info view (context, stream, broker, ...).
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {renderSections} from '../../src/lib/ui/columns.js'
import {prepareColour, setColourFlag, stripColour} from '../../src/lib/ui/colour.js'

const sections = [
  {
    rows: [
      ['Description', 'the orders'],
      ['Subjects', 'orders.>'],
    ] as Array<[string, string]>,
  },
  {rows: [], title: 'Empty'},
  {
    rows: [
      ['Name', 'a'],
      ['', 'continued'],
      ['', ''],
      ['Name', 'b'],
    ] as Array<[string, string]>,
    title: 'Sources',
  },
]

const expected = [
  'Information for X',
  '',
  '  Description: the orders',
  '     Subjects: orders.>',
  '',
  'Sources:',
  '',
  '         Name: a',
  '               continued',
  '',
  '         Name: b',
  '',
].join('\n')

describe('columns', () => {
  it('right-aligns every label to the longest of all sections; skips empty sections; empty labels continue', () => {
    setColourFlag(false)
    assert.equal(renderSections('Information for X', sections), expected)
  })

  describe('on a terminal', () => {
    before(async () => {
      setColourFlag(true)
      await prepareColour()
    })
    after(() => setColourFlag(undefined))

    it('makes the heading and the section titles bold, and lays out the same text', () => {
      const out = renderSections('Information for X', sections)
      assert.ok(out.startsWith('\x1b[1mInformation for X\x1b[22m\n'), JSON.stringify(out))
      assert.match(out, /\n\x1b\[1mSources:\x1b\[22m\n/)
      assert.equal(stripColour(out), expected)
    })
  })
})
