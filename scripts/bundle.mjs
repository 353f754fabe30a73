#!/usr/bin/env node
// Builds dist/natsctl.cjs and its parts: natsctl, oclif and the NATS client in a few CommonJS files (the core,
// each command's file, a part per feature: see "The bundle in parts" below), so a start reads two or three
// files (through the compile cache, src/lib/compile-cache.ts) instead of resolving, reading and compiling
// some 250 modules. Runs after `tsc` in `npm run compile` (so also in `build`, `test`, `prepack` and
// scripts/setup.sh); it bundles tsc's output in dist/, not the sources. See docs/PERFORMANCE.md.
//
// - The command index is generated here from the files in dist/commands: a new command file needs no edit
//   anywhere. Each command is behind a getter, so only the command that runs is evaluated; oclif finds it
//   through its "explicit" command strategy (src/lib/main.ts passes that configuration when it runs from
//   the bundle), and the help and autocomplete plugins still read the committed oclif.manifest.json.
// - Hooks in package.json are exported from the bundle too (one copy of errors.ts, so `instanceof` holds).
// - The bundle is compiled through vm.Script by the compile cache, and code compiled that way has no
//   dynamic-import callback on Node 20: `import("node:x")` becomes a `require`, and the few remaining
//   `import()` calls (oclif loading an ESM plugin) go through a function bin/run.js provides.
// - It also writes dist/compile-cache.cjs (bin/run.js is CommonJS and enables the cache before the bundle)
//   and the run-time manifest inside the bundle (see below).
// - The old files are deleted first: if this script fails, bin/run.js runs dist/lib/main.js instead, never
//   a stale bundle.

import {mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {createRequire, isBuiltin} from 'node:module'
import {createHash} from 'node:crypto'

// tsc's output (the bundle is built after it)
const {compareIds} = await import(new URL('../dist/lib/compare-ids.js', import.meta.url).href)

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const DIST = join(ROOT, 'dist')
const OUT = join(DIST, 'natsctl.cjs')
const COMPILE_CACHE = join(DIST, 'compile-cache.cjs')
rmSync(OUT, {force: true})
rmSync(COMPILE_CACHE, {force: true})

let esbuild
try {
  esbuild = await import('esbuild')
} catch {
  console.warn('bundle: esbuild is not installed (a devDependency): natsctl runs unbundled from dist/, slower to start')
  process.exit(0)
}

function jsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return jsFiles(path)
    return name.endsWith('.js') ? [path] : []
  })
}

const pjson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
const commandsDir = join(DIST, 'commands')
const commands = jsFiles(commandsDir)
  .map((file) => {
    const id = relative(commandsDir, file).replace(/\.js$/, '').split('/')
    if (id.at(-1) === 'index') id.pop()
    return {id: id.join(':'), path: `./${relative(DIST, file)}`}
  })
  .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
const hooks = Object.entries(pjson.oclif.hooks ?? {}).map(([event, target]) => ({
  event,
  name: `hook_${event.replace(/\W/g, '_')}`,
  path: `./${relative(DIST, join(ROOT, target))}`,
}))

// The run-time manifest: what oclif needs to find and run a command (ids, aliases, hidden, state), taken
// from the command classes themselves, without the flags, argument details, examples and descriptions that make
// oclif.manifest.json 850 KB. main.ts gives it to oclif for every run that shows no help (help and
// autocomplete read the full manifest); test/unit/bundle.test.ts checks it against oclif.manifest.json.
const runtimeCommands = {}
for (const c of commands) {
  const cmd = (await import(pathToFileURL(join(DIST, c.path)).href)).default
  runtimeCommands[c.id] = {
    aliases: (cmd.aliases ?? []).map((a) => a.replaceAll(' ', ':')),
    // Only the names: oclif reads a command id from the leading words up to a command that takes arguments.
    args: Object.fromEntries(Object.keys(cmd.args ?? {}).map((name) => [name, {name}])),
    deprecateAliases: cmd.deprecateAliases,
    deprecationOptions: cmd.deprecationOptions,
    flags: {},
    hidden: cmd.hidden,
    hiddenAliases: cmd.hiddenAliases ?? [],
    id: c.id,
    pluginAlias: pjson.name,
    pluginName: pjson.name,
    pluginType: 'core',
    state: cmd.state,
    strict: cmd.strict,
  }
}
const runtimeManifest = {commands: runtimeCommands, version: pjson.version}

const q = JSON.stringify
const MINIFY = process.env.NATSCTL_BUNDLE_MINIFY !== '0'

// The bundle in parts: a start reads and, on a first run after an install or upgrade, parses only the parts
// it uses (V8 parses every byte of a script it compiles, used or not: about 5 ms per 100 KB here).
// - dist/natsctl.cjs ("core"): oclif, natsctl's spine, the NATS core client; what every command needs.
// - dist/natsctl-commands/<id>.cjs: each command's own file; a run loads the one it runs.
// - a part per feature that most commands never load (PARTS below): loaded on the first use of one of
//   its modules, which natsctl's code already reaches through `await import()`.
// Each module is in exactly one part (one copy, so classes, `instanceof` and module state hold); a part
// reaches a module of another part through that part's MODULES export, each module behind a getter,
// evaluated on first use as before. The build finds which modules each part must export by building until
// no part asks for a new one. Every file starts with its checksum line (the compile cache trusts it).
const COMMANDS_DIR = 'natsctl-commands'
const MOD_MARK = '__natsctl_mod__:'
const PARTS = [
  {name: 'core', file: 'natsctl.cjs', match: () => true},
  // JetStream, KV and object store: the clients and natsctl's code for them (not for pub, sub, request, reply).
  {
    name: 'jetstream',
    file: 'natsctl-jetstream.cjs',
    match: (p) => /[\\/]@nats-io[\\/](jetstream|kv|obj)[\\/]/.test(p) || /^lib[\\/](jetstream|kv|obj)[\\/]/.test(relative(DIST, p)),
  },
  {name: 'bench', file: 'natsctl-bench.cjs', match: (p) => relative(DIST, p).startsWith(join('lib', 'bench') + '/')},
  {name: 'server', file: 'natsctl-server.cjs', match: (p) => relative(DIST, p).startsWith(join('lib', 'server') + '/')},
  // The embedded broker: only when no server is given (or for `broker`).
  {name: 'broker', file: 'natsctl-broker.cjs', match: (p) => relative(DIST, p).startsWith(join('lib', 'broker') + '/')},
  // cli-table3: tables with wide characters, newlines or escapes only (src/lib/ui/table.ts).
  {name: 'table', file: 'natsctl-table.cjs', match: (p) => /[\\/](cli-table3|@colors[\\/]colors)[\\/]/.test(p)}, // Packages oclif requires as it loads but uses only in some runs: finding command files by glob (never
  // with the explicit command strategy), help templates, spinners. oclif requires them at the top of its
  // modules, so the core gets a lazy stand-in for each (see LAZY): the part loads on first use. (oclif's
  // help renderer is not among them: the core uses it as it loads.)
  {
    name: 'oclif-extra',
    file: 'natsctl-oclif-extra.cjs',
    lazy: true,
    match: (p) => /[\\/]node_modules[\\/](tinyglobby|fdir|picomatch|minimatch|brace-expansion|balanced-match|ejs|cli-spinners)[\\/]/.test(p),
  },
]
const ownerOf = (path) => PARTS.slice(1).find((part) => part.match(path))?.name ?? 'core'
const keyOf = (path) => relative(ROOT, path)
/** What each part must export: part name → key → absolute path. */
const requested = new Map(PARTS.map((part) => [part.name, new Map()]))
let asked = 0
const NOT_BUNDLED = new Set(['typescript', 'ts-node', 'tsx'])
const apart = (self) => ({
  name: 'apart',
  setup(build) {
    build.onResolve({filter: /.*/}, async (args) => {
      if (args.kind === 'entry-point' || args.pluginData === 'natsctl-inner' || isBuiltin(args.path)) return undefined
      if (NOT_BUNDLED.has(args.path.split('/')[0]) || args.path.startsWith('tsx/')) return undefined
      const resolved = await build.resolve(args.path, {kind: args.kind, resolveDir: args.resolveDir, pluginData: 'natsctl-inner'})
      if (resolved.errors.length > 0 || resolved.external) return undefined
      const owner = ownerOf(resolved.path)
      if (owner === self) return {path: resolved.path}
      const wanted = requested.get(owner)
      const key = keyOf(resolved.path)
      if (!wanted.has(key)) {
        wanted.set(key, resolved.path)
        asked++
      }
      return {path: `${MOD_MARK}${owner}|${key}`, external: true}
    })
  },
})
const modulesExport = (name) => [
  `export const MODULES = {}`,
  // Sorted: the builds run in parallel, and the same sources must give the same files (and checksums).
  ...[...requested.get(name)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, path]) => `Object.defineProperty(MODULES, ${q(key)}, {get: () => require(${q(`./${relative(DIST, path)}`)})})`),
]
const options = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  write: false,
  legalComments: 'none',
  minify: MINIFY,
  keepNames: true,
  logLevel: 'warning',
  // oclif looks for these only to run TypeScript sources in development (never in production): not bundled.
  external: ['typescript', 'ts-node', 'tsx', 'tsx/*'],
}

const commandFile = (c) => `${c.id.replaceAll(':', '.') || 'index'}.cjs`
rmSync(join(DIST, COMMANDS_DIR), {force: true, recursive: true})
for (const part of PARTS) rmSync(join(DIST, part.file), {force: true})

const coreEntry = () =>
  [
    `export {main} from './lib/main.js'`,
    `export const MANIFEST = ${q(runtimeManifest)}`,
    `export const COMMANDS = {}`,
    ...commands.map(
      (c) =>
        `Object.defineProperty(COMMANDS, ${q(c.id)}, {enumerable: true, get: () => require(require('node:path').join(__dirname, ${q(COMMANDS_DIR)}, ${q(commandFile(c))})).default})`,
    ),
    ...modulesExport('core'),
    `export const HOOKS = ${q(Object.fromEntries(hooks.map((h) => [h.event, h.name])))}`,
    ...hooks.map((h) => `export function ${h.name}(...args) { return require(${q(h.path)}).default.apply(this, args) }`),
  ].join('\n')

// import.meta in a CommonJS bundle: each module's own URL, as if it still ran from dist/ (bench's worker
// is a file next to its runner; oclif.ts's createRequire then resolves from the same place).
const importMetaUrl = {
  name: 'import-meta-url',
  setup(build) {
    build.onLoad({filter: /\.js$/}, (args) => {
      if (!args.path.startsWith(DIST)) return undefined
      const source = readFileSync(args.path, 'utf8')
      if (!source.includes('import.meta')) return undefined
      const url = `require('node:url').pathToFileURL(require('node:path').join(__dirname, ${q(relative(DIST, args.path))})).href`
      return {contents: source.replace(/\bimport\.meta\.url\b/g, `(${url})`), loader: 'js', resolveDir: dirname(args.path)}
    })
  },
}

// oclif sorts the command ids with localeCompare while it loads its configuration, and the first
// localeCompare of a process loads ICU's collation data (several ms). For ids made of a-z, 0-9, ':' and '-'
// src/lib/compare-ids.ts gives the same order without ICU (test/unit/bundle.test.ts checks it); anything
// else still goes to localeCompare. Patched in oclif's source as it enters the bundle, or left as it is.
const SORT = '.sort((a, b) => a.id.localeCompare(b.id));'
//
// The root plugin's manifest: when main.ts passes the run-time manifest in pjson.oclif (natsctlManifest),
// oclif takes it instead of reading oclif.manifest.json. Without the patch oclif reads the file (slower,
// same result).
const READ_MANIFEST = 'const manifest = await (0, fs_1.readJson)(p);'
const oclifPlugin = {
  name: 'oclif-plugin-patches',
  setup(build) {
    build.onLoad({filter: /@oclif[\\/]core[\\/]lib[\\/]config[\\/]plugin\.js$/}, (args) => {
      let contents = readFileSync(args.path, 'utf8')
      if (contents.split(SORT).length === 2) {
        contents = `const __natsctlCompareIds = ${compareIds.toString()};\n${contents.replace(SORT, '.sort((a, b) => __natsctlCompareIds(a.id, b.id));')}`
      } else console.warn(`bundle: oclif's command id sort not found in ${args.path}: left as it is`)
      if (contents.split(READ_MANIFEST).length === 2) {
        contents = contents.replace(
          READ_MANIFEST,
          'const manifest = (this.isRoot && !dotfile && this.pjson.oclif.natsctlManifest) || (await (0, fs_1.readJson)(p));',
        )
      } else console.warn(`bundle: oclif's manifest read not found in ${args.path}: the full manifest is read on every start`)
      return {contents, loader: 'js', resolveDir: dirname(args.path)}
    })
  },
}

// @inquirer/prompts brings its editor prompt and with it iconv-lite and chardet: a third of the bundle, which
// every start would read and a first run would parse, for a question natsctl asks in a few commands. It is
// a file of its own, dist/natsctl-prompts.cjs, required from the bundle only when a prompt is shown.
const PROMPTS = '@inquirer/prompts'
const PROMPTS_FILE = 'natsctl-prompts.cjs'
const PROMPTS_MARK = '__natsctl_prompts__'
rmSync(join(DIST, PROMPTS_FILE), {force: true})
await esbuild.build({
  stdin: {contents: `module.exports = require(${JSON.stringify(PROMPTS)})`, resolveDir: ROOT, sourcefile: 'natsctl-prompts-entry.js', loader: 'js'},
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: join(DIST, PROMPTS_FILE),
  legalComments: 'none',
  minify: process.env.NATSCTL_BUNDLE_MINIFY !== '0',
  keepNames: true,
  logLevel: 'warning',
})
const promptsApart = {
  name: 'prompts-apart',
  setup(build) {
    build.onResolve({filter: /^@inquirer\/prompts$/}, () => ({path: PROMPTS_MARK, external: true}))
  },
}

const commandBuilds = await Promise.all(
  commands.map((c) =>
    esbuild.build({
      ...options,
      entryPoints: [join(DIST, c.path)],
      outfile: join(DIST, COMMANDS_DIR, commandFile(c)),
      plugins: [importMetaUrl, promptsApart, apart('command')],
    }),
  ),
)
let partBuilds
for (let round = 0; ; round++) {
  const before = asked
  partBuilds = await Promise.all(
    PARTS.map((part) =>
      part.name !== 'core' && requested.get(part.name).size === 0
        ? undefined
        : esbuild.build({
            ...options,
            stdin: {
              contents: part.name === 'core' ? coreEntry() : modulesExport(part.name).join('\n'),
              resolveDir: DIST,
              sourcefile: `natsctl-${part.name}-entry.js`,
              loader: 'js',
            },
            outfile: join(DIST, part.file),
            plugins: [importMetaUrl, oclifPlugin, promptsApart, apart(part.name)],
            metafile: part.name === 'core',
          }),
    ),
  )
  if (asked === before) break
  if (round > 5) throw new Error('bundle: the parts keep asking each other for more modules')
}
const result = partBuilds[0]

// bin/run.js is CommonJS (an ES module entry costs Node's ESM loader on every start), and it enables the
// compile cache before it requires the bundle: the cache as one CommonJS file of its own.
await esbuild.build({
  entryPoints: [join(DIST, 'lib', 'compile-cache.js')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: COMPILE_CACHE,
  legalComments: 'none',
  logLevel: 'warning',
})

// bench runs extra clients in worker threads from dist/lib/bench/worker.js (a file next to its runner):
// that file becomes a bundle of its own too, so no natsctl code needs the NATS client from node_modules and
// the client packages are build-time dependencies only (an install gets nothing of them, whatever versions
// the registry has by then). An ES module, as before; `require` for the client's CommonJS parts.
const WORKER = join(DIST, 'lib', 'bench', 'worker.js')
// (Once: this script run again without tsc finds it bundled already.)
if (!readFileSync(WORKER, 'utf8').includes('__natsctlCreateRequire'))
  await esbuild.build({
    entryPoints: [WORKER],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: WORKER,
    allowOverwrite: true,
    banner: {js: "import {createRequire as __natsctlCreateRequire} from 'node:module'; const require = __natsctlCreateRequire(import.meta.url);"},
    legalComments: 'none',
    minify: process.env.NATSCTL_BUNDLE_MINIFY !== '0',
    keepNames: true,
    logLevel: 'warning',
  })

// The compile cache takes this checksum from the first line instead of computing one over the whole file.
const withChecksum = (code) => `// natsctl-bundle checksum=${createHash('sha256').update(code).digest('hex').slice(0, 8)}\n${code}`
let promptsUses = 0
let lazyUses = 0
// A lazy stand-in for a CommonJS module of a lazy part, where the core requires it at load: an object that
// loads the part and forwards to the module on first use. `__esModule` is answered from the build (what
// tsc's __importDefault asks at load), so asking it loads nothing. Only for modules whose exports are a
// plain object (a function could be called, and `typeof` would tell).
const LAZY = `function __natsctlLazy(load, shape) {
  let m
  const real = () => (m ??= load())
  return new Proxy({}, {
    get: (_, k) => (k === '__esModule' ? shape.esModule : Reflect.get(real(), k)),
    has: (_, k) => Reflect.has(real(), k),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, k) => { const d = Reflect.getOwnPropertyDescriptor(real(), k); if (d) d.configurable = true; return d },
    set: (_, k, v) => Reflect.set(real(), k, v),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  })
}`
const lazyShapes = new Map()
function lazyShape(key) {
  if (!lazyShapes.has(key)) {
    const exports = createRequire(join(ROOT, 'package.json'))(join(ROOT, key))
    if (typeof exports !== 'object' || exports === null) throw new Error(`bundle: ${key} exports a ${typeof exports}: it cannot have a lazy stand-in`)
    lazyShapes.set(key, {esModule: exports.__esModule === true})
  }
  return lazyShapes.get(key)
}
const NAMESPACE = `function __natsctlNamespace(m) {
  return m && m.__esModule ? m : Object.assign(Object.create(null), m, {default: m})
}`
let dynamic = 0
const sizes = []
function finish(code, out) {
  const from = (file) => `require(require('node:path').join(__dirname, ${q(relative(dirname(out), join(DIST, file)))}))`
  const moduleOf = (owner, key) => `${from(PARTS.find((part) => part.name === owner).file)}.MODULES[${q(key)}]`
  code = code.replace(new RegExp(String.raw`\brequire\(\s*"${MOD_MARK}([\w-]+)\|([^"]+)"\s*\)`, 'g'), (_, owner, key) => {
    if (!PARTS.find((part) => part.name === owner).lazy) return moduleOf(owner, key)
    lazyUses++
    return `__natsctlLazy(() => ${moduleOf(owner, key)}, ${q(lazyShape(key))})`
  })
  if (code.includes('__natsctlLazy(')) code = `${LAZY}\n${code}`
  // import() of another part's module gives its namespace as esbuild does within one file: an ES module's
  // exports as they are, a CommonJS module's (cli-table3) with `default` set to module.exports.
  code = code.replace(
    new RegExp(String.raw`\bimport\(\s*"${MOD_MARK}(\w+)\|([^"]+)"\s*\)`, 'g'),
    (_, owner, key) => `Promise.resolve(__natsctlNamespace(${moduleOf(owner, key)}))`,
  )
  if (code.includes('__natsctlNamespace(')) code = `${NAMESPACE}\n${code}`
  if (code.includes(MOD_MARK)) throw new Error(`bundle: a module of another part left unresolved in ${relative(ROOT, out)}`)
  code = code.replace(new RegExp(String.raw`\bimport\(\s*"${PROMPTS_MARK}"\s*\)`, 'g'), () => {
    promptsUses++
    return `Promise.resolve(${from(PROMPTS_FILE)})`
  })
  code = code.replace(new RegExp(String.raw`\brequire\(\s*"${PROMPTS_MARK}"\s*\)`, 'g'), () => {
    promptsUses++
    return from(PROMPTS_FILE)
  })
  if (code.includes(PROMPTS_MARK)) throw new Error(`bundle: a use of ${PROMPTS} left unresolved`)
  code = code.replace(/\bimport\(("node:[\w/]+")\)/g, 'Promise.resolve(require($1))')
  code = code.replace(/(?<![\w$.])import\((?!\))/g, () => {
    dynamic++
    return 'globalThis.__natsctlImport('
  })
  code = withChecksum(code)
  mkdirSync(dirname(out), {recursive: true})
  writeFileSync(out, code)
  return code
}
writeFileSync(join(DIST, PROMPTS_FILE), withChecksum(readFileSync(join(DIST, PROMPTS_FILE), 'utf8')))
for (const [i, c] of commands.entries()) finish(commandBuilds[i].outputFiles[0].text, join(DIST, COMMANDS_DIR, commandFile(c)))
for (const [i, part] of PARTS.entries()) {
  if (!partBuilds[i]) continue
  const code = finish(partBuilds[i].outputFiles[0].text, join(DIST, part.file))
  sizes.push(`${part.file} ${(code.length / 1024).toFixed(0)} KiB (${requested.get(part.name).size} shared)`)
}
if (process.env.NATSCTL_BUNDLE_META) writeFileSync(process.env.NATSCTL_BUNDLE_META, JSON.stringify(result.metafile))
console.log(
  `bundle: ${sizes.join(', ')}; ${commands.length} commands in ${COMMANDS_DIR}/, ${hooks.length} hooks; ${promptsUses} use(s) of ${PROMPTS} from ${PROMPTS_FILE}; ${lazyUses} lazy stand-in(s); ${dynamic} dynamic import(s) left to bin/run.js`,
)
