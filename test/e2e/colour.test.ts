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
const uncoloured = (text: string) => text.replaceAll(/\u001B\[\d+m/g, '')
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
      [
        ['--no-color', '--color'],
        ['--color', '--no-color'],
      ].map(async ([before, afterFlag]) => {
        for (const id of kinds) {
          const words = id.split(':')
          const r = await runCli([before, ...words, afterFlag, '--not-a-flag'], {env: home.env})
          if (r.code !== 2 || !/^natsctl: error: Nonexistent flag: --not-a-flag\n$/.test(uncoloured(r.stderr))) {
            failures.push(`${before} ${words.join(' ')} ${afterFlag}: exit ${r.code}: ${r.stderr}`)
          }
        }
      }),
    )
    assert.deepEqual(failures, [])
  })

  it('work before the command name too: --color colours a pipe, --no-color beats FORCE_COLOR', async () => {
    // test/commands/output/pipes.test.ts checks them after the command; natscli users type globals first.
    writeNatscliContext(home, 'shown')
    const noColor = {...home.env, NO_COLOR: '1'}
    const forced = {...home.env, NO_COLOR: undefined, FORCE_COLOR: '1'}
    const plain = await runCli(['context', 'info', 'shown'], {env: noColor})
    assert.equal(plain.code, 0, plain.stderr)
    assert.ok(!plain.stdout.includes(ESC))
    assert.ok((await runCli(['context', 'info', 'shown'], {env: forced})).stdout.includes(ESC), 'FORCE_COLOR colours this view')

    const coloured = await runCli(['--color', 'context', 'info', 'shown'], {env: noColor})
    assert.equal(coloured.code, 0, coloured.stderr)
    assert.ok(coloured.stdout.includes(ESC), JSON.stringify(coloured.stdout))
    assert.equal(uncoloured(coloured.stdout), plain.stdout, 'the same text, coloured')
    const none = await runCli(['--no-color', 'context', 'info', 'shown'], {env: forced})
    assert.equal(none.stdout, plain.stdout)

    // The error line on stderr.
    const failed = await runCli(['--color', 'context', 'info', 'nope'], {env: noColor})
    assert.equal(failed.code, 1)
    assert.ok(failed.stderr.startsWith(ESC), JSON.stringify(failed.stderr))
    const plainFailure = await runCli(['--no-color', 'context', 'info', 'nope'], {env: forced})
    assert.equal(plainFailure.code, 1)
    assert.equal(plainFailure.stderr, uncoloured(failed.stderr))
    assert.match(plainFailure.stderr, /^natsctl: error: /)
  })
})
