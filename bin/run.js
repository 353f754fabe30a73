#!/usr/bin/env node
// Production entry point: runs natsctl from dist/natsctl.cjs, the one-file bundle `npm run compile` builds
// (scripts/bundle.mjs), or from the separate compiled modules in dist/ when there is no bundle.

import {existsSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {arch, release} from 'node:os'
import {fileURLToPath} from 'node:url'

// `natsctl --version` prints what oclif would (its config.userAgent) without loading oclif: name and version
// from package.json, platform, arch and Node. Where oclif could say "wsl" instead of "linux" (it detects
// Windows' Linux with a package), oclif answers as before.
if (process.argv.length === 3 && process.argv[2] === '--version' && !maybeWsl()) {
  const {name, version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  process.stdout.write(`${name}/${version} ${process.platform}-${arch() === 'ia32' ? 'x86' : arch()} node-${process.version}\n`)
} else {
  await start()
}

async function start() {
  // Every command is a whole Node process, and compiling oclif's and the client's sources is most of its
  // start-up: keep the compiled code between runs (Node's own cache on 22.1+, natsctl's on Node 20).
  const {enableCompileCache} = await import('../dist/lib/compile-cache.js')
  enableCompileCache()

  const bundle = fileURLToPath(new URL('../dist/natsctl.cjs', import.meta.url))
  if (existsSync(bundle)) {
    // The compile cache compiles the bundle through vm.Script, which on Node 20 cannot import(): the few
    // import() calls left in it (oclif loading an ESM plugin) come here.
    globalThis.__natsctlImport = (specifier) => import(specifier)
    const {HOOKS, main} = createRequire(import.meta.url)(bundle)
    await main(process.argv.slice(2), import.meta.url, {bundle: {file: bundle, hooks: HOOKS}})
  } else {
    const {main} = await import('../dist/lib/main.js')
    await main(process.argv.slice(2), import.meta.url)
  }
}

function maybeWsl() {
  if (process.platform !== 'linux') return false
  if (release().toLowerCase().includes('microsoft')) return true
  try {
    return readFileSync('/proc/version', 'utf8').toLowerCase().includes('microsoft')
  } catch {
    return true
  }
}
