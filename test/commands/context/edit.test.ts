// context edit (alias vi): the editor ($VISUAL, else $EDITOR) is a small node script here, run without a
// terminal as natscli runs it; the context file is read back from disk.
import assert from 'node:assert/strict'
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {runCli, type TestHome} from '../../helpers/cli.js'
import {ctxDir, ctxFile, homesForThisFile, readCtx, writeNatscliContext} from '../../helpers/contexts.js'

const home = homesForThisFile()

/** An editor: a node script given the file as its last argument. EDITOR="node SCRIPT" also tests word splitting. */
function editor(h: TestHome, name: string, body: string): string {
  const script = join(h.dir, `${name}.mjs`)
  writeFileSync(script, `import fs from 'node:fs'\nconst file = process.argv.at(-1)\n${body}\n`)
  return `${process.execPath} ${script}`
}

function envWith(h: TestHome, vars: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env = {...h.env}
  delete env.EDITOR
  delete env.VISUAL
  for (const [k, v] of Object.entries(vars)) if (v !== undefined) env[k] = v
  return env
}

/** natsctl's temporary copies, left behind in the temp directory (none should be). */
const tempCopies = () => readdirSync(tmpdir()).filter((f) => f.startsWith('natsctl-context-'))

describe('context edit', () => {
  it('writes the edited context back (0600, unknown fields kept) and shows it as context info does', async () => {
    const h = home()
    writeNatscliContext(h, 'dev')
    const before = tempCopies()
    const edit = editor(
      h,
      'describe',
      `const c = JSON.parse(fs.readFileSync(file, 'utf8'))
c.description = 'edited'
fs.writeFileSync(file, JSON.stringify(c))`,
    )
    const r = await runCli(['context', 'edit', 'dev'], {env: envWith(h, {EDITOR: edit})})
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^NATS Configuration Context "dev"\n\n +Description: edited\n/)
    const saved = readCtx(h, 'dev')
    assert.equal(saved.description, 'edited')
    assert.equal(saved.future_field, 1, 'unknown fields are kept')
    assert.equal(saved.jetstream_domain, 'hub')
    assert.equal(statSync(ctxFile(h, 'dev')).mode & 0o777, 0o600)
    assert.deepEqual(tempCopies(), before, 'the temporary copy is removed')
    // --json: the context as context info --json gives it (secrets masked).
    const json = await runCli(['context', 'vi', 'dev', '--json'], {env: envWith(h, {EDITOR: editor(h, 'noop', '')})})
    assert.equal(json.code, 0, json.stderr)
    const shown = JSON.parse(json.stdout) as Record<string, unknown>
    assert.equal(shown.name, 'dev')
    assert.equal(shown.password, '***')
    assert.match(json.stderr, /No changes to context "dev"/)
  })

  it('edits a 0600 temporary copy, not the file itself', async () => {
    const h = home()
    writeNatscliContext(h, 'dev')
    const spy = join(h.dir, 'seen.json')
    const edit = editor(h, 'spy', `fs.writeFileSync(${JSON.stringify(spy)}, JSON.stringify({file, mode: fs.statSync(file).mode & 0o777}))`)
    const r = await runCli(['context', 'edit', 'dev'], {env: envWith(h, {EDITOR: edit})})
    assert.equal(r.code, 0, r.stderr)
    const seen = JSON.parse(readFileSync(spy, 'utf8')) as {file: string; mode: number}
    assert.notEqual(seen.file, ctxFile(h, 'dev'))
    assert.ok(!seen.file.startsWith(ctxDir(h)))
    assert.equal(seen.mode, 0o600)
  })

  it('prefers VISUAL to EDITOR', async () => {
    const h = home()
    writeNatscliContext(h, 'dev')
    const visual = editor(
      h,
      'visual',
      `const c = JSON.parse(fs.readFileSync(file, 'utf8')); c.description = 'visual'; fs.writeFileSync(file, JSON.stringify(c))`,
    )
    const plain = editor(
      h,
      'plain',
      `const c = JSON.parse(fs.readFileSync(file, 'utf8')); c.description = 'editor'; fs.writeFileSync(file, JSON.stringify(c))`,
    )
    const r = await runCli(['context', 'edit', 'dev'], {env: envWith(h, {EDITOR: plain, VISUAL: visual})})
    assert.equal(r.code, 0, r.stderr)
    assert.equal(readCtx(h, 'dev').description, 'visual')
  })

  it('refuses an edit that is not a context and leaves the file untouched', async () => {
    const h = home()
    writeNatscliContext(h, 'dev')
    const original = readFileSync(ctxFile(h, 'dev'), 'utf8')
    const broken = await runCli(['context', 'edit', 'dev'], {env: envWith(h, {EDITOR: editor(h, 'broken', `fs.writeFileSync(file, '{"url": ')`)})})
    assert.equal(broken.code, 1)
    assert.match(broken.stderr, /^natsctl: error: the edited context is not valid JSON: .*; context "dev" is unchanged$/m)
    assert.equal(readFileSync(ctxFile(h, 'dev'), 'utf8'), original)

    const array = await runCli(['context', 'edit', 'dev'], {env: envWith(h, {EDITOR: editor(h, 'array', `fs.writeFileSync(file, '[]')`)})})
    assert.equal(array.code, 1)
    assert.match(array.stderr, /not a JSON object/)
    const badUrl = editor(h, 'url', `fs.writeFileSync(file, JSON.stringify({url: 'http://x:1'}))`)
    const url = await runCli(['context', 'edit', 'dev'], {env: envWith(h, {EDITOR: badUrl})})
    assert.equal(url.code, 1)
    assert.match(url.stderr, /the edited context is not valid: invalid server URL "http:\/\/x:1".*; context "dev" is unchanged/)
    const twoKinds = editor(h, 'two', `fs.writeFileSync(file, JSON.stringify({user: 'a', password: 'b', creds: '/x.creds'}))`)
    const two = await runCli(['context', 'edit', 'dev'], {env: envWith(h, {EDITOR: twoKinds})})
    assert.equal(two.code, 1)
    assert.match(two.stderr, /too many types of credentials/)
    assert.equal(readFileSync(ctxFile(h, 'dev'), 'utf8'), original)
  })

  it('leaves the file alone when the editor fails', async () => {
    const h = home()
    writeNatscliContext(h, 'dev')
    const original = readFileSync(ctxFile(h, 'dev'), 'utf8')
    const failing = editor(h, 'fail', `fs.writeFileSync(file, '{}'); process.exit(3)`)
    const r = await runCli(['context', 'edit', 'dev'], {env: envWith(h, {EDITOR: failing})})
    assert.equal(r.code, 1)
    assert.match(r.stderr, /exited with code 3/)
    assert.equal(readFileSync(ctxFile(h, 'dev'), 'utf8'), original)
    const missing = await runCli(['context', 'edit', 'dev'], {env: envWith(h, {EDITOR: join(h.dir, 'no-such-editor')})})
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /cannot run the editor .*no-such-editor.* \(EDITOR\): no such file/)
  })

  it('fixes a corrupt context file', async () => {
    const h = home()
    writeNatscliContext(h, 'dev')
    writeFileSync(ctxFile(h, 'dev'), '{"url": ')
    const fix = editor(h, 'fix', `fs.writeFileSync(file, JSON.stringify({description: 'fixed', url: 'nats://127.0.0.1:1'}))`)
    const r = await runCli(['context', 'edit', 'dev'], {env: envWith(h, {EDITOR: fix})})
    assert.equal(r.code, 0, r.stderr)
    assert.equal(readCtx(h, 'dev').description, 'fixed')
    assert.equal(readCtx(h, 'dev').tls_first, false, "written in natscli's full shape")
  })

  it('fails on a missing context (1), without an editor (2) and on an invalid name (2)', async () => {
    const h = home()
    const edit = editor(h, 'marker', `fs.writeFileSync(${JSON.stringify(join(h.dir, 'ran'))}, 'x')`)
    const missing = await runCli(['context', 'edit', 'nope'], {env: envWith(h, {EDITOR: edit})})
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /^natsctl: error: unknown context "nope"/m)
    assert.throws(() => statSync(join(h.dir, 'ran')), 'the editor is not run for a missing context')
    writeNatscliContext(h, 'dev')
    const none = await runCli(['context', 'edit', 'dev'], {env: envWith(h, {})})
    assert.equal(none.code, 2)
    assert.match(none.stderr, /^natsctl: error: no editor: set EDITOR/m)
    assert.equal(none.stderr.trim().split('\n').length, 1)
    const bad = await runCli(['context', 'edit', '../x'], {env: envWith(h, {EDITOR: edit})})
    assert.equal(bad.code, 2)
  })
})
