// dist/natsctl.cjs and its parts (scripts/bundle.mjs): what a start runs. Its command index is generated, so
// it must hold exactly the commands the manifest lists; each file's first line is the checksum the compile
// cache trusts; each part reaches the modules of the others; a pub loads no part it does not need; and the
// ICU-free id order it gives oclif must be localeCompare's.
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {compareIds} from '../../src/lib/compare-ids.js'
import {makeHome, ROOT, runCli} from '../helpers/cli.js'

const BUNDLE = join(ROOT, 'dist', 'natsctl.cjs')
type Entry = Record<string, unknown> & {args: Record<string, unknown>; flags: Record<string, unknown>}
const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, Entry>; version: string}
const manifestIds = Object.keys(manifest.commands)
/** The bundle's files: the core, its parts, the prompts and each command's file. */
function bundleFiles(): string[] {
  const dist = join(ROOT, 'dist')
  const commands = join(dist, 'natsctl-commands')
  return [
    ...readdirSync(dist)
      .filter((f) => /^natsctl.*\.cjs$/.test(f))
      .map((f) => join(dist, f)),
    ...readdirSync(commands).map((f) => join(commands, f)),
  ]
}

describe('the start-up bundle', () => {
  it('indexes exactly the commands of the manifest, each loading its class', () => {
    const bundle = createRequire(import.meta.url)(BUNDLE) as {COMMANDS: Record<string, {id?: string; run?: unknown}>; HOOKS: Record<string, string>}
    assert.deepEqual(Object.keys(bundle.COMMANDS).sort(), [...manifestIds].sort())
    assert.equal(typeof bundle.COMMANDS['kv:get'].run, 'function')
    assert.deepEqual(bundle.HOOKS, {command_not_found: 'hook_command_not_found'})
  })

  it('carries a run-time manifest that agrees with oclif.manifest.json on everything but the help text', () => {
    const {MANIFEST} = createRequire(import.meta.url)(BUNDLE) as {MANIFEST: {commands: Record<string, Entry>; version: string}}
    assert.equal(MANIFEST.version, manifest.version)
    assert.deepEqual(Object.keys(MANIFEST.commands).sort(), [...manifestIds].sort())
    const keys = ['aliases', 'hidden', 'hiddenAliases', 'id', 'pluginName', 'pluginType', 'state', 'strict', 'deprecateAliases']
    for (const id of manifestIds) {
      const [slim, full] = [MANIFEST.commands[id], manifest.commands[id]]
      for (const key of keys) assert.deepEqual(slim[key], full[key], `${id}: ${key}`)
      // oclif reads a command id from argv up to a command that takes arguments: the names must agree.
      assert.deepEqual(Object.keys(slim.args), Object.keys(full.args), `${id}: args`)
      assert.deepEqual(slim.flags, {})
    }
  })

  it('gives the run-time manifest only to runs of natsctl commands that show no help', async () => {
    const {runsOwnCommand} = await import('../../src/lib/main.js')
    const commands = manifest.commands as unknown as Parameters<typeof runsOwnCommand>[1]
    for (const argv of [
      ['pub', 'x', 'hi'],
      ['stream', 'info', 'S'],
      ['kv', 'get', 'B', 'k', '--json'],
      ['stream', 'ls', '--', '--help'],
    ])
      assert.equal(runsOwnCommand(argv, commands), true, argv.join(' '))
    for (const argv of [[], ['stream'], ['kv'], ['help'], ['autocomplete'], ['pub', 'x', '--help'], ['pub', '-h'], ['stream', 'lss'], ['--json']])
      assert.equal(runsOwnCommand(argv, commands), false, argv.join(' '))
  })

  it('starts every file of the bundle with the checksum of the rest of the file', () => {
    for (const file of bundleFiles()) {
      const text = readFileSync(file, 'utf8')
      const [header, ...rest] = text.split('\n')
      const body = rest.join('\n')
      assert.equal(header, `// natsctl-bundle checksum=${createHash('sha256').update(body).digest('hex').slice(0, 8)}`, file)
      assert.doesNotMatch(body, /(?<![\w$.])import\((?!\))/, `${file}: no import() left for vm.Script to fail on`)
      assert.doesNotMatch(body, /__natsctl_(mod|prompts)__/, `${file}: no module of another part left unresolved`)
    }
  })

  it('lets every part reach the modules other parts take from it', () => {
    const require = createRequire(import.meta.url)
    const parts = bundleFiles().filter((f) => /natsctl(-\w+)?\.cjs$/.test(f) && !f.endsWith('natsctl-prompts.cjs'))
    assert.ok(parts.length >= 5, parts.join(', '))
    for (const file of parts) {
      const {MODULES} = require(file) as {MODULES: Record<string, unknown>}
      for (const key of Object.keys(MODULES)) assert.equal(typeof MODULES[key], 'object', `${file}: ${key}`)
    }
  })

  it('loads only the core and the command for a pub (no JetStream, bench, server, broker or table part)', async () => {
    const home = makeHome()
    try {
      const env = {...home.env, XDG_CACHE_HOME: join(home.dir, 'cache')}
      const result = await runCli(['pub', 'x', 'hi', '--server', 'nats://127.0.0.1:1'], {env})
      assert.equal(result.code, 1)
      const [dir] = readdirSync(join(home.dir, 'cache', 'natsctl', 'compile-cache'))
      const cached = readdirSync(join(home.dir, 'cache', 'natsctl', 'compile-cache', dir)).map((f) => f.replace(/-[\da-f]+$/, ''))
      assert.deepEqual(cached.sort(), ['natsctl.cjs', 'pub.cjs'])
    } finally {
      home.cleanup()
    }
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

  it('prints the root help from its cache, rendered again when what it is made from changes', async () => {
    const home = makeHome()
    try {
      const env = {...home.env, XDG_CACHE_HOME: join(home.dir, 'cache')}
      const cached = () => readdirSync(join(home.dir, 'cache', 'natsctl', 'help')).filter((f) => f.endsWith('.txt'))
      const first = await runCli(['--help'], {env})
      assert.equal(first.code, 0)
      assert.match(first.stdout, /^USAGE$/m)
      assert.equal(cached().length, 1)
      const second = await runCli(['--help'], {env})
      assert.deepEqual([second.code, second.stdout, second.stderr], [0, first.stdout, first.stderr])
      // A narrower terminal and a user theme each render it again (and keep that text too).
      const narrow = await runCli(['--help'], {env: {...env, COLUMNS: '60'}})
      assert.equal(narrow.code, 0)
      mkdirSync(join(home.configDir, 'natsctl'), {recursive: true})
      writeFileSync(join(home.configDir, 'natsctl', 'theme.json'), '{}')
      assert.equal((await runCli(['--help'], {env})).stdout, first.stdout)
      assert.equal(cached().length, 3)
      // Help for anything but the root is never cached.
      assert.equal((await runCli(['kv', '--help'], {env})).code, 0)
      assert.equal(cached().length, 3)
    } finally {
      home.cleanup()
    }
  })
})
