import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {describe, it} from 'node:test'

import initHook from '../../src/hooks/init.js'
import {compareCommandIdsWithoutIcu, compareIdsFirst, restoreLocaleCompare} from '../../src/lib/id-collation.js'

const builtin = String.prototype.localeCompare
const manifest = JSON.parse(readFileSync(new URL('../../oclif.manifest.json', import.meta.url), 'utf8')) as {commands: Record<string, unknown>}

describe('command-id collation without ICU', () => {
  it('orders command ids exactly as localeCompare does', () => {
    const ids = [...Object.keys(manifest.commands), 'help', 'autocomplete', 'autocomplete:script', 'autocomplete:create', '', 'a', 'a:', 'a:b', 'ab', 'b', 'bench', 'bench:js', 'benchjs', 'z:z', 'zz']
    for (const a of ids) {
      for (const b of ids) {
        assert.equal(Math.sign(compareIdsFirst.call(a, b)), Math.sign(builtin.call(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`)
      }
    }
  })

  it('leaves everything that is not a command id to ICU', () => {
    // Code-unit order would put 'B' before 'a', '_' after ':', and ignore the options; ICU does neither.
    assert.equal(compareIdsFirst.call('a', 'B'), builtin.call('a', 'B'))
    assert.equal(compareIdsFirst.call('a:b', 'a_b'), builtin.call('a:b', 'a_b'))
    assert.equal(compareIdsFirst.call('é', 'f'), builtin.call('é', 'f'))
    assert.equal(compareIdsFirst.call('a', 'A', 'en', {sensitivity: 'base'}), 0)
  })

  it('is switched on for oclif loading its config and off again by the init hook', async () => {
    const pjson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    assert.equal(pjson.oclif.hooks.init, './dist/hooks/init.js', 'oclif must run src/hooks/init.ts as its init hook')
    compareCommandIdsWithoutIcu()
    try {
      assert.equal(String.prototype.localeCompare, compareIdsFirst)
      await initHook()
      assert.equal(String.prototype.localeCompare, builtin)
    } finally {
      restoreLocaleCompare()
    }
  })
})
