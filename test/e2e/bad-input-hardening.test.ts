// Bad input for the hardening items of issue 15 (18, 19 and the refusal of 8): each line is a
// command line, the exit code it must end with and a fragment of its one `natsctl: error:` line. No stack
// trace, no hang, no silent success. Rows need no server: they fail before connecting (a port nothing
// listens on is given where a server is needed).

import assert from 'node:assert/strict'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {makeHome, runCli, type TestHome} from '../helpers/cli.js'

let home: TestHome
const NOWHERE = 'nats://127.0.0.1:1'

interface Row {
  args: string[]
  code: number
  message: RegExp
  /** Run before the command (files in the home). */
  setup?: (home: TestHome) => void
  /** Checked after it (the effect on files). */
  check?: (home: TestHome, stderr: string) => void
}

// The rows that fit the shared sweep (test/e2e/bad-input.test.ts) are there; these need a home set up or
// their effect checked.
const rows: Row[] = [
  // Item 18
  {args: ['pub', 'x', 'y', '-s', ',,,'], code: 2, message: /invalid server ",,,": no server URL/},
  {
    args: ['bench', 'pub', 'x', '--ephemeral', '--msgs', '10', '--csv', '/nonexistent/dir/x.csv'],
    code: 2,
    message: /invalid --csv \/nonexistent\/dir\/x\.csv: cannot write \/nonexistent\/dir: no such directory/,
    check: (_, stderr) => assert.doesNotMatch(stderr, /Starting/, 'the run did not start'),
  },
  {
    args: ['context', 'add', 'foo', '--server', NOWHERE],
    code: 1,
    message: /cannot write .*foo\.json: a file is in the way/,
    setup: (h) => writeFileSync(join(h.dir, 'blocked'), ''),
  },
  // Item 8: a user's context is not overwritten
  {
    args: ['broker', 'start', 'mine'],
    code: 1,
    message: /context "mine" exists and natsctl did not write it/,
    setup: (h) => {
      mkdirSync(join(h.configDir, 'nats', 'context'), {recursive: true})
      writeFileSync(join(h.configDir, 'nats', 'context', 'mine.json'), '{"url": "nats://mine.example.net:4222"}')
    },
    check: (h) => assert.equal(readFileSync(join(h.configDir, 'nats', 'context', 'mine.json'), 'utf8'), '{"url": "nats://mine.example.net:4222"}'),
  },
]

describe('bad input (hardening)', () => {
  before(() => {
    home = makeHome()
  })
  after(async () => {
    await runCli(['broker', 'stop', '--all'], {env: home.env})
    home?.cleanup()
  })

  for (const row of rows) {
    it(`${row.args.join(' ').replaceAll('\n', '\\n').slice(0, 100)} -> exit ${row.code}`, async () => {
      row.setup?.(home)
      // The "a file is in the way" row points XDG_CONFIG_HOME below a plain file.
      const env = row.setup && row.args[0] === 'context' ? {...home.env, XDG_CONFIG_HOME: join(home.dir, 'blocked', 'config')} : home.env
      const result = await runCli(row.args, {env, timeoutMs: 20_000})
      assert.equal(result.signal, null, `hung: ${result.stderr}`)
      assert.equal(result.code, row.code, result.stderr)
      const errors = result.stderr.split('\n').filter((line) => line.startsWith('natsctl: error:'))
      assert.equal(errors.length, 1, result.stderr)
      assert.match(errors[0], row.message)
      assert.doesNotMatch(result.stderr, /\n\s+at \S+ \(/, 'no stack trace')
      assert.doesNotMatch(result.stderr, /\u001b/, 'no raw escape sequence')
      row.check?.(home, result.stderr)
    })
  }

  it('a corrupt context.txt is shown escaped and shortened, and context ls and info unselect it', async () => {
    const dir = join(home.configDir, 'nats')
    mkdirSync(dir, {recursive: true})
    const garbage = `\u001b[31mevil\n${'x'.repeat(100_000)}`
    writeFileSync(join(dir, 'context.txt'), garbage)
    const ls = await runCli(['context', 'ls'], {env: home.env})
    assert.equal(ls.code, 0, ls.stderr)
    assert.ok(ls.stderr.length < 400, `stderr is ${ls.stderr.length} bytes`)
    assert.doesNotMatch(ls.stderr, /\u001b/)
    assert.match(ls.stderr, /The selected context "\\u001b\[31mevil\\nx+\.\.\." was not found, unselecting it/)
    assert.throws(() => readFileSync(join(dir, 'context.txt')), /ENOENT/)

    writeFileSync(join(dir, 'context.txt'), 'gone')
    const info = await runCli(['context', 'info'], {env: home.env})
    assert.equal(info.code, 1)
    assert.match(info.stderr, /The selected context "gone" was not found, unselecting it\nnatsctl: error: no context selected/)
    assert.throws(() => readFileSync(join(dir, 'context.txt')), /ENOENT/)
  })
})
