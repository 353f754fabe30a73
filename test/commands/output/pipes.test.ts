// Colour never reaches a pipe: the human views (context info and ls, stream info and ls) and the error line,
// run as a subprocess with stdout and stderr piped and no NO_COLOR in the environment. FORCE_COLOR shows the
// same views do carry colour when asked (so the check is not vacuous), and that --no-color and NO_COLOR still
// turn it off. The text is the same with and without colour.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {runCli} from '../../helpers/cli.js'
import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

const ESC = /\x1b\[/
const strip = (text: string) => text.replace(/\x1b\[[\d;]*m/g, '')

describe('colour and pipes', () => {
  let testbed: JetStreamTestbed
  let env: NodeJS.ProcessEnv

  // context commands never connect (they take no --server); the stream commands talk to the test server.
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    args[0] === 'context' ? runCli(args, {env: {...env, ...extra}}) : testbed.cli(args, {env: {...env, ...extra}})

  const views = [
    ['context', 'info', 'colours'],
    ['context', 'ls'],
    ['stream', 'info', 'PIPES'],
    ['stream', 'ls'],
  ]

  before(async () => {
    testbed = await startJetStreamTestbed()
    env = {...testbed.home.env}
    delete env.NO_COLOR
    delete env.FORCE_COLOR
    await testbed.jsm.streams.add({name: 'PIPES', subjects: ['pipes.>']})
    // No message: `stream ls` then says "never" for the last message, not an age that differs between runs.
    const add = await run(['context', 'add', 'colours', '--description', 'for colour', '--creds', '/nonexistent.creds'])
    assert.equal(add.code, 0, add.stderr)
  })
  after(() => testbed?.close())

  it('writes no escape codes to a pipe', async () => {
    for (const args of views) {
      const r = await run(args)
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
      assert.ok(r.stdout.length > 0, args.join(' '))
      assert.doesNotMatch(r.stdout, ESC, args.join(' '))
      assert.doesNotMatch(r.stderr, ESC, args.join(' '))
    }
    const failed = await run(['stream', 'info', 'MISSING'])
    assert.equal(failed.code, 1)
    assert.match(failed.stderr, /^natsctl: error: /)
    assert.doesNotMatch(failed.stderr, ESC)
  })

  it('colours the same text under FORCE_COLOR: headings, verdicts and the error prefix', async () => {
    for (const args of views) {
      const plain = await run(args)
      const forced = await run(args, {FORCE_COLOR: '1'})
      assert.equal(forced.code, 0, forced.stderr)
      assert.match(forced.stdout, ESC, args.join(' '))
      assert.equal(strip(forced.stdout), plain.stdout, args.join(' '))
    }
    const info = await run(['context', 'info', 'colours'], {FORCE_COLOR: '1'})
    assert.match(info.stdout, /^\x1b\[1mNATS Configuration Context "colours"\x1b\[22m\n/)
    assert.match(info.stdout, /Credentials: \/nonexistent\.creds \(\x1b\[31mERROR\x1b\[39m\)/)
    const stream = await run(['stream', 'info', 'PIPES'], {FORCE_COLOR: '1'})
    assert.match(stream.stdout, /\n\x1b\[1mState:\x1b\[22m\n/)
    const failed = await run(['stream', 'info', 'MISSING'], {FORCE_COLOR: '1'})
    assert.match(failed.stderr, /^\x1b\[31m\x1b\[1mnatsctl: error:\x1b\[22m\x1b\[39m /)
  })

  it('--no-color and NO_COLOR beat FORCE_COLOR; --color colours a pipe', async () => {
    for (const args of views) {
      const flag = await run([...args, '--no-color'], {FORCE_COLOR: '1'})
      assert.equal(flag.code, 0, flag.stderr)
      assert.doesNotMatch(flag.stdout, ESC, `${args.join(' ')} --no-color`)
      const variable = await run(args, {FORCE_COLOR: '1', NO_COLOR: '1'})
      assert.doesNotMatch(variable.stdout, ESC, `${args.join(' ')} NO_COLOR`)
    }
    const failed = await run(['stream', 'info', 'MISSING', '--no-color'], {FORCE_COLOR: '1'})
    assert.doesNotMatch(failed.stderr, ESC)
    const forced = await run(['context', 'ls', '--color'])
    assert.match(forced.stdout, ESC)
  })
})
