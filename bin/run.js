#!/usr/bin/env node
// Production entry point: runs the compiled commands in dist/ through oclif.
import module from 'node:module'

// Every command is a whole Node process, and compiling oclif's and the client's sources is most of its
// start-up. Node 22.1+ can keep the compiled code between runs; Node 20 has no such cache (nothing to do).
module.enableCompileCache?.()

const {main} = await import('../dist/lib/main.js')
await main(process.argv.slice(2), import.meta.url)
