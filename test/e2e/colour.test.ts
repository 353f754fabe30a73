// --color / --no-color are global flags: commands accept them before or after the command name, and they
// win over the environment (NO_COLOR, FORCE_COLOR) on stdout and on the error line on stderr.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'

import {makeHome, ROOT, runCli} from '../helpers/cli.js'
import {writeNatscliContext} from '../helpers/contexts.js'

const home = makeHome()
after(() => home.cleanup())

const ESC = '\u001B['
const commandIds = () =>
  Object.keys((JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, unknown>}).commands)

describe('--color and --no-color', () => {
  it('are accepted by a command of each kind, one before the command name and the other after it', async () => {
    // Every command has the flag (manifest.test.ts); here the parsing path of each kind of command: plain,
    // connected, JetStream, long-running, bench, bench js. A made-up flag makes each command stop at parsing:
    // the error names only that flag when the colour flags were accepted (oclif lists every flag it does not know).
    const ids = commandIds()
    const kinds = ['context:ls', 'broker:status', 'pub', 'sub', 'stream:info', 'bench:pub', 'bench:js:pub']
    for (const id of kinds) assert.ok(ids.includes(id), id)
    const failures: string[] = []
    await Promise.all(
      [['--no-color', '--color'], ['--color', '--no-color']].map(async ([before, afterFlag]) => {
        for (const id of kinds) {
          const words = id.split(':')
          const r = await runCli([before, ...words, afterFlag, '--not-a-flag'], {env: home.env})
          if (r.code !== 2 || !/^natsctl: error: Nonexistent flag: --not-a-flag\n$/.test(r.stderr.replaceAll(/\u001B\[\d+m/g, ''))) {
            failures.push(`${before} ${words.join(' ')} ${afterFlag}: exit ${r.code}: ${r.stderr}`)
          }
        }
      }),
    )
    assert.deepEqual(failures, [])
  })

  it('--color colours a terminal-less run despite NO_COLOR, --no-color removes colour despite FORCE_COLOR', async () => {
    writeNatscliContext(home, 'shown')
    const noColor = {...home.env, NO_COLOR: '1'}
    const forced = {...home.env, NO_COLOR: undefined, FORCE_COLOR: '1'}
    // stdout: the heading of the context view.
    const plain = await runCli(['context', 'info', 'shown'], {env: noColor})
    assert.equal(plain.code, 0, plain.stderr)
    assert.ok(!plain.stdout.includes(ESC))
    for (const args of [['context', 'info', 'shown', '--color'], ['--color', 'context', 'info', 'shown']]) {
      const r = await runCli(args, {env: noColor})
      assert.equal(r.code, 0, r.stderr)
      assert.ok(r.stdout.includes(ESC), `${args.join(' ')}: no colour in ${JSON.stringify(r.stdout)}`)
      assert.equal(r.stdout.replaceAll(/\u001B\[\d+m/g, ''), plain.stdout, 'the same text, coloured')
    }
    assert.ok((await runCli(['context', 'info', 'shown'], {env: forced})).stdout.includes(ESC), 'FORCE_COLOR colours')
    for (const args of [['context', 'info', 'shown', '--no-color'], ['--no-color', 'context', 'info', 'shown']]) {
      const r = await runCli(args, {env: forced})
      assert.equal(r.stdout, plain.stdout, args.join(' '))
    }
    // stderr: the error prefix.
    for (const args of [['context', 'info', 'nope', '--color'], ['--color', 'context', 'info', 'nope']]) {
      const r = await runCli(args, {env: noColor})
      assert.equal(r.code, 1)
      assert.ok(r.stderr.startsWith(ESC), `${args.join(' ')}: ${JSON.stringify(r.stderr)}`)
    }
    for (const args of [['context', 'info', 'nope', '--no-color'], ['--no-color', 'context', 'info', 'nope']]) {
      const r = await runCli(args, {env: forced})
      assert.equal(r.code, 1)
      assert.match(r.stderr, /^natsctl: error: /, args.join(' '))
    }
  })
})
