#!/usr/bin/env node
// Production entry point: runs natsctl from dist/natsctl.cjs, the one-file bundle `npm run compile` builds
// (scripts/bundle.mjs), or from the separate compiled modules in dist/ when there is no bundle.

import {existsSync} from 'node:fs'
import {createRequire} from 'node:module'
import {fileURLToPath} from 'node:url'

// Every command is a whole Node process, and compiling oclif's and the client's sources is most of its
// start-up: keep the compiled code between runs (Node's own cache on 22.1+, natsctl's on Node 20).
const {enableCompileCache} = await import('../dist/lib/compile-cache.js')
enableCompileCache()

const bundle = fileURLToPath(new URL('../dist/natsctl.cjs', import.meta.url))
if (existsSync(bundle)) {
  // The bundle is compiled by the compile cache through vm.Script, which on Node 20 cannot import(): the
  // few import() calls left in it (oclif loading an ESM plugin) come here.
  globalThis.__natsctlImport = (specifier) => import(specifier)
  const {HOOKS, main} = createRequire(import.meta.url)(bundle)
  await main(process.argv.slice(2), import.meta.url, {bundle: {file: bundle, hooks: HOOKS}})
} else {
  const {main} = await import('../dist/lib/main.js')
  await main(process.argv.slice(2), import.meta.url)
}
