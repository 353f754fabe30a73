// dist/natsctl.cjs (scripts/bundle.mjs): what a start runs. Its command index is generated, so it must hold
// exactly the commands the manifest lists; its first line is the checksum the compile cache trusts; and the
// ICU-free id order it gives oclif must be localeCompare's.
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {compareIds} from '../../src/lib/compare-ids.js'
import {ROOT} from '../helpers/cli.js'

const BUNDLE = join(ROOT, 'dist', 'natsctl.cjs')
const manifestIds = Object.keys((JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: object}).commands)

describe('the start-up bundle', () => {
  it('indexes exactly the commands of the manifest, each loading its class', () => {
    const bundle = createRequire(import.meta.url)(BUNDLE) as {COMMANDS: Record<string, {id?: string; run?: unknown}>; HOOKS: Record<string, string>}
    assert.deepEqual(Object.keys(bundle.COMMANDS).sort(), [...manifestIds].sort())
    assert.equal(typeof bundle.COMMANDS['kv:get'].run, 'function')
    assert.deepEqual(bundle.HOOKS, {command_not_found: 'hook_command_not_found'})
  })

  it('starts with the checksum of the rest of the file', () => {
    const text = readFileSync(BUNDLE, 'utf8')
    const [header, ...rest] = text.split('\n')
    const body = rest.join('\n')
    assert.equal(header, `// natsctl-bundle checksum=${createHash('sha256').update(body).digest('hex').slice(0, 8)}`)
    assert.doesNotMatch(body, /(?<![\w$.])import\((?!\))/, 'no import() left for vm.Script to fail on')
  })

  it('orders command ids as localeCompare does, without ICU', () => {
    const ids = [...manifestIds, 'help', 'autocomplete', 'autocomplete:create', 'autocomplete:script']
    assert.deepEqual(
      [...ids].sort(compareIds),
      [...ids].sort((a, b) => a.localeCompare(b)),
    )
    const alphabet = 'ab0:-9z'
    const word = () => Array.from({length: 1 + Math.floor(Math.random() * 6)}, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('')
    for (let i = 0; i < 5000; i++) {
      const [a, b] = [word(), word()]
      assert.equal(Math.sign(compareIds(a, b)), Math.sign(a.localeCompare(b)), `${a} vs ${b}`)
    }
    assert.equal(Math.sign(compareIds('Ä', 'a')), Math.sign('Ä'.localeCompare('a')))
  })
})
