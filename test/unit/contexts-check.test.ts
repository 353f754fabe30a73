// context edit's editor command: $VISUAL, else $EDITOR, split into words as a shell would (no shell run).
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {editorCommand, splitWords} from '../../src/lib/contexts-check.js'

describe('editorCommand and splitWords', () => {
  it('splits an editor with arguments into words, quotes grouping', () => {
    assert.deepEqual(splitWords('code -w'), ['code', '-w'])
    assert.deepEqual(splitWords('  vim  '), ['vim'])
    assert.deepEqual(splitWords(`"/opt/My Editor/bin/ed" --wait 'a b' c\\ d ""`), ['/opt/My Editor/bin/ed', '--wait', 'a b', 'c d', ''])
    assert.deepEqual(splitWords('emacs; rm -rf /'), ['emacs;', 'rm', '-rf', '/'], 'no shell: ; is just a character')
    assert.equal(splitWords('"unterminated'), undefined)
  })

  it('prefers VISUAL, falls back to EDITOR, and names EDITOR when neither is set', () => {
    assert.deepEqual(editorCommand({VISUAL: 'code -w', EDITOR: 'vi'}), {variable: 'VISUAL', words: ['code', '-w']})
    assert.deepEqual(editorCommand({VISUAL: ' ', EDITOR: 'nano'}), {variable: 'EDITOR', words: ['nano']})
    assert.throws(() => editorCommand({}), {name: 'UsageError', message: /^no editor: set EDITOR/})
    assert.throws(() => editorCommand({EDITOR: "'vi"}), /cannot parse EDITOR/)
  })
})
