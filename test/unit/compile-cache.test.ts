// The compile cache runs other people's code from bytes on disk, so what matters is that it never runs
// stale code and never changes what a module does. Each case runs a fresh `node` (no tsx hooks) that turns
// the cache on and requires CommonJS fixtures, like bin/run.js does with oclif and the NATS client.
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import Module from 'node:module'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {after, before, describe, it} from 'node:test'
import {fileURLToPath, pathToFileURL} from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const COMPILE_CACHE = pathToFileURL(join(ROOT, 'dist', 'lib', 'compile-cache.js')).href
const NODE_HAS_ITS_OWN = typeof (Module as unknown as {enableCompileCache?: unknown}).enableCompileCache === 'function'

describe('compile cache (Node 20)', {skip: NODE_HAS_ITS_OWN && 'this Node has module.enableCompileCache and natsctl uses it'}, () => {
  let dir: string
  let cacheHome: string

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'natsctl-compile-cache-'))
    cacheHome = join(dir, 'cache')
    writeFileSync(
      join(dir, 'main.mjs'),
      `import {enableCompileCache} from ${JSON.stringify(COMPILE_CACHE)}
enableCompileCache()
const {createRequire} = await import('node:module')
const require = createRequire(import.meta.url)
const answer = require('./answer.cjs')
const late = require('./late.cjs')
console.log(JSON.stringify({...answer, late: await late.load()}))
`,
    )
    writeAnswer('aaa')
    writeFileSync(join(dir, 'helper.cjs'), `module.exports = {helper: 'helper'}\n`)
    // A module with import() must be left to Node (vm.Script has no dynamic-import callback in Node 20).
    writeFileSync(join(dir, 'late.cjs'), `exports.load = async () => (await import('node:path')).sep\n`)
  })

  after(() => rmSync(dir, {force: true, recursive: true}))

  function writeAnswer(word: string): void {
    writeFileSync(
      join(dir, 'answer.cjs'),
      `const path = require('node:path')
module.exports = {word: '${word}', file: path.basename(__filename), dir: path.basename(__dirname),
  resolved: path.basename(require.resolve('./helper.cjs')), helper: require('./helper.cjs').helper, self: module.id === __filename}
`,
    )
  }

  function run(env: NodeJS.ProcessEnv = {}): Record<string, unknown> {
    const result = spawnSync(process.execPath, [join(dir, 'main.mjs')], {
      cwd: dir,
      encoding: 'utf8',
      env: {...process.env, XDG_CACHE_HOME: cacheHome, ...env},
    })
    assert.equal(result.status, 0, result.stderr)
    return JSON.parse(result.stdout)
  }

  function cacheFiles(): Map<string, {mode: number; mtimeMs: number}> {
    const versions = readdirSync(join(cacheHome, 'natsctl', 'compile-cache'))
    assert.equal(versions.length, 1)
    const versionDir = join(cacheHome, 'natsctl', 'compile-cache', versions[0])
    assert.equal(statSync(versionDir).mode & 0o777, 0o700)
    return new Map(readdirSync(versionDir).map((name) => [name, statSync(join(versionDir, name))]))
  }

  const fileFor = (files: Map<string, unknown>, module: string) => [...files.keys()].find((name) => name.startsWith(`${module}-`))

  it('caches each CommonJS module after the first run, privately, and the module behaves the same', () => {
    const expected = {word: 'aaa', file: 'answer.cjs', dir: dir.split('/').pop(), resolved: 'helper.cjs', helper: 'helper', self: true, late: '/'}
    assert.deepEqual(run(), expected)
    const files = cacheFiles()
    for (const module of ['answer.cjs', 'helper.cjs']) {
      const name = fileFor(files, module)
      assert.ok(name, `no cache file for ${module}: ${[...files.keys()].join(', ')}`)
      assert.equal(files.get(name)!.mode & 0o777, 0o600)
    }
    assert.equal(fileFor(files, 'late.cjs'), undefined, 'a module that calls import() must not be cached')
    assert.equal(
      [...files.keys()].some((name) => /\.\d+$/.test(name)),
      false,
      'temporary files left behind',
    )

    // Second run: same answers, and the cache was accepted (a rejected entry is rewritten at exit).
    assert.deepEqual(run(), expected)
    const again = cacheFiles()
    assert.equal(again.get(fileFor(again, 'answer.cjs')!)!.mtimeMs, files.get(fileFor(files, 'answer.cjs')!)!.mtimeMs)
  })

  it('never runs stale code: a changed module of the same length is compiled afresh', () => {
    run()
    const before = cacheFiles()
    // V8 checks only the length of the source against its cached data; the cache's own checksum catches this.
    writeAnswer('bbb')
    assert.equal(run().word, 'bbb')
    const after = cacheFiles()
    const name = fileFor(after, 'answer.cjs')!
    assert.notEqual(after.get(name)!.mtimeMs, before.get(name)!.mtimeMs, 'the entry should have been rewritten')
    assert.equal(run().word, 'bbb')
  })

  it('survives damaged cache entries: a wrong checksum, and cached data V8 rejects', () => {
    writeAnswer('aaa')
    run()
    const versionDir = join(cacheHome, 'natsctl', 'compile-cache', readdirSync(join(cacheHome, 'natsctl', 'compile-cache'))[0])
    const files = cacheFiles()
    const answer = join(versionDir, fileFor(files, 'answer.cjs')!)
    const helper = join(versionDir, fileFor(files, 'helper.cjs')!)
    writeFileSync(answer, 'not a code cache at all')
    writeFileSync(helper, Buffer.concat([readFileSync(helper).subarray(0, 4), Buffer.from('garbage where V8 expects its data')]))
    assert.deepEqual([run().word, run().helper], ['aaa', 'helper'])
    assert.ok(readFileSync(helper).length > 100, 'the rejected entry should have been rewritten')
  })

  it('is off with NODE_DISABLE_COMPILE_CACHE=1, as in Node 22', () => {
    const elsewhere = join(dir, 'disabled-cache')
    run({NODE_DISABLE_COMPILE_CACHE: '1', XDG_CACHE_HOME: elsewhere})
    assert.throws(() => statSync(elsewhere), /ENOENT/)
  })
})
