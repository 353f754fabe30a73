#!/usr/bin/env node
// Development entry point: runs the TypeScript sources directly through tsx (no build step).
import {register} from 'tsx/esm/api'

register()
const {main} = await import('../src/lib/main.ts')
await main(process.argv.slice(2), import.meta.url, {development: true})
