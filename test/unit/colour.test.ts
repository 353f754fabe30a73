// The colour rules (ui/colour.ts): a terminal gets colour, a pipe or a file does not; NO_COLOR and
// --no-color turn it off, FORCE_COLOR on; each stream decides for itself. And what colour does to the views.
import assert from 'node:assert/strict'
import {after, before, beforeEach, describe, it} from 'node:test'

import {colourEnabled, prepareColour, setColourFlag, stripColour, styles, verdict} from '../../src/lib/ui/colour.js'

const tty = {isTTY: true} as NodeJS.WriteStream
const pipe = {isTTY: false} as NodeJS.WriteStream
const file = {} as NodeJS.WriteStream

const BOLD = '\x1b[1m'
const GREEN = '\x1b[32m'
const YELLOW = '\x1b[33m'
const RED = '\x1b[31m'

describe('colour rules', () => {
  const saved = {NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR, TERM: process.env.TERM}
  before(() => {
    delete process.env.NO_COLOR
    delete process.env.FORCE_COLOR
    process.env.TERM = 'xterm'
  })
  beforeEach(() => setColourFlag(undefined))
  after(() => {
    setColourFlag(undefined)
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  })

  it('colours a terminal, never a pipe or a file', () => {
    assert.equal(colourEnabled(tty, {}), true)
    assert.equal(colourEnabled(pipe, {}), false)
    assert.equal(colourEnabled(file, {}), false)
    assert.equal(colourEnabled(tty, {TERM: 'dumb'}), false)
  })

  it('NO_COLOR (any non-empty value) turns it off, even with FORCE_COLOR', () => {
    assert.equal(colourEnabled(tty, {NO_COLOR: '1'}), false)
    assert.equal(colourEnabled(tty, {NO_COLOR: 'false'}), false)
    assert.equal(colourEnabled(tty, {NO_COLOR: ''}), true)
    assert.equal(colourEnabled(pipe, {FORCE_COLOR: '1', NO_COLOR: '1'}), false)
  })

  it('FORCE_COLOR turns it on in a pipe, unless 0 or false', () => {
    assert.equal(colourEnabled(pipe, {FORCE_COLOR: '1'}), true)
    assert.equal(colourEnabled(pipe, {FORCE_COLOR: ''}), true)
    assert.equal(colourEnabled(pipe, {FORCE_COLOR: '0'}), false)
    assert.equal(colourEnabled(pipe, {FORCE_COLOR: 'false'}), false)
  })

  it('--no-color and --color beat the environment and the terminal', () => {
    setColourFlag(false)
    assert.equal(colourEnabled(tty, {FORCE_COLOR: '1'}), false)
    setColourFlag(true)
    assert.equal(colourEnabled(pipe, {NO_COLOR: '1'}), true)
  })

  it('leaves text plain until chalk is loaded, and does not load it when nothing is coloured', async () => {
    assert.equal(styles(tty).heading('x'), 'x')
    // The test runner's stdout and stderr are pipes: nothing to colour, so chalk stays unloaded.
    setColourFlag(false)
    await prepareColour()
    setColourFlag(undefined)
    assert.equal(styles(tty).heading('x'), 'x')
  })

  it('styles per stream once loaded: a terminal gets codes, a pipe plain text', async () => {
    setColourFlag(true)
    await prepareColour() // loads chalk (--color)
    setColourFlag(undefined)
    assert.equal(styles(tty).heading('Streams'), `${BOLD}Streams\x1b[22m`)
    assert.equal(styles(pipe).heading('Streams'), 'Streams')
    setColourFlag(false)
    assert.equal(styles(tty).heading('Streams'), 'Streams')
  })

  it('colours verdicts by meaning', () => {
    assert.ok(verdict('OK', tty).startsWith(GREEN))
    assert.ok(verdict('WARNING', tty).startsWith(YELLOW))
    assert.ok(verdict('WARN', tty).startsWith(YELLOW))
    assert.ok(verdict('CRITICAL', tty).startsWith(RED))
    assert.ok(verdict('ERROR', tty).startsWith(RED))
    assert.equal(stripColour(verdict('CRITICAL', tty)), 'CRITICAL')
    assert.equal(verdict('OK', pipe), 'OK')
  })

  it('strips colour codes and nothing else', () => {
    assert.equal(stripColour(`a ${BOLD}b\x1b[22m ${RED}c\x1b[39m`), 'a b c')
    assert.equal(stripColour('[plain] text'), '[plain] text')
  })
})
