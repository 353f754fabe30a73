// The committed oclif.manifest.json is what the installed CLI reads to find commands: a stale one hides
// new commands and flags. `npm test` compiles without regenerating it, so this test sees the committed file.
import assert from 'node:assert/strict'
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import {describe, it} from 'node:test'
import {pathToFileURL} from 'node:url'

import {connectionFlags, contextFieldFlags} from '../../src/lib/flags.js'
import {ROOT} from '../helpers/cli.js'

function commandFiles(dir: string): Array<{file: string; id: string}> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return commandFiles(path)
    if (!name.endsWith('.ts') || name.endsWith('.d.ts')) return []
    const id = relative(join(ROOT, 'src', 'commands'), path)
      .replace(/\.ts$/, '')
      .split('/')
    if (id.at(-1) === 'index') id.pop()
    return [{file: relative(join(ROOT, 'src'), path).replace(/\.ts$/, '.js'), id: id.join(':')}]
  })
}

interface ManifestCommand {
  aliases: string[]
  args: Record<string, unknown>
  flags: Record<string, unknown>
}

describe('oclif.manifest.json (regenerate with `npm run build` and commit it)', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, ManifestCommand>}
  const files = commandFiles(join(ROOT, 'src', 'commands'))

  it('lists exactly the commands in src/commands', () => {
    assert.deepEqual(Object.keys(manifest.commands).sort(), files.map((f) => f.id).sort())
  })

  it('has the flags, args and aliases each command declares', async () => {
    for (const {file, id} of files) {
      const mod = (await import(pathToFileURL(join(ROOT, 'dist', file)).href)) as {
        default: {aliases?: string[]; args?: object; baseFlags?: object; flags?: object; enableJsonFlag?: boolean}
      }
      const cmd = mod.default
      const entry = manifest.commands[id]
      assert.ok(entry, `${id} missing from the manifest`)
      const flags = [...Object.keys(cmd.baseFlags ?? {}), ...Object.keys(cmd.flags ?? {}), ...(cmd.enableJsonFlag ? ['json'] : [])]
      assert.deepEqual(Object.keys(entry.flags).sort(), [...new Set(flags)].sort(), `flags of ${id}`)
      assert.deepEqual(Object.keys(entry.args).sort(), Object.keys(cmd.args ?? {}).sort(), `args of ${id}`)
      assert.deepEqual([...entry.aliases].sort(), [...(cmd.aliases ?? [])].sort(), `aliases of ${id}`)
    }
  })

  it('gives every command --json and --[no-]color', () => {
    for (const [id, entry] of Object.entries(manifest.commands)) {
      assert.ok(entry.flags.json, `--json of ${id}`)
      assert.equal((entry.flags.color as {allowNo?: boolean} | undefined)?.allowNo, true, `--[no-]color of ${id}`)
    }
  })

  it('gives the commands that never connect (broker, context) no connection flags', () => {
    // context add and copy write the connection settings a context stores: those flags are its fields.
    const fields = new Set(Object.keys(contextFieldFlags))
    const plain = Object.keys(manifest.commands).filter((id) => /^(broker|context):/.test(id))
    assert.ok(plain.length >= 14)
    // broker run and start have a --js-domain of their own: the domain the broker serves (not a connection flag).
    const own = (id: string, name: string) => /^broker:(run|start)$/.test(id) && name === 'js-domain'
    for (const id of plain) {
      const allowed = id === 'context:add' || id === 'context:copy' ? fields : new Set<string>()
      const flags = manifest.commands[id].flags as Record<string, {helpGroup?: string}>
      const connection = Object.keys(flags).filter((name) => name in connectionFlags && !allowed.has(name) && !own(id, name))
      assert.deepEqual(connection, [], `connection flags of ${id}`)
      if (own(id, 'js-domain') && flags['js-domain']) assert.notEqual(flags['js-domain'].helpGroup, 'CONNECTION', `--js-domain of ${id}`)
    }
    // And the commands that connect have them all.
    for (const id of ['pub', 'sub', 'stream:ls', 'bench:pub']) {
      for (const name of Object.keys(connectionFlags)) assert.ok(manifest.commands[id].flags[name], `--${name} of ${id}`)
    }
  })
})
