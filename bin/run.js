#!/usr/bin/env node
// Production entry point: runs the compiled commands in dist/ through oclif.
import {main} from '../dist/lib/main.js'

await main(process.argv.slice(2), import.meta.url)
