#!/usr/bin/env node
// `oclif manifest` writes the commands in whatever order its parallel loading finished, so the committed
// file churned on every build. Sorted by id (and written as oclif writes it), a rebuild changes only what
// changed.
import {readFileSync, writeFileSync} from 'node:fs'

const path = new URL('../oclif.manifest.json', import.meta.url)
const manifest = JSON.parse(readFileSync(path, 'utf8'))
manifest.commands = Object.fromEntries(Object.entries(manifest.commands).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`)
