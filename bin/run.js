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
} else {
  // main() reports every failure itself; only a broken install rejects here (Node prints it, exit 1).
  void start()
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
