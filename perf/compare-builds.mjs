#!/usr/bin/env node
// Compares the start-up of natsctl builds side by side, interleaved (each round runs every build once), on a
// shared machine where a sequential comparison would measure the load instead:
//
//   node perf/compare-builds.mjs --server URL [--runs 15] [--warm] DIR... -- natsctl arguments
//
// Each DIR holds a build (bin/, dist/, package.json, oclif.manifest.json and node_modules, say a copy of the
// worktree's made before a change). By default every run is a first run after an install (the compile
// cache emptied before it); --warm fills the cache once and times warm runs. The plain nats.js script of
// item 4 (perf/baselines/plain-cold-pub.mjs) runs in each round too when the arguments are `pub ...`.
// Prints the median wall time and the mean CPU time (user+sys, /usr/bin/time) of each, and the ratios.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

const args = process.argv.slice(2)
const dash = args.indexOf('--')
const own = args.slice(0, dash)
const argv = args.slice(dash + 1)
let runs = 15
let warm = false
let server
const dirs = []
for (let i = 0; i < own.length; i++) {
  switch (own[i]) {
    case '--runs': {
      runs = Number(own[++i])
      break
    }
    case '--warm': {
      warm = true
      break
    }
    case '--server': {
      server = own[++i]
      break
    }
    default:
      dirs.push(resolve(own[i]))
  }
}
const home = mkdtempSync(join(tmpdir(), 'natsctl-compare-'))
const env = {...process.env, HOME: home, XDG_CONFIG_HOME: join(home, 'config')}
delete env.NODE_EXTRA_CA_CERTS
const full = server ? [...argv, '--server', server] : argv

function timed(command, commandArgs, extraEnv) {
  const started = process.hrtime.bigint()
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', command, ...commandArgs], {env: {...env, ...extraEnv}, encoding: 'utf8'})
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6
  if (r.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')}: exit ${r.status}\n${r.stderr}`)
  const [user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number)
  return {cpuMs: (user + sys) * 1000, wallMs}
}

const rows = dirs.map((dir, i) => ({cache: join(home, `cache-${i}`), cpu: [], dir, name: dir, wall: []}))
const plain = argv[0] === 'pub' && server ? {cpu: [], name: 'plain script', wall: []} : undefined
const baseline = new URL('baselines/plain-cold-pub.mjs', import.meta.url).pathname
try {
  if (warm) for (const r of rows) timed(process.execPath, [join(r.dir, 'bin', 'run.js'), ...full], {XDG_CACHE_HOME: r.cache})
  for (let round = 0; round < runs; round++) {
    for (const r of rows) {
      if (!warm) rmSync(r.cache, {force: true, recursive: true})
      const t = timed(process.execPath, [join(r.dir, 'bin', 'run.js'), ...full], {XDG_CACHE_HOME: r.cache})
      r.wall.push(t.wallMs)
      r.cpu.push(t.cpuMs)
    }
    if (plain) {
      const t = timed(process.execPath, [baseline, server, argv[1]])
      plain.wall.push(t.wallMs)
      plain.cpu.push(t.cpuMs)
    }
  }
} finally {
  rmSync(home, {force: true, recursive: true})
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length
const ref = plain ?? rows[0]
for (const r of [...rows, ...(plain ? [plain] : [])])
  console.log(
    `${r.name}: wall ${median(r.wall).toFixed(0)} ms (${(median(r.wall) / median(ref.wall)).toFixed(2)}x), CPU ${mean(r.cpu).toFixed(0)} ms (${(mean(r.cpu) / mean(ref.cpu)).toFixed(2)}x)`,
  )
