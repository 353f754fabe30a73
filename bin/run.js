#!/usr/bin/env node
// Production entry point: runs natsctl from dist/natsctl.cjs, the one-file bundle `npm run compile` builds
// (scripts/bundle.mjs), or from the separate compiled modules in dist/ when there is no bundle.
//
// CommonJS (bin/package.json), unlike the rest of the package: an ES module entry starts Node's ESM loader
// and builds an ESM facade of every built-in module it imports (node:fs, node:crypto, ...), several ms of
// every start before natsctl does anything (docs/PERFORMANCE.md). The bundle is CommonJS too.
'use strict'

const {existsSync, readFileSync} = require('node:fs')
const {join} = require('node:path')

// `natsctl --version` prints what oclif would (its config.userAgent) without loading oclif: name and version
// from package.json, platform, arch and Node. Where oclif could say "wsl" instead of "linux" (it detects
// Windows' Linux with a package), oclif answers as before.
if (process.argv.length === 3 && process.argv[2] === '--version' && !maybeWsl()) {
  const {arch} = require('node:os')
  const {name, version} = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'))
  process.stdout.write(`${name}/${version} ${process.platform}-${arch() === 'ia32' ? 'x86' : arch()} node-${process.version}\n`)
} else if (!printCachedHelp()) {
  // main() reports every failure itself; only a broken install rejects here (Node prints it, exit 1).
  void start()
}

// The root help (`natsctl`, `natsctl --help`, `natsctl help`) needs oclif's whole configuration: the 850 KB
// manifest, the plugins, the help renderer. Its text is kept from the last time it was rendered, keyed by
// everything that changes it: the files it is made from (package.json, oclif.manifest.json, the bundle, a
// user theme: each by inode, size and mtime), Node's version and platform, the terminal's width, and the
// environment variables that decide colour and width. Anything else runs oclif, which writes the cache
// again. NODE_DISABLE_COMPILE_CACHE=1 turns this off with the compile cache.
function helpCacheFile() {
  const argv = process.argv.slice(2)
  if (!(argv.length === 0 || (argv.length === 1 && (argv[0] === '--help' || argv[0] === 'help')))) return undefined
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined
  const zlib = require('node:zlib')
  if (typeof zlib.crc32 !== 'function') return undefined
  const {homedir} = require('node:os')
  const {statSync} = require('node:fs')
  const env = process.env
  const config = env.NATSCTL_CONFIG_DIR || join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'natsctl')
  const files = ['package.json', 'oclif.manifest.json', 'dist/natsctl.cjs'].map((f) => join(__dirname, '..', f))
  const key = [argv[0] ?? '', process.version, process.platform, process.arch, process.stdout.isTTY ? process.stdout.columns : 'not a tty']
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'TERM', 'COLORTERM', 'TERM_PROGRAM', 'CI', 'GITHUB_ACTIONS', 'COLUMNS', 'OCLIF_COLUMNS'])
    key.push(env[name] ?? '')
  for (const name of ['NATSCTL_DISABLE_THEME', 'OCLIF_DISABLE_THEME']) key.push(env[name] ?? '')
  for (const file of [...files, join(config, 'theme.json')]) {
    try {
      const stat = statSync(file)
      key.push(file, stat.ino, stat.size, stat.mtimeMs)
    } catch {
      key.push(file, 'none')
    }
  }
  const dir = join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'natsctl', 'help')
  return join(dir, `${zlib.crc32(key.join('\0')).toString(16)}-${key.join('\0').length}.txt`)
}

function printCachedHelp() {
  let file
  try {
    file = helpCacheFile()
    if (!file) return false
    process.stdout.write(readFileSync(file))
    return true
  } catch {
    if (file) keepHelp(file)
    return false
  }
}

/** Keeps what this run writes to stdout, as the cached help, if the run succeeds. */
function keepHelp(file) {
  const chunks = []
  const write = process.stdout.write
  process.stdout.write = function (chunk, encoding, ...rest) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk))
    return write.call(this, chunk, encoding, ...rest)
  }
  process.once('exit', (code) => {
    if (code !== 0 || chunks.length === 0) return
    try {
      const {mkdirSync, renameSync, writeFileSync} = require('node:fs')
      mkdirSync(require('node:path').dirname(file), {mode: 0o700, recursive: true})
      writeFileSync(`${file}.${process.pid}`, Buffer.concat(chunks), {mode: 0o600})
      renameSync(`${file}.${process.pid}`, file)
    } catch {
      // A read-only cache directory costs speed, never correctness.
    }
  })
}

async function start() {
  const entryUrl = require('node:url').pathToFileURL(__filename).href
  const bundle = join(__dirname, '..', 'dist', 'natsctl.cjs')
  const compileCache = join(__dirname, '..', 'dist', 'compile-cache.cjs')
  if (existsSync(bundle) && existsSync(compileCache)) {
    // Every command is a whole Node process, and compiling oclif's and the client's sources is most of its
    // start-up: keep the compiled code between runs (Node's own cache on 22.1+, natsctl's on Node 20).
    require(compileCache).enableCompileCache()
    // The compile cache compiles the bundle through vm.Script, which on Node 20 cannot import(): the few
    // import() calls left in it (oclif loading an ESM plugin) come here.
    globalThis.__natsctlImport = (specifier) => import(specifier)
    const {HOOKS, MANIFEST, main} = require(bundle)
    await main(process.argv.slice(2), entryUrl, {bundle: {file: bundle, hooks: HOOKS, manifest: MANIFEST}})
  } else {
    // Built without esbuild: the ES modules tsc wrote to dist/.
    const {enableCompileCache} = await import('../dist/lib/compile-cache.js')
    enableCompileCache()
    const {main} = await import('../dist/lib/main.js')
    await main(process.argv.slice(2), entryUrl)
  }
}

function maybeWsl() {
  if (process.platform !== 'linux') return false
  if (require('node:os').release().toLowerCase().includes('microsoft')) return true
  try {
    return readFileSync('/proc/version', 'utf8').toLowerCase().includes('microsoft')
  } catch {
    return true
  }
}
