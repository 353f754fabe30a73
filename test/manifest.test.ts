// The committed oclif.manifest.json is what the installed CLI reads to find commands: a stale one hides
// new commands and flags. `npm test` compiles without regenerating it, so this test sees the committed file.
import assert from 'node:assert/strict'
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import {describe, it} from 'node:test'
import {pathToFileURL} from 'node:url'

import {ROOT} from './helpers/cli.js'

function commandFiles(dir: string): Array<{file: string; id: string}> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return commandFiles(path)
    if (!name.endsWith('.ts') || name.endsWith('.d.ts')) return []
    const id = relative(join(ROOT, 'src', 'commands'), path).replace(/\.ts$/, '').split('/')
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
})
