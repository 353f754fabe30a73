#!/usr/bin/env node
// Development entry point: runs the TypeScript sources directly through tsx (no build step). CommonJS like
// bin/run.js (bin/package.json); the sources are ES modules, loaded with import().
'use strict'

;(async () => {
  const {register} = await import('tsx/esm/api')
  register()
  const {main} = await import('../src/lib/main.ts')
  await main(process.argv.slice(2), require('node:url').pathToFileURL(__filename).href, {development: true})
})()
