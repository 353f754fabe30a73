// --color / --no-color are global flags: commands accept them before or after the command name, and they
// win over the environment (NO_COLOR, FORCE_COLOR) on stdout and on the error line on stderr.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'

import {makeHome, ROOT, runCli} from '../helpers/cli.js'
import {startJetStreamTestbed} from '../helpers/jetstream.js'

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
      [['--no-color', '--color'], ['--color', '--no-color']].map(async ([before, afterFlag]) => {
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

  it('--color colours a terminal-less run despite NO_COLOR, --no-color removes colour despite FORCE_COLOR', async () => {
    const testbed = await startJetStreamTestbed()
    try {
      await testbed.jsm.streams.add({name: 'COLOURED', subjects: ['coloured']})
      const info = (...args: string[]) => testbed.cli(args, {env: noColor})
      const forcedInfo = (...args: string[]) => testbed.cli(args, {env: forced})
      const noColor = {...testbed.home.env, NO_COLOR: '1'}
      const forced = {...testbed.home.env, NO_COLOR: undefined, FORCE_COLOR: '1'}
      // stdout: the headings of stream info.
      const plain = await info('stream', 'info', 'COLOURED')
      assert.equal(plain.code, 0, plain.stderr)
      assert.ok(!plain.stdout.includes(ESC))
      for (const args of [['stream', 'info', 'COLOURED', '--color'], ['--color', 'stream', 'info', 'COLOURED']]) {
        const r = await info(...args)
        assert.equal(r.code, 0, r.stderr)
        assert.ok(r.stdout.includes(ESC), `${args.join(' ')}: no colour in ${JSON.stringify(r.stdout)}`)
        assert.equal(uncoloured(r.stdout).replace(/\n\nState:[^]*/, ''), plain.stdout.replace(/\n\nState:[^]*/, ''), 'the same text, coloured')
      }
      assert.ok((await forcedInfo('stream', 'info', 'COLOURED')).stdout.includes(ESC), 'FORCE_COLOR colours')
      for (const args of [['stream', 'info', 'COLOURED', '--no-color'], ['--no-color', 'stream', 'info', 'COLOURED']]) {
        const r = await forcedInfo(...args)
        assert.equal(r.code, 0, r.stderr)
        assert.ok(!r.stdout.includes(ESC), args.join(' '))
      }
      // stderr: the error prefix.
      for (const args of [['stream', 'info', 'NOPE', '--color'], ['--color', 'stream', 'info', 'NOPE']]) {
        const r = await info(...args)
        assert.equal(r.code, 1)
        assert.ok(r.stderr.startsWith(ESC), `${args.join(' ')}: ${JSON.stringify(r.stderr)}`)
        assert.equal(uncoloured(r.stderr), 'natsctl: error: stream "NOPE" not found\n')
      }
      for (const args of [['stream', 'info', 'NOPE', '--no-color'], ['--no-color', 'stream', 'info', 'NOPE']]) {
        const r = await forcedInfo(...args)
        assert.equal(r.code, 1)
        assert.equal(r.stderr, 'natsctl: error: stream "NOPE" not found\n', args.join(' '))
      }
    } finally {
      await testbed.close()
    }
  })
})
