// stream add/rm/info questions on a real terminal (tmux): natscli's order, labels and defaults, and every
// answer reaching the server's configuration.
import assert from 'node:assert/strict'
import {after, afterEach, before, describe, it} from 'node:test'

import type {JetStreamManager} from '@nats-io/jetstream'

import type {TestHome} from '../helpers/cli.js'
import {type JetStreamTestbed, startJetStreamTestbed} from '../helpers/jetstream.js'
import type {TestServer} from '../helpers/nats-server.js'
import {TmuxCli} from '../helpers/tmux.js'

describe('stream prompts on a terminal', () => {
  let testbed: JetStreamTestbed
  let server: TestServer
  let home: TestHome
  let jsm: JetStreamManager
  let term: TmuxCli | undefined
  const run = (...args: string[]) => {
    term = new TmuxCli([...args, '--server', server.url], home.env)
    return term
  }

  before(async () => {
    testbed = await startJetStreamTestbed()
    ;({server, home, jsm} = testbed)
  })
  afterEach(() => term?.kill())
  after(() => testbed?.close())

  it('asks every missing value in natscli order and applies the answers', async () => {
    const t = run('stream', 'add')
    await t.answer('Stream Name', {text: 'PROMPTED'}, 'Enter')
    await t.answer('Subjects', {text: 'p.a, p.b'}, 'Enter')
    await t.answer('Storage', 'Down', 'Enter')
    await t.answer('Replication', 'Enter')
    await t.answer('Retention Policy', 'Down', 'Enter')
    await t.answer('Discard Policy', 'Enter')
    await t.answer('Stream Messages Limit', {text: '100'}, 'Enter')
    await t.answer('Per Subject Messages Limit', 'Enter')
    await t.answer('Total Stream Size', {text: '1MiB'}, 'Enter')
    await t.answer('Message TTL', {text: '1h'}, 'Enter')
    await t.answer('Max Message Size', 'Enter')
    await t.answer('Duplicate tracking time window (2m0s)', {text: '30s'}, 'Enter')
    await t.answer('Allow message Roll-ups (y/N)', {text: 'y'}, 'Enter')
    await t.answer('Allow message deletion (Y/n)', {text: 'n'}, 'Enter')
    await t.answer('Allow purging subjects or the entire stream (Y/n)', 'Enter')
    const {code, screen} = await t.exit()
    assert.equal(code, 0, screen)
    assert.match(screen, /Stream PROMPTED was created/)

    const c = (await jsm.streams.info('PROMPTED')).config
    assert.deepEqual(c.subjects, ['p.a', 'p.b'])
    assert.equal(c.storage, 'memory')
    assert.equal(c.num_replicas, 1)
    assert.equal(c.retention, 'interest')
    assert.equal(c.discard, 'old')
    assert.equal(c.max_msgs, 100)
    assert.equal(c.max_msgs_per_subject, -1)
    assert.equal(c.max_bytes, 1024 * 1024)
    assert.equal(c.max_age, 3600e9)
    assert.equal(c.max_msg_size, -1)
    assert.equal(c.duplicate_window, 30e9)
    assert.equal(c.allow_rollup_hdrs, true)
    assert.equal(c.deny_delete, true)
    assert.equal(c.deny_purge, false)
  })

  it('asks only what flags did not give, and nothing with --defaults', async () => {
    const t = run('stream', 'add', 'PARTIAL', '--subjects', 'partial', '--storage', 'file', '--replicas', '1', '--retention', 'limits', '--discard', 'new',
      '--max-msgs', '5', '--max-msgs-per-subject', '-1', '--max-bytes', '-1', '--max-age', '1d', '--max-msg-size', '-1', '--dupe-window', '1m',
      '--no-allow-rollup', '--no-deny-delete')
    await t.answer('Allow purging subjects or the entire stream', {text: 'n'}, 'Enter')
    const {code, screen} = await t.exit()
    assert.equal(code, 0, screen)
    assert.ok(!screen.includes('Stream Messages Limit') && !screen.includes('Allow message deletion'), screen)
    assert.equal((await jsm.streams.info('PARTIAL')).config.deny_purge, true)

    t.kill()
    const d = run('stream', 'add', 'DEFAULTS', '--subjects', 'defaults', '--defaults')
    const done = await d.exit()
    assert.equal(done.code, 0, done.screen)
    assert.ok(!done.screen.includes('?'), `no question was asked:\n${done.screen}`)
    assert.equal((await jsm.streams.info('DEFAULTS')).config.max_msgs, -1)
  })

  it('asks the mirror questions, with the start and filter answers applied', async () => {
    const t = run('stream', 'add', 'PMIRROR', '--mirror', 'PROMPTED', '--defaults')
    const quiet = await t.exit()
    assert.equal(quiet.code, 0, quiet.screen)
    assert.ok(!quiet.screen.includes('Adjust mirror start'), '--defaults skips the mirror questions')
    t.kill()

    const m = run('stream', 'add', 'PMIRROR2', '--mirror', 'PROMPTED', '--storage', 'file', '--replicas', '1', '--retention', 'limits', '--discard', 'old',
      '--max-msgs', '-1', '--max-msgs-per-subject', '-1', '--max-bytes', '-1', '--max-age', '-1', '--max-msg-size', '-1',
      '--no-allow-rollup', '--no-deny-delete', '--no-deny-purge')
    await m.answer('Adjust mirror start (y/N)', {text: 'y'}, 'Enter')
    await m.answer('Mirror Start Sequence', {text: '4'}, 'Enter')
    await m.answer('Adjust mirror filter and transform (y/N)', {text: 'y'}, 'Enter')
    await m.answer('Filter mirror by subject (hit enter to finish)', {text: 'p.a'}, 'Enter')
    await m.answer('Subject transform destination', 'Enter')
    await m.answer('Filter mirror by subject (hit enter to finish)', 'Enter')
    await m.answer('Import mirror from a different JetStream domain (y/N)', 'Enter')
    await m.answer('Import mirror from a different account (y/N)', 'Enter')
    const {code, screen} = await m.exit()
    assert.equal(code, 0, screen)
    assert.ok(!screen.includes('Duplicate tracking'), 'not asked for mirrors')
    const mirror = (await jsm.streams.info('PMIRROR2')).config.mirror!
    assert.equal(mirror.opt_start_seq, 4)
    assert.equal(mirror.filter_subject, 'p.a')
    assert.equal(mirror.external, undefined)
  })

  it('confirms rm on a terminal and picks a stream for info', async () => {
    const no = run('stream', 'rm', 'DEFAULTS')
    await no.answer('Really delete Stream DEFAULTS (y/N)', 'Enter')
    assert.equal((await no.exit()).code, 0)
    assert.ok(await jsm.streams.info('DEFAULTS'), 'still there after answering no')
    no.kill()

    const yes = run('stream', 'rm', 'DEFAULTS')
    await yes.answer('Really delete Stream DEFAULTS (y/N)', {text: 'y'}, 'Enter')
    assert.equal((await yes.exit()).code, 0)
    await assert.rejects(jsm.streams.info('DEFAULTS'), /stream not found/)
    yes.kill()

    const pick = run('stream', 'info')
    await pick.answer('Select a Stream', 'Down', 'Enter')
    const {code, screen} = await pick.exit()
    assert.equal(code, 0, screen)
    assert.match(screen, /Information for Stream PMIRROR created/)
  })

  it('confirms edit and purge on a terminal; Ctrl-C at a question cancels', async () => {
    const edit = run('stream', 'edit', 'PROMPTED', '--max-msgs', '200')
    await edit.answer('Really edit Stream PROMPTED (y/N)', {text: 'y'}, 'Enter')
    const edited = await edit.exit()
    assert.equal(edited.code, 0, edited.screen)
    assert.match(edited.screen, /Differences \(-old \+new\):\n  max_msgs: 100 -> 200\n/)
    assert.match(edited.screen, /Stream PROMPTED was updated/)
    assert.equal((await jsm.streams.info('PROMPTED')).config.max_msgs, 200)
    edit.kill()

    const purge = run('stream', 'purge', 'PMIRROR2')
    await purge.answer('Really purge Stream PMIRROR2 (y/N)', {text: 'y'}, 'Enter')
    const purged = await purge.exit()
    assert.equal(purged.code, 0, purged.screen)
    assert.match(purged.screen, /Purged 0 messages from PMIRROR2/)
    purge.kill()

    const get = run('stream', 'get', 'PROMPTED')
    await get.answer('Message Sequence to retrieve', 'Enter')
    await get.answer('Subject to retrieve last message for', {text: 'p.b'}, 'Enter')
    const got = await get.exit()
    assert.equal(got.code, 1, got.screen)
    assert.match(got.screen, /last message on subject "p\.b" not found in stream "PROMPTED"/)
    get.kill()

    const cancel = run('stream', 'add', 'CANCELLED')
    await cancel.answer('Subjects', 'C-c')
    const cancelled = await cancel.exit()
    assert.equal(cancelled.code, 130, cancelled.screen)
    await assert.rejects(jsm.streams.info('CANCELLED'), /stream not found/)
  })
})
