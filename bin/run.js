#!/usr/bin/env node
// Production entry point: runs the compiled commands in dist/ through oclif.

// Every command is a whole Node process, and compiling oclif's and the client's sources is most of its
// start-up: keep the compiled code between runs (Node's own cache on 22.1+, natsctl's on Node 20).
const {enableCompileCache} = await import('../dist/lib/compile-cache.js')
enableCompileCache()

const {main} = await import('../dist/lib/main.js')
await main(process.argv.slice(2), import.meta.url)
