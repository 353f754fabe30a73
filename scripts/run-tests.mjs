#!/usr/bin/env node
// Runs the test suite with Node's built-in test runner (TypeScript through tsx). Node 20 has no glob
// support in --test, so the files are found here. Arguments narrow the run to paths containing them:
//   npm test                  every test
//   npm test -- context pub   only files whose path contains "context" or "pub"
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'helpers' || name === 'fixtures' ? [] : find(path)
    return name.endsWith('.test.ts') ? [path] : []
  })
}

const filters = process.argv.slice(2)
const files = find('test')
  .map((f) => relative('.', f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  // Two files run at a time: start the longest (by size, a fair guess at run time) first, so the run does
  // not end waiting on one long file that started last.
  .sort((a, b) => statSync(b).size - statSync(a).size || a.localeCompare(b))
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`)
  process.exit(1)
}
// Every test gets its own home, but the natsctl processes of one run share a compile cache
// (src/lib/compile-cache.ts), as one user's would: the cache is exercised by every test, and a test's first
// natsctl does not pay for compiling oclif again.
const compileCache = mkdtempSync(join(tmpdir(), 'natsctl-test-cache-'))
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=120000', ...files], {
  env: {...process.env, NATSCTL_TEST_CACHE_HOME: compileCache},
  stdio: 'inherit',
})
rmSync(compileCache, {force: true, recursive: true})
process.exit(result.status ?? 1)
