// stream rmm and stream seal against a real nats-server: the confirmation policy, the effect on the server.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'
import {TmuxCli} from '../../helpers/tmux.js'

describe('stream rmm', () => {
  let testbed: JetStreamTestbed
  const cli = (...args: string[]) => testbed.cli(args)

  before(async () => {
    testbed = await startJetStreamTestbed()
    await testbed.jsm.streams.add({name: 'RMM', subjects: ['rmm.>']})
    for (let i = 1; i <= 5; i++) await testbed.js.publish('rmm.a', `m${i}`)
  })
  after(() => testbed?.close())

  it('refuses without --force when nobody can answer, and keeps the message', async () => {
    const r = await cli('stream', 'rmm', 'RMM', '3')
    assert.equal(r.code, 2)
    assert.equal(r.stderr, 'natsctl: error: refusing to remove message 3 from stream RMM without confirmation: pass --force\n')
    assert.equal((await testbed.jsm.streams.getMessage('RMM', {seq: 3}))?.string(), 'm3')
  })

  it('--force removes the message; --json says what was removed', async () => {
    const r = await cli('stream', 'rmm', 'RMM', '3', '--force', '--json')
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(JSON.parse(r.stdout), {deleted: true, seq: 3, stream: 'RMM'})
    const info = await testbed.jsm.streams.info('RMM')
    assert.equal(info.state.messages, 4)
    assert.equal(info.state.num_deleted, 1)
    assert.equal(await testbed.jsm.streams.getMessage('RMM', {seq: 3}), null)
  })

  it('names a message that is not there and a missing stream', async () => {
    const again = await cli('stream', 'rmm', 'RMM', '3', '-f')
    assert.equal(again.code, 1)
    assert.equal(again.stderr, 'natsctl: error: no message with sequence 3 in stream RMM\n')
    const missing = await cli('stream', 'rmm', 'NOPE', '1', '-f')
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, 'natsctl: error: stream "NOPE" not found\n')
    const noSeq = await cli('stream', 'rmm', 'RMM')
    assert.equal(noSeq.code, 2)
    assert.match(noSeq.stderr, /cannot prompt for "Message Sequence to remove" without a terminal: pass the sequence after the stream name/)
  })

  it('asks on a terminal, and removes only on yes', async () => {
    const no = new TmuxCli(['stream', 'rmm', 'RMM', '4', '--server', testbed.server.url], testbed.home.env)
    try {
      await no.answer('Really remove message 4 from Stream RMM', {text: 'n'}, 'Enter')
      assert.equal((await no.exit()).code, 0)
    } finally {
      no.kill()
    }
    assert.equal((await testbed.jsm.streams.getMessage('RMM', {seq: 4}))?.string(), 'm4')
    const yes = new TmuxCli(['stream', 'rmm', 'RMM', '4', '--server', testbed.server.url], testbed.home.env)
    try {
      await yes.answer('Really remove message 4 from Stream RMM', {text: 'y'}, 'Enter')
      assert.equal((await yes.exit()).code, 0)
    } finally {
      yes.kill()
    }
    assert.equal((await testbed.jsm.streams.info('RMM')).state.messages, 3)
  })
})

describe('stream seal', () => {
  let testbed: JetStreamTestbed
  const cli = (...args: string[]) => testbed.cli(args)

  before(async () => {
    testbed = await startJetStreamTestbed()
    await testbed.jsm.streams.add({name: 'SEAL', subjects: ['seal.>']})
    await testbed.js.publish('seal.a', 'kept')
  })
  after(() => testbed?.close())

  it('refuses without --force when nobody can answer', async () => {
    const r = await cli('stream', 'seal', 'SEAL')
    assert.equal(r.code, 2)
    assert.equal(r.stderr, 'natsctl: error: refusing to seal stream SEAL without confirmation: pass --force\n')
    assert.equal((await testbed.jsm.streams.info('SEAL')).config.sealed, false)
  })

  it('--force seals: the server then refuses messages and purges; the info view says Sealed', async () => {
    const r = await cli('stream', 'seal', 'SEAL', '--force')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^Information for Stream SEAL created /)
    assert.match(r.stdout, /\n +Sealed: true\n/)
    const info = await testbed.jsm.streams.info('SEAL')
    assert.equal(info.config.sealed, true)
    await assert.rejects(testbed.jsm.streams.purge('SEAL'))
    const json = await cli('stream', 'seal', 'SEAL', '--force', '--json')
    assert.equal(JSON.parse(json.stdout).config.sealed, true)
    assert.equal(JSON.parse(json.stdout).state.messages, 1)
  })

  it('names a missing stream', async () => {
    const missing = await cli('stream', 'seal', 'NOPE', '-f')
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, 'natsctl: error: stream "NOPE" not found\n')
  })
})
