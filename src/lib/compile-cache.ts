// A V8 code cache for the CommonJS modules a command loads (oclif and the NATS client are CommonJS), so a
// repeated `natsctl` start deserializes their compiled code instead of compiling it again. Node 22.1+ does
// this itself (module.enableCompileCache); on Node 20 there is no such cache, and compiling is most of what
// an oclif CLI does before its command runs. See docs/PERFORMANCE.md for what it saves.
//
// One file per module under $XDG_CACHE_HOME/natsctl/compile-cache/<V8 version>-<arch>/, named after the
// module's path and holding a checksum of its source, so an upgraded package is compiled afresh, never run
// from stale code. Caches are written at exit, after the run, so they include the functions the run
// compiled, not just the top level. Set NODE_DISABLE_COMPILE_CACHE=1 to turn it off (Node 22's switch).
//
// Modules that call import() are left to Node: code compiled through vm.Script has no dynamic-import
// callback in Node 20. The bundle (dist/natsctl.cjs) has none left: scripts/bundle.mjs turns them into
// require() or a call to bin/run.js, so the whole of natsctl, oclif and the client is one cached script.

import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import Module from 'node:module'
import {homedir} from 'node:os'
import {basename, dirname, join} from 'node:path'
import {Script} from 'node:vm'
import zlib from 'node:zlib'

type Compile = (this: Module, content: string, filename: string, format?: string) => unknown

/** What Node gives a module as `require`, built from the module itself (createRequire would make a new one). */
interface ModuleInternals {
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: unknown): string
  _extensions: NodeJS.RequireExtensions
  _cache: NodeJS.Dict<Module>
}

interface Pending {
  file: string
  script: Script
  sourceHash: Buffer
}

const HASH_BYTES = 4
const BUNDLE_HEADER = /^\/\/ natsctl-bundle checksum=([\da-f]{8})\n/

export function enableCompileCache(): void {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return
  const root = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'natsctl', 'compile-cache')
  const builtin = (Module as unknown as {enableCompileCache?: (dir: string) => unknown}).enableCompileCache
  if (builtin) {
    builtin(root) // Node keeps its own per-version directories under it
    return
  }
  const dir = join(root, `${process.versions.v8}-${process.arch}`)
  const pending: Pending[] = []
  const proto = Module.prototype as unknown as {_compile: Compile}
  const original = proto._compile

  proto._compile = function (content, filename, format) {
    const bundleHash = BUNDLE_HEADER.exec(content.slice(0, 64))?.[1]
    if (format === 'module' || (!bundleHash && callsImport(content))) return original.call(this, content, filename, format)
    // The bundle carries its checksum in its first line (scripts/bundle.mjs): 2.5 MB not hashed on every start.
    const sourceHash = bundleHash ? Buffer.from(bundleHash, 'hex') : digest(content)
    const file = join(dir, `${basename(filename)}-${digest(filename).toString('hex')}`)
    const cachedData = readCache(file, sourceHash)
    let script: Script
    try {
      script = new Script(Module.wrap(content), {cachedData, filename})
    } catch {
      return original.call(this, content, filename, format) // ESM syntax in a .js file, say: Node knows what to do
    }
    if (!cachedData || script.cachedDataRejected) pending.push({file, script, sourceHash})
    const wrapper = script.runInThisContext({displayErrors: true}) as (...args: unknown[]) => unknown
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename))
  }

  process.once('exit', () => {
    if (pending.length === 0) return
    try {
      mkdirSync(dir, {mode: 0o700, recursive: true})
      for (const {file, script, sourceHash} of pending) {
        const temporary = `${file}.${process.pid}`
        writeFileSync(temporary, Buffer.concat([sourceHash, script.createCachedData()]), {mode: 0o600})
        renameSync(temporary, file) // atomic: a concurrent natsctl reads the old file or the new one
      }
    } catch {
      // A read-only or full cache directory costs speed, never correctness.
    }
  })
}

/** Whether a source may call import(): `import()` with nothing inside is an error message's text, not a call. */
function callsImport(content: string): boolean {
  return content.includes('import(') && /(?<![\w$.])import\((?!\))/.test(content)
}

function requireFor(module: Module): NodeJS.Require {
  const internals = Module as unknown as ModuleInternals
  const require = ((id: string): unknown => module.require(id)) as NodeJS.Require
  require.resolve = ((request: string, options?: unknown) => internals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve
  require.resolve.paths = (request: string) =>
    (Module as unknown as {_resolveLookupPaths(r: string, m: Module): string[] | null})._resolveLookupPaths(request, module)
  require.main = process.mainModule
  require.extensions = internals._extensions
  require.cache = internals._cache
  return require
}

/**
 * A checksum of a source, to tell whether a cache entry was made from it. CRC-32 (as Node 22's own compile
 * cache uses) is enough: this guards against a package upgrade, not an attacker, who could write the cache
 * directory only as the user. Node before 20.15 has no zlib.crc32: the first 4 bytes of a SHA-1 then.
 */
function digest(text: string): Buffer {
  const checksum = Buffer.alloc(HASH_BYTES)
  if (typeof zlib.crc32 === 'function') checksum.writeUInt32BE(zlib.crc32(text))
  else {
    // Loaded only here: node:crypto is a large module, and every Node from 20.15 has zlib.crc32.
    const {createHash} = Module.createRequire(process.execPath)('node:crypto') as typeof import('node:crypto')
    createHash('sha1').update(text).digest().copy(checksum, 0, 0, HASH_BYTES)
  }
  return checksum
}

function readCache(file: string, sourceHash: Buffer): Buffer | undefined {
  try {
    const data = readFileSync(file)
    if (data.length > HASH_BYTES && sourceHash.equals(data.subarray(0, HASH_BYTES))) return data.subarray(HASH_BYTES)
  } catch {
    // Not cached yet.
  }
  return undefined
}
