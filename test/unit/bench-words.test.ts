// The legacy `bench js pub SUBJECT` form: which single-word subjects are mistyped mode words.

import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {checkJsPubSubject, editDistance, nearestWord} from '../../src/lib/bench/words.js'

describe('bench words', () => {
  it('edit distance counts a transposition as one edit', () => {
    assert.equal(editDistance('snyc', 'sync'), 1)
    assert.equal(editDistance('asynch', 'async'), 1)
    assert.equal(editDistance('bench', 'batch'), 2)
  })

  it('misspelled and misplaced words are usage errors naming the word meant', () => {
    for (const [word, meant] of [
      ['asynch', /did you mean async\?/],
      ['synk', /did you mean sync\?/],
      ['batchh', /did you mean batch\?/],
      ['atomc', /did you mean atomic\?/],
      ['ordered', /did you mean bench js ordered\?/],
      ['ordred', /did you mean bench js ordered\?/],
      ['consume', /did you mean bench js consume\?/],
      ['get', /did you mean bench js get sync\?/],
      ['fast', /fast batch publish, nats-server 2\.14\) is not supported/],
    ] as const) {
      assert.throws(
        () => checkJsPubSubject(word),
        (e: Error & {exitCode?: number}) => e.exitCode === 2 && meant.test(e.message) && e.message.includes(`bench js pub async ${word}`),
        word,
      )
    }
  })

  it('real subjects stay subjects: dotted, wildcards, and words not close to a mode', () => {
    for (const subject of ['bench', 'test', 'set', 'sub', 'orders.new', 'async.x', 'bench.js', 'events', 'patches']) {
      assert.doesNotThrow(() => checkJsPubSubject(subject), subject)
    }
    assert.equal(nearestWord('bench', ['batch']), undefined)
  })
})
