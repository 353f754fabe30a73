#!/usr/bin/env node
// natsctl's own benchmark suite (`npm run perf`, not part of `npm test`). It starts a throwaway nats-server,
// measures each figure side by side with its baseline in the same run (runs interleaved A, B, A, B, ... so
// drift on a shared machine hits both), takes the median, and writes the table to docs/PERFORMANCE.md.
//
//   PERF_RUNS=5 npm run perf     more runs per figure (default 3; process timings use at least 20)
//   PERF_ONLY=1,3 npm run perf   only some items (the file then keeps the other rows as "not run")

import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {cpus, tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const BIN = join(ROOT, 'bin', 'run.js')
const BASE = join(ROOT, 'perf', 'baselines')
const RUNS = Math.max(3, Number(process.env.PERF_RUNS ?? 3))
const COLD_RUNS = Math.max(20, RUNS)
const ONLY = process.env.PERF_ONLY ? new Set(process.env.PERF_ONLY.split(',').map(Number)) : undefined
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined
// Every process is timed with NODE_EXTRA_CA_CERTS unset: users rarely have it, and it makes every `node`
// start read a CA bundle (tens of ms), added to both sides of a ratio. Item 4 reports the other figure beside.
const CA_CERTS = process.env.NODE_EXTRA_CA_CERTS
delete process.env.NODE_EXTRA_CA_CERTS

const {startEphemeralBroker} = await import(join(ROOT, 'dist', 'lib', 'broker', 'ephemeral.js'))

// ---------- helpers ----------

/** A clean environment with its own XDG dirs, so no user context or broker is involved. */
function cleanHome() {
  const dir = mkdtempSync(join(tmpdir(), 'natsctl-perf-home-'))
  const env = {}
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('NATS_') && k !== 'DEBUG') env[k] = v
  Object.assign(env, {
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'c'),
    XDG_DATA_HOME: join(dir, 'd'),
    XDG_STATE_HOME: join(dir, 's'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    NO_COLOR: '1',
  })
  return {dir, env, cleanup: () => rmSync(dir, {force: true, recursive: true})}
}

/**
 * Runs a command to completion. Wall time is measured here; CPU time and peak RSS come from /usr/bin/time
 * when it exists (it adds the same fork to every measured process).
 */
function run(command, args, {env = process.env, timeoutMs = 300_000} = {}) {
  return new Promise((resolve) => {
    const statsFile = TIME ? join(tmpdir(), `natsctl-perf-time-${process.pid}-${Math.random().toString(36).slice(2)}`) : undefined
    const [cmd, argv] = TIME ? [TIME, ['-f', '%e %U %S %M', '-o', statsFile, command, ...args]] : [command, args]
    const started = process.hrtime.bigint()
    const child = spawn(cmd, argv, {cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6
      let cpuMs
      let maxRssKb
      if (statsFile && existsSync(statsFile)) {
        const last = readFileSync(statsFile, 'utf8').trim().split('\n').pop().split(' ').map(Number)
        cpuMs = (last[1] + last[2]) * 1000
        maxRssKb = last[3]
        rmSync(statsFile, {force: true})
      }
      resolve({code, stdout, stderr, wallMs, cpuMs, maxRssKb})
    })
  })
}

async function runOk(command, args, options) {
  let r = await run(command, args, options)
  if (r.code !== 0) {
    // In a shared working tree a concurrent `tsc` may be rewriting dist/ for a moment: one retry.
    console.log(`  (retrying after exit ${r.code}: ${r.stderr.trim().split('\n').pop()})`)
    await new Promise((resolve) => setTimeout(resolve, 3000))
    r = await run(command, args, options)
  }
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`)
  return r
}

const node = (args, options) => runOk(process.execPath, args, options)
const natsctl = (args, options) => node([BIN, ...args], options)
const lastJson = (text) => JSON.parse(text.slice(text.indexOf('{')))

function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b)
  if (v.length === 0) return Number.NaN
  const mid = Math.floor(v.length / 2)
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2
}

const fmt = (n, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', {maximumFractionDigits: digits, minimumFractionDigits: digits}) : 'n/a'
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : Number.NaN)
const fmtRatio = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}x` : 'n/a')
const commandExists = (id) => existsSync(join(ROOT, 'dist', 'commands', ...id.split(' ')) + '.js')

const rows = []
const notes = []
function row(item, figure, natsctlValue, baselineValue, ratioValue, target, verdict) {
  rows.push({item, figure, natsctl: natsctlValue, baseline: baselineValue, ratio: ratioValue, target, verdict})
  console.log(`  ${item} | ${figure} | ${natsctlValue} | ${baselineValue} | ${ratioValue} | ${target} | ${verdict}`)
}
const skip = (item, figure, why) => row(item, figure, `skipped: ${why}`, '', '', '', '')
const verdict = (ok) => (ok === undefined ? '' : ok ? 'met' : 'NOT met')
const wanted = (item) => !ONLY || ONLY.has(item)
const samples = (label, values, unit) => notes.push(`- ${label}: ${values.map((v) => fmt(v, unit === 'us' ? 1 : 0)).join('; ')} ${unit}`)

// ---------- the suite ----------

const serverVersion = spawnSync('nats-server', ['--version'], {encoding: 'utf8'}).stdout.trim()
console.log(`natsctl perf suite: ${RUNS} runs per figure, ${cpus().length} CPUs, node ${process.version}, ${serverVersion}`)
const broker = await startEphemeralBroker({jetstream: true})
const url = broker.url
const home = cleanHome()
const env = home.env

try {
  // 1 and 2: publish throughput.
  if (wanted(1) || wanted(2)) {
    console.log('1/2: bench pub (1,000,000 x 128 B) vs plain nats.js loop vs raw socket; --clients 2 vs 1')
    const s = {c1: [], c2: [], plain: [], flush: [], raw: [], slow: []}
    for (let i = 0; i < RUNS; i++) {
      const one = await natsctl(['bench', 'pub', 'perf.bench', '--msgs', '1000000', '--size', '128', '--json', '--no-progress', '--server', url], {
        env,
      })
      s.c1.push(lastJson(one.stdout).publishers.msgs_per_sec)
      s.plain.push(lastJson((await node([join(BASE, 'plain-pub.mjs'), url, '1000000', '128', 'yield'])).stdout).msgs_per_sec)
      s.flush.push(lastJson((await node([join(BASE, 'plain-pub.mjs'), url, '1000000', '128', 'flush'])).stdout).msgs_per_sec)
      s.raw.push(lastJson((await node([join(BASE, 'raw-blast.mjs'), url, '1000000', '128'])).stdout).msgs_per_sec)
      const slow = await natsctl(['bench', 'pub', 'perf.bench', '--msgs', '1000000', '--size', '128', '--json', '--no-progress', '--server', url], {
        env: {...env, NATSCTL_BENCH_PLAIN_PUBLISH: '1'},
      })
      s.slow.push(lastJson(slow.stdout).publishers.msgs_per_sec)
      if (wanted(2)) {
        const two = await natsctl(
          ['bench', 'pub', 'perf.bench', '--msgs', '2000000', '--size', '128', '--clients', '2', '--json', '--no-progress', '--server', url],
          {env},
        )
        s.c2.push(lastJson(two.stdout).publishers.msgs_per_sec)
      }
    }
    const [c1, plain, flush, raw, c2, slow] = [median(s.c1), median(s.plain), median(s.flush), median(s.raw), median(s.c2), median(s.slow)]
    samples('bench pub with NATSCTL_BENCH_PLAIN_PUBLISH=1 (msgs/s)', s.slow, 'msgs/s')
    samples('bench pub --clients 1 (msgs/s)', s.c1, 'msgs/s')
    samples('plain loop, yield every 10,000 (msgs/s)', s.plain, 'msgs/s')
    samples('plain loop, flush every 1,000 (msgs/s)', s.flush, 'msgs/s')
    samples('raw socket blast (msgs/s)', s.raw, 'msgs/s')
    if (wanted(1)) {
      row(
        1,
        'bench pub, 1 client, 128 B, 1M msgs vs plain nats.js publish loop (yield every 10k)',
        `${fmt(c1)} msgs/s`,
        `${fmt(plain)} msgs/s`,
        fmtRatio(ratio(c1, plain)),
        '>= 0.95x',
        verdict(ratio(c1, plain) >= 0.95),
      )
      row(
        1,
        'same vs plain loop with `await flush()` every 1,000',
        `${fmt(c1)} msgs/s`,
        `${fmt(flush)} msgs/s`,
        fmtRatio(ratio(c1, flush)),
        '(reference)',
        '',
      )
      row(
        1,
        'bench pub forced onto `nc.publish()` per message (NATSCTL_BENCH_PLAIN_PUBLISH=1) vs the same plain loop',
        `${fmt(slow)} msgs/s`,
        `${fmt(plain)} msgs/s`,
        fmtRatio(ratio(slow, plain)),
        '(reference)',
        '',
      )
      row(
        1,
        'same vs server ceiling (raw PUB blast over one socket, then PING/PONG)',
        `${fmt(c1)} msgs/s`,
        `${fmt(raw)} msgs/s`,
        fmtRatio(ratio(c1, raw)),
        '(report)',
        '',
      )
    }
    if (wanted(2)) {
      samples('bench pub --clients 2 (msgs/s, aggregate)', s.c2, 'msgs/s')
      row(
        2,
        'bench pub --clients 2 (2M msgs) vs --clients 1 (aggregate msgs/s)',
        `${fmt(c2)} msgs/s`,
        `${fmt(c1)} msgs/s`,
        fmtRatio(ratio(c2, c1)),
        '(report)',
        '',
      )
    }
  }

  // 3: request latency.
  if (wanted(3)) {
    console.log('3: bench request vs plain nats.js request loop')
    const replier = spawn(process.execPath, [join(BASE, 'replier.mjs'), url, 'perf.req'], {cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit']})
    await new Promise((resolve) => replier.stdout.once('data', resolve))
    const s = {p50: [], p99: [], bp50: [], bp99: []}
    try {
      for (let i = 0; i < RUNS; i++) {
        const r = lastJson(
          (await natsctl(['bench', 'request', 'perf.req', '--msgs', '20000', '--json', '--no-progress', '--server', url], {env})).stdout,
        )
        s.p50.push(r.publishers.latency_us.p50)
        s.p99.push(r.publishers.latency_us.p99)
        const b = lastJson((await node([join(BASE, 'plain-request.mjs'), url, 'perf.req', '20000', '128'])).stdout)
        s.bp50.push(b.p50_us)
        s.bp99.push(b.p99_us)
      }
    } finally {
      await new Promise((resolve) => {
        replier.once('exit', resolve)
        replier.kill('SIGTERM')
      })
    }
    samples('bench request p50', s.p50, 'us')
    samples('plain request loop p50', s.bp50, 'us')
    samples('bench request p99', s.p99, 'us')
    samples('plain request loop p99', s.bp99, 'us')
    const [p50, bp50, p99, bp99] = [median(s.p50), median(s.bp50), median(s.p99), median(s.bp99)]
    row(
      3,
      'bench request p50 latency (20,000 sequential requests) vs plain nats.js request loop',
      `${fmt(p50, 1)} us`,
      `${fmt(bp50, 1)} us`,
      fmtRatio(ratio(p50, bp50)),
      '<= 1.1x',
      verdict(ratio(p50, bp50) <= 1.1),
    )
    row(3, 'bench request p99 latency, same runs', `${fmt(p99, 1)} us`, `${fmt(bp99, 1)} us`, fmtRatio(ratio(p99, bp99)), '(report)', '')
  }

  // 4: start-up, whole processes, as users run them (NODE_EXTRA_CA_CERTS unset, see CA_CERTS above).
  if (wanted(4)) {
    console.log(`4: start-up (${COLD_RUNS} interleaved runs of each)`)
    const {connect} = await import('@nats-io/transport-node')
    const {jetstreamManager, StorageType} = await import('@nats-io/jetstream')
    const {Kvm} = await import('@nats-io/kv')
    const nc = await connect({servers: url})
    const jsm = await jetstreamManager(nc)
    await jsm.streams.add({name: 'PERFINFO', subjects: ['perf.info.>'], storage: StorageType.Memory})
    await jsm.consumers.add('PERFINFO', {durable_name: 'PERFC', ack_policy: 'explicit'})
    const kv = await new Kvm(nc).create('PERFKV', {storage: StorageType.Memory})
    await kv.put('key', 'value')
    const replier = spawn(process.execPath, [join(BASE, 'replier.mjs'), url, 'perf.coldreq'], {cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit']})
    await new Promise((resolve) => replier.stdout.once('data', resolve))
    const cases = [
      {name: '`natsctl pub SUBJ hi`', argv: ['pub', 'perf.cold', 'hi'], plain: ['plain-cold-pub.mjs', url, 'perf.cold']},
      {name: '`natsctl request SUBJ hi`', argv: ['request', 'perf.coldreq', 'hi'], plain: ['plain-cold-request.mjs', url, 'perf.coldreq']},
      {name: '`natsctl kv get BUCKET KEY`', argv: ['kv', 'get', 'PERFKV', 'key'], plain: ['plain-cold-kv-get.mjs', url, 'PERFKV', 'key']},
      {
        name: '`natsctl stream info STREAM` (the human view)',
        argv: ['stream', 'info', 'PERFINFO'],
        plain: ['plain-cold-stream-info.mjs', url, 'PERFINFO'],
      },
      {
        name: '`natsctl consumer info STREAM CONSUMER` (the human view)',
        argv: ['consumer', 'info', 'PERFINFO', 'PERFC'],
        plain: ['plain-cold-consumer-info.mjs', url, 'PERFINFO', 'PERFC'],
      },
    ].filter((c) => commandExists(c.argv.slice(0, 2).join(' ')) || commandExists(c.argv[0]))
    for (const c of cases) Object.assign(c, {n: [], p: [], nCpu: [], pCpu: []})
    const s = {empty: [], version: [], help: [], first: [], firstInfo: [], firstHelp: [], caNatsctl: [], caPlain: [], caEmpty: []}
    const pub = [...cases[0].argv, '--server', url]
    const withCa = {...env, NODE_EXTRA_CA_CERTS: CA_CERTS}
    // The first runs use a cache directory of their own, emptied before each: the other rows keep theirs warm.
    const firstEnv = {...env, XDG_CACHE_HOME: `${env.XDG_CACHE_HOME}-first`}
    try {
      for (const c of cases) await natsctl([...c.argv, '--server', url], {env}) // fills the compile cache, as a user's first run does
      await natsctl(['--help'], {env}) // and the help cache
      for (let i = 0; i < COLD_RUNS; i++) {
        s.empty.push((await node(['-e', ''], {env})).wallMs)
        for (const c of cases) {
          const n = await natsctl([...c.argv, '--server', url], {env})
          const p = await node([join(BASE, c.plain[0]), ...c.plain.slice(1)], {env})
          c.n.push(n.wallMs)
          c.p.push(p.wallMs)
          c.nCpu.push(n.cpuMs)
          c.pCpu.push(p.cpuMs)
        }
        s.version.push((await natsctl(['--version'], {env})).wallMs)
        s.help.push((await natsctl(['--help'], {env})).wallMs)
        // The first run after an install or upgrade: nothing cached yet.
        rmSync(firstEnv.XDG_CACHE_HOME, {force: true, recursive: true})
        s.first.push((await natsctl(pub, {env: firstEnv})).wallMs)
        const info = cases.find((c) => c.argv[0] === 'stream')
        if (info) {
          rmSync(firstEnv.XDG_CACHE_HOME, {force: true, recursive: true})
          s.firstInfo.push((await natsctl([...info.argv, '--server', url], {env: firstEnv})).wallMs)
        }
        rmSync(firstEnv.XDG_CACHE_HOME, {force: true, recursive: true})
        s.firstHelp.push((await natsctl(['--help'], {env: firstEnv})).wallMs)
        if (CA_CERTS) {
          s.caNatsctl.push((await natsctl(pub, {env: withCa})).wallMs)
          s.caPlain.push((await node([join(BASE, cases[0].plain[0]), ...cases[0].plain.slice(1)], {env: withCa})).wallMs)
          s.caEmpty.push((await node(['-e', ''], {env: withCa})).wallMs)
        }
      }
    } finally {
      await new Promise((resolve) => {
        replier.once('exit', resolve)
        replier.kill('SIGTERM')
      })
      await jsm.streams.delete('PERFINFO').catch(() => {})
      await jsm.streams.delete('KV_PERFKV').catch(() => {})
      await nc.drain()
    }
    const e = median(s.empty)
    for (const c of cases) {
      samples(`${c.argv.slice(0, c.argv[0] === 'pub' || c.argv[0] === 'request' ? 1 : 2).join(' ')} wall`, c.n, 'ms')
      samples(`${c.plain[0]} wall`, c.p, 'ms')
      const [n, p] = [median(c.n), median(c.p)]
      row(
        4,
        `${c.name}, whole process, median wall time vs a plain nats.js script doing the same`,
        `${fmt(n)} ms`,
        `${fmt(p)} ms`,
        fmtRatio(ratio(n, p)),
        '<= 1.3x',
        verdict(ratio(n, p) <= 1.3),
      )
      if (TIME) {
        const [nc, pc] = [median(c.nCpu), median(c.pCpu)]
        row(4, 'same, CPU time (user+sys)', `${fmt(nc)} ms`, `${fmt(pc)} ms`, fmtRatio(ratio(nc, pc)), '(report)', '')
      }
    }
    if (!commandExists('consumer info'))
      skip(4, '`natsctl consumer info STREAM CONSUMER` vs a plain script', 'the consumer info command does not exist on this branch yet')
    const limit = 1.3 * e + 20
    for (const [flag, values] of [
      ['--version', s.version],
      ['--help', s.help],
    ]) {
      samples(`natsctl ${flag} wall`, values, 'ms')
      const v = median(values)
      row(
        4,
        `\`natsctl ${flag}\` vs \`node -e ''\` (target: 1.3x that + 20 ms = ${fmt(limit)} ms)`,
        `${fmt(v)} ms`,
        `${fmt(e)} ms`,
        fmtRatio(ratio(v, e)),
        '<= 1.3x + 20 ms',
        verdict(v <= limit),
      )
    }
    samples("node -e '' wall", s.empty, 'ms')
    samples('natsctl pub wall, empty compile cache', s.first, 'ms')
    const [f, p0] = [median(s.first), median(cases[0].p)]
    row(
      4,
      '`natsctl pub`, first run after an install or upgrade (empty compile cache, which it then fills) vs the plain script',
      `${fmt(f)} ms`,
      `${fmt(p0)} ms`,
      fmtRatio(ratio(f, p0)),
      '<= 2x',
      verdict(ratio(f, p0) <= 2),
    )
    const info = cases.find((c) => c.argv[0] === 'stream')
    if (info && s.firstInfo.length > 0) {
      samples('natsctl stream info wall, empty compile cache', s.firstInfo, 'ms')
      const [fi, pi] = [median(s.firstInfo), median(info.p)]
      row(
        4,
        '`natsctl stream info`, first run after an install or upgrade (loads the JetStream part too) vs the plain script',
        `${fmt(fi)} ms`,
        `${fmt(pi)} ms`,
        fmtRatio(ratio(fi, pi)),
        '(report)',
        '',
      )
    }
    samples('natsctl --help wall, empty caches', s.firstHelp, 'ms')
    row(
      4,
      "`natsctl --help` rendered (empty caches: the first time after an install or upgrade) vs `node -e ''`",
      `${fmt(median(s.firstHelp))} ms`,
      `${fmt(e)} ms`,
      fmtRatio(ratio(median(s.firstHelp), e)),
      '(report)',
      '',
    )
    row(4, "`natsctl pub` vs `node -e ''`", `${fmt(median(cases[0].n))} ms`, `${fmt(e)} ms`, fmtRatio(ratio(median(cases[0].n), e)), '(report)', '')
    if (CA_CERTS) {
      samples('natsctl pub wall, NODE_EXTRA_CA_CERTS set', s.caNatsctl, 'ms')
      samples('plain pub script wall, NODE_EXTRA_CA_CERTS set', s.caPlain, 'ms')
      const [cn, cp, ce] = [median(s.caNatsctl), median(s.caPlain), median(s.caEmpty)]
      row(
        4,
        `\`natsctl pub\` with NODE_EXTRA_CA_CERTS set (as on this machine, not on users'; \`node -e ''\` ${fmt(ce)} ms) vs the plain script, also with it`,
        `${fmt(cn)} ms`,
        `${fmt(cp)} ms`,
        fmtRatio(ratio(cn, cp)),
        '(reference)',
        '',
      )
    }
  }

  // 5: peak RSS.
  if (wanted(5)) {
    console.log('5: peak RSS')
    if (!TIME) skip(5, 'peak RSS of pub --count 1000000 with a 1 KiB body', '/usr/bin/time is not installed')
    else {
      const body = 'x'.repeat(1024)
      const s = {pub: [], bench: [], empty: []}
      for (let i = 0; i < RUNS; i++) {
        s.pub.push((await natsctl(['pub', 'perf.rss', body, '--count', '1000000', '--server', url], {env})).maxRssKb / 1024)
        s.bench.push(
          (await natsctl(['bench', 'pub', 'perf.rss', '--msgs', '1000000', '--size', '1KiB', '--no-progress', '--server', url], {env})).maxRssKb /
            1024,
        )
        s.empty.push((await node(['-e', ''])).maxRssKb / 1024)
      }
      samples('pub --count 1000000 (1 KiB) peak RSS', s.pub, 'MB')
      samples('bench pub --msgs 1000000 --size 1KiB peak RSS', s.bench, 'MB')
      const [pub, bench, empty] = [median(s.pub), median(s.bench), median(s.empty)]
      row(
        5,
        "`natsctl pub --count 1000000` with a 1 KiB body: peak RSS (vs `node -e ''`)",
        `${fmt(pub)} MB`,
        `${fmt(empty)} MB`,
        fmtRatio(ratio(pub, empty)),
        '<= 150 MB',
        verdict(pub <= 150),
      )
      row(
        5,
        '`natsctl bench pub --msgs 1000000 --size 1KiB`: peak RSS',
        `${fmt(bench)} MB`,
        `${fmt(empty)} MB`,
        fmtRatio(ratio(bench, empty)),
        '<= 150 MB',
        verdict(bench <= 150),
      )
    }
  }

  // 6: stream ls with 500 streams.
  if (wanted(6)) {
    console.log('6: stream ls with 500 streams')
    if (!commandExists('stream ls')) skip(6, '`stream ls` with 500 streams', 'the stream ls command does not exist yet')
    else {
      const {connect} = await import('@nats-io/transport-node')
      const {jetstreamManager, StorageType} = await import('@nats-io/jetstream')
      const nc = await connect({servers: url})
      const jsm = await jetstreamManager(nc)
      for (let i = 0; i < 500; i += 50) {
        await Promise.all(
          Array.from({length: 50}, (_, j) => jsm.streams.add({name: `PERF_${i + j}`, subjects: [`perf.s.${i + j}`], storage: StorageType.Memory})),
        )
      }
      const s = {natsctl: [], plain: []}
      try {
        for (let i = 0; i < RUNS; i++) {
          s.natsctl.push((await natsctl(['stream', 'ls', '--server', url], {env})).wallMs)
          const p = await node([join(BASE, 'plain-stream-list.mjs'), url])
          if (lastJson(p.stdout).streams < 500) throw new Error(`baseline listed ${p.stdout}`)
          s.plain.push(p.wallMs)
        }
      } finally {
        for (let i = 0; i < 500; i += 50) await Promise.all(Array.from({length: 50}, (_, j) => jsm.streams.delete(`PERF_${i + j}`).catch(() => {})))
        await nc.drain()
      }
      samples('stream ls wall', s.natsctl, 'ms')
      samples('jsm.streams.list() script wall', s.plain, 'ms')
      const [n, p] = [median(s.natsctl), median(s.plain)]
      row(
        6,
        '`natsctl stream ls` with 500 streams, whole process vs a `jsm.streams.list()` script',
        `${fmt(n)} ms`,
        `${fmt(p)} ms`,
        fmtRatio(ratio(n, p)),
        '<= 1.3x',
        verdict(ratio(n, p) <= 1.3),
      )
    }
  }

  // 7: embedded broker (issue 3's performance paragraph).
  if (wanted(7)) {
    console.log('7: broker start to ready; embedded default overhead')
    if (!commandExists('broker start')) skip(7, '`broker start` to ready', 'the broker start command does not exist yet')
    else {
      const {createServer, connect: tcp} = await import('node:net')
      const freePort = () =>
        new Promise((resolve) => {
          const srv = createServer().listen(0, '127.0.0.1', () => {
            const {port} = srv.address()
            srv.close(() => resolve(port))
          })
        })
      const bareStart = async () => {
        const dir = mkdtempSync(join(tmpdir(), 'natsctl-perf-bare-'))
        const port = await freePort()
        const started = process.hrtime.bigint()
        const child = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], {stdio: 'ignore'})
        // Ready = a client connection receives the server's INFO line.
        for (;;) {
          const ok = await new Promise((resolve) => {
            const sock = tcp(port, '127.0.0.1')
            sock.once('data', (d) => {
              sock.destroy()
              resolve(d.toString().startsWith('INFO'))
            })
            sock.once('error', () => resolve(false))
          })
          if (ok) break
          await new Promise((resolve) => setTimeout(resolve, 5))
        }
        const ms = Number(process.hrtime.bigint() - started) / 1e6
        await new Promise((resolve) => {
          child.once('exit', resolve)
          child.kill('SIGTERM')
        })
        rmSync(dir, {force: true, recursive: true})
        return ms
      }
      const s = {start: [], bare: []}
      for (let i = 0; i < RUNS; i++) {
        const h = cleanHome()
        try {
          s.start.push((await natsctl(['broker', 'start', 'perfbroker'], {env: h.env})).wallMs)
          await natsctl(['broker', 'stop', 'perfbroker'], {env: h.env})
        } finally {
          h.cleanup()
        }
        s.bare.push(await bareStart())
      }
      samples('broker start wall', s.start, 'ms')
      samples('bare nats-server start to INFO', s.bare, 'ms')
      const [st, bare] = [median(s.start), median(s.bare)]
      row(
        7,
        '`natsctl broker start NAME` until it returns (broker ready) vs bare `nats-server -js` until it answers INFO',
        `${fmt(st)} ms`,
        `${fmt(bare)} ms`,
        fmtRatio(ratio(st, bare)),
        '(report)',
        '',
      )

      // The embedded default with the broker already running vs the same command given --server.
      const h = cleanHome()
      try {
        await natsctl(['broker', 'start', 'local'], {env: h.env})
        const status = lastJson((await natsctl(['broker', 'status', 'local', '--json'], {env: h.env})).stdout)
        const d = {embedded: [], server: [], embeddedCpu: [], serverCpu: []}
        for (let i = 0; i < COLD_RUNS; i++) {
          const e = await natsctl(['pub', 'perf.emb', 'hi'], {env: h.env})
          const v = await natsctl(['pub', 'perf.emb', 'hi', '--server', status.url], {env: h.env})
          d.embedded.push(e.wallMs)
          d.server.push(v.wallMs)
          d.embeddedCpu.push(e.cpuMs)
          d.serverCpu.push(v.cpuMs)
        }
        samples('pub via the embedded default (broker running)', d.embedded, 'ms')
        samples('pub --server URL (same broker)', d.server, 'ms')
        const [emb, srv] = [median(d.embedded), median(d.server)]
        row(
          7,
          '`natsctl pub SUBJ hi` on the embedded default (broker running) vs the same with --server: extra wall time',
          `${emb >= srv ? '+' : ''}${fmt(emb - srv)} ms (${fmt(emb)} ms)`,
          `${fmt(srv)} ms`,
          fmtRatio(ratio(emb, srv)),
          '< 10 ms extra',
          verdict(emb - srv < 10),
        )
        if (TIME) {
          const [ec, sc] = [median(d.embeddedCpu), median(d.serverCpu)]
          row(
            7,
            'same, extra CPU time (user+sys)',
            `${ec >= sc ? '+' : ''}${fmt(ec - sc)} ms (${fmt(ec)} ms)`,
            `${fmt(sc)} ms`,
            fmtRatio(ratio(ec, sc)),
            '(report)',
            '',
          )
        }
      } finally {
        await run(process.execPath, [BIN, 'broker', 'stop', 'local'], {env: h.env})
        h.cleanup()
      }
    }
  }
  // 8 (extra): JetStream publish.
  if (wanted(8)) {
    console.log('8: bench js pub (100,000 x 128 B, memory stream, --batch 500) vs js.publish() windows')
    await natsctl(
      ['bench', 'js', 'pub', 'perf.js', '--stream', 'PERFJS', '--create', '--storage', 'memory', '--msgs', '1000', '--no-progress', '--server', url],
      {env},
    )
    const s = {natsctl: [], plain: []}
    for (let i = 0; i < RUNS; i++) {
      const r = await natsctl(
        [
          'bench',
          'js',
          'pub',
          'perf.js',
          '--stream',
          'PERFJS',
          '--purge',
          '--msgs',
          '100000',
          '--batch',
          '500',
          '--json',
          '--no-progress',
          '--server',
          url,
        ],
        {env},
      )
      s.natsctl.push(lastJson(r.stdout).publishers.msgs_per_sec)
      s.plain.push(lastJson((await node([join(BASE, 'plain-js-pub.mjs'), url, 'perf.js', '100000', '128', '500'])).stdout).msgs_per_sec)
    }
    samples('bench js pub (msgs/s)', s.natsctl, 'msgs/s')
    samples('js.publish() windows (msgs/s)', s.plain, 'msgs/s')
    const [n, p] = [median(s.natsctl), median(s.plain)]
    row(
      8,
      '`bench js pub --batch 500` (100,000 x 128 B, memory stream) vs `js.publish()` in windows of 500',
      `${fmt(n)} msgs/s`,
      `${fmt(p)} msgs/s`,
      fmtRatio(ratio(n, p)),
      '(report)',
      '',
    )
  }
  // 9 (issue 12): object store throughput and memory.
  if (wanted(9)) {
    console.log('9: object put and get of a 256 MiB file vs a plain @nats-io/obj script')
    if (!commandExists('object put')) skip(9, '`object put`/`object get` of 256 MiB', 'the object commands do not exist yet')
    else {
      const {closeSync, openSync, writeSync} = await import('node:fs')
      const {randomBytes} = await import('node:crypto')
      const SIZE = 256 * 1024 * 1024
      const dir = mkdtempSync(join(tmpdir(), 'natsctl-perf-obj-'))
      const file = join(dir, 'object.bin')
      const fd = openSync(file, 'w')
      for (let done = 0; done < SIZE; done += 1024 * 1024) writeSync(fd, randomBytes(1024 * 1024))
      closeSync(fd)
      const mibPerSec = (r) => SIZE / 1024 / 1024 / (r.wallMs / 1000)
      const s = {put: [], plainPut: [], get: [], plainGet: [], putRss: [], plainPutRss: [], getRss: [], plainGetRss: []}
      try {
        await natsctl(['object', 'add', 'PERFOBJ', '--server', url], {env})
        for (let i = 0; i < RUNS; i++) {
          const p = await natsctl(['object', 'put', 'PERFOBJ', file, '--name', 'natsctl', '--force', '--server', url], {env})
          const bp = await node([join(BASE, 'plain-obj.mjs'), url, 'PERFOBJ', 'put', file, 'plain'])
          rmSync(join(dir, 'natsctl.out'), {force: true})
          rmSync(join(dir, 'plain.out'), {force: true})
          const g = await natsctl(['object', 'get', 'PERFOBJ', 'natsctl', '--output', join(dir, 'natsctl.out'), '--server', url], {env})
          const bg = await node([join(BASE, 'plain-obj.mjs'), url, 'PERFOBJ', 'get', 'plain', join(dir, 'plain.out')])
          s.put.push(mibPerSec(p))
          s.plainPut.push(mibPerSec(bp))
          s.get.push(mibPerSec(g))
          s.plainGet.push(mibPerSec(bg))
          s.putRss.push(p.maxRssKb / 1024)
          s.plainPutRss.push(bp.maxRssKb / 1024)
          s.getRss.push(g.maxRssKb / 1024)
          s.plainGetRss.push(bg.maxRssKb / 1024)
        }
      } finally {
        await run(process.execPath, [BIN, 'object', 'del', 'PERFOBJ', '--force', '--server', url], {env})
        rmSync(dir, {force: true, recursive: true})
      }
      samples('object put 256 MiB (MiB/s, whole process)', s.put, 'MiB/s')
      samples('plain @nats-io/obj put (MiB/s, whole process)', s.plainPut, 'MiB/s')
      samples('object get 256 MiB (MiB/s, whole process)', s.get, 'MiB/s')
      samples('plain @nats-io/obj get (MiB/s, whole process)', s.plainGet, 'MiB/s')
      const [put, plainPut, get, plainGet] = [median(s.put), median(s.plainPut), median(s.get), median(s.plainGet)]
      row(
        9,
        '`object put` of a 256 MiB file, whole process, vs a plain @nats-io/obj script (`os.put` of the file as a web stream, native SHA-256)',
        `${fmt(put)} MiB/s`,
        `${fmt(plainPut)} MiB/s`,
        fmtRatio(ratio(put, plainPut)),
        '>= 0.9x',
        verdict(ratio(put, plainPut) >= 0.9),
      )
      row(
        9,
        '`object get` of the same object to a file, whole process, vs the script (`os.get` piped to a file)',
        `${fmt(get)} MiB/s`,
        `${fmt(plainGet)} MiB/s`,
        fmtRatio(ratio(get, plainGet)),
        '>= 0.9x',
        verdict(ratio(get, plainGet) >= 0.9),
      )
      if (TIME) {
        const [putRss, plainPutRss, getRss, plainGetRss] = [median(s.putRss), median(s.plainPutRss), median(s.getRss), median(s.plainGetRss)]
        row(
          9,
          '`object put` 256 MiB: peak RSS (vs the script)',
          `${fmt(putRss)} MB`,
          `${fmt(plainPutRss)} MB`,
          fmtRatio(ratio(putRss, plainPutRss)),
          '<= 150 MB',
          verdict(putRss <= 150),
        )
        row(
          9,
          '`object get` 256 MiB: peak RSS (vs the script)',
          `${fmt(getRss)} MB`,
          `${fmt(plainGetRss)} MB`,
          fmtRatio(ratio(getRss, plainGetRss)),
          '<= 150 MB',
          verdict(getRss <= 150),
        )
      }
    }
  }
} finally {
  await broker.stop()
  home.cleanup()
}

// ---------- docs/PERFORMANCE.md ----------

const file = join(ROOT, 'docs', 'PERFORMANCE.md')
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {cwd: ROOT, encoding: 'utf8'}).stdout.trim()
const esc = (s) => String(s).replace(/\|/g, '\\|')
const table = [
  '| # | figure | natsctl | baseline | ratio | target | |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.item} | ${esc(r.figure)} | ${esc(r.natsctl)} | ${esc(r.baseline)} | ${r.ratio} | ${esc(r.target)} | ${r.verdict} |`),
].join('\n')
const template = readFileSync(join(ROOT, 'perf', 'PERFORMANCE.template.md'), 'utf8')
const output = template
  .replace(
    '{{ENVIRONMENT}}',
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, ${serverVersion}, ${RUNS} runs per figure (${COLD_RUNS} for process timings), medians.${ONLY ? ` Only items ${[...ONLY].join(', ')} were run.` : ''}`,
  )
  .replace('{{TABLE}}', table)
  .replace('{{SAMPLES}}', notes.join('\n'))
  .replace('{{ANALYSIS}}', readFileSync(join(ROOT, 'perf', 'analysis.md'), 'utf8').trim())
writeFileSync(file, output)
console.log(`wrote ${file}`)
