// stream purge against a real nats-server: --subject with --keep, --seq, all; the confirmation policy.
import assert from 'node:assert/strict'
import {after, afterEach, before, describe, it} from 'node:test'

import type {JetStreamClient, JetStreamManager} from '@nats-io/jetstream'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'
import {TmuxCli} from '../../helpers/tmux.js'

describe('stream purge', () => {
  let testbed: JetStreamTestbed
  let jsm: JetStreamManager
  let js: JetStreamClient
  let term: TmuxCli | undefined
  const cli = (...args: string[]) => testbed.cli(args)
  /** Runs natsctl on a real terminal (tmux), for the questions. */
  const onTerminal = (...args: string[]) => {
    term = new TmuxCli([...args, '--server', testbed.server.url], testbed.home.env)
    return term
  }
  const fill = async (stream: string, subjects: string[], count: number) => {
    await jsm.streams.add({name: stream, subjects: [`${stream.toLowerCase()}.>`]})
    for (let i = 1; i <= count; i++) await js.publish(`${stream.toLowerCase()}.${subjects[i % subjects.length]}`, `msg ${i}`)
  }

  before(async () => {
    testbed = await startJetStreamTestbed()
    ;({jsm, js} = testbed)
  })
  afterEach(() => term?.kill())
  after(() => testbed?.close())

  it('purges by subject with --keep, up to --seq, or all', async () => {
    await fill('PURGE', ['a', 'b'], 10)
    const keep = await cli('stream', 'purge', 'PURGE', '--subject', 'purge.a', '--keep', '1', '--force')
    assert.equal(keep.code, 0, keep.stderr)
    assert.match(keep.stdout, /^Purged 4 messages from PURGE\n\nState for Stream PURGE/)
    assert.equal((await jsm.streams.info('PURGE')).state.messages, 6)
    const seq = await cli('stream', 'purge', 'PURGE', '--seq', '6', '-f')
    assert.match(seq.stdout, /^Purged 3 messages from PURGE/, 'sequences 1, 3 and 5')
    const all = await cli('stream', 'purge', 'PURGE', '--force', '--json')
    // natscli prints the stream info after the purge.
    const after = JSON.parse(all.stdout)
    assert.equal(after.config.name, 'PURGE')
    assert.equal(after.state.messages, 0)
    assert.equal((await jsm.streams.info('PURGE')).state.messages, 0)
  })

  it('refuses --seq with --keep, and without --force on no terminal', async () => {
    const both = await cli('stream', 'purge', 'PURGE', '--seq', '3', '--keep', '1', '--force')
    assert.equal(both.code, 2)
    await js.publish('purge.a', 'x')
    const noForce = await cli('stream', 'purge', 'PURGE')
    assert.equal(noForce.code, 2)
    assert.match(noForce.stderr, /refusing to purge stream PURGE without confirmation: pass --force/)
    assert.equal((await jsm.streams.info('PURGE')).state.messages, 1)
  })

  it('on a terminal, asks first and purges on yes', async () => {
    await fill('TERMPURGE', ['a'], 3)
    const purge = onTerminal('stream', 'purge', 'TERMPURGE')
    await purge.answer('Really purge Stream TERMPURGE (y/N)', {text: 'y'}, 'Enter')
    const purged = await purge.exit()
    assert.equal(purged.code, 0, purged.screen)
    assert.match(purged.screen, /Purged 3 messages from TERMPURGE/)
    assert.equal((await jsm.streams.info('TERMPURGE')).state.messages, 0)
  })
})
