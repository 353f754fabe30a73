// stream rm (aliases delete, del) against a real nats-server; the confirmation policy.
import assert from 'node:assert/strict'
import {after, afterEach, before, describe, it} from 'node:test'

import type {JetStreamManager} from '@nats-io/jetstream'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'
import {TmuxCli} from '../../helpers/tmux.js'

describe('stream rm', () => {
  let testbed: JetStreamTestbed
  let jsm: JetStreamManager
  let term: TmuxCli | undefined
  const cli = (...args: string[]) => testbed.cli(args)
  /** Runs natsctl on a real terminal (tmux), for the questions. */
  const onTerminal = (...args: string[]) => {
    term = new TmuxCli([...args, '--server', testbed.server.url], testbed.home.env)
    return term
  }

  before(async () => {
    testbed = await startJetStreamTestbed()
    ;({jsm} = testbed)
  })
  afterEach(() => term?.kill())
  after(() => testbed?.close())

  it('deletes with --force, refuses without it, names a missing stream', async () => {
    await jsm.streams.add({name: 'RM', subjects: ['rm']})
    const refused = await cli('stream', 'rm', 'RM')
    assert.equal(refused.code, 2)
    assert.match(refused.stderr, /refusing to delete stream RM without confirmation: pass --force/)
    assert.ok(await jsm.streams.info('RM'))
    const r = await cli('stream', 'del', 'RM', '-f')
    assert.equal(r.code, 0, r.stderr)
    await assert.rejects(jsm.streams.info('RM'), /stream not found/)
    const missing = await cli('stream', 'delete', 'RM', '--force')
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, 'natsctl: error: stream "RM" not found\n')
  })

  it('on a terminal, asks first and deletes only on yes', async () => {
    await jsm.streams.add({name: 'TERMRM', subjects: ['termrm']})
    const no = onTerminal('stream', 'rm', 'TERMRM')
    await no.answer('Really delete Stream TERMRM (y/N)', 'Enter')
    assert.equal((await no.exit()).code, 0)
    assert.ok(await jsm.streams.info('TERMRM'), 'still there after answering no')
    no.kill()

    const yes = onTerminal('stream', 'rm', 'TERMRM')
    await yes.answer('Really delete Stream TERMRM (y/N)', {text: 'y'}, 'Enter')
    assert.equal((await yes.exit()).code, 0)
    await assert.rejects(jsm.streams.info('TERMRM'), /stream not found/)
  })
})
