// stream add (aliases create, new) against a real nats-server 2.9.10: every flag must reach the server's
// configuration; on a terminal, natscli's questions in natscli's order, labels and defaults, every answer
// reaching the server.
import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, afterEach, before, describe, it} from 'node:test'

import type {JetStreamManager} from '@nats-io/jetstream'
import type {NatsConnection} from '@nats-io/transport-node'

import {makeHome, runCli, type TestHome} from '../../helpers/cli.js'
import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'
import {startServer, stopAllServers, type TestServer} from '../../helpers/nats-server.js'
import {TmuxCli} from '../../helpers/tmux.js'

describe('stream add', () => {
  let testbed: JetStreamTestbed
  let home: TestHome
  let nc: NatsConnection
  let jsm: JetStreamManager
  const cli = (...args: string[]) => testbed.cli(args)

  before(async () => {
    testbed = await startJetStreamTestbed()
    ;({home, nc, jsm} = testbed)
  })
  after(() => testbed?.close())

  it('creates a stream with every setting given by flags', async () => {
    const r = await cli(
      'stream',
      'add',
      'ALL',
      '--subjects',
      'all.a,all.b',
      '--subjects',
      'all.c all.d',
      '--description',
      'every flag',
      '--storage',
      'memory',
      '--replicas',
      '1',
      '--retention',
      'interest',
      '--discard',
      'new',
      '--discard-per-subject',
      '--max-msgs',
      '1000',
      '--max-msgs-per-subject',
      '10',
      '--max-bytes',
      '1GB',
      '--max-age',
      '7d',
      '--max-msg-size',
      '1KiB',
      '--max-consumers',
      '5',
      '--dupe-window',
      '1m',
      '--no-allow-rollup',
      '--deny-delete',
      '--deny-purge',
      '--no-allow-direct',
      '--no-ack',
    )
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^Stream ALL was created\n\nInformation for Stream ALL created /)
    assert.match(r.stdout, /Maximum Bytes: 954 MiB/)
    assert.match(r.stdout, /Discard Policy: New Per Subject\n/)
    const c = (await jsm.streams.info('ALL')).config
    assert.deepEqual(c.subjects, ['all.a', 'all.b', 'all.c', 'all.d'])
    assert.equal(c.description, 'every flag')
    assert.equal(c.storage, 'memory')
    assert.equal(c.retention, 'interest')
    assert.equal(c.discard, 'new')
    assert.equal(c.discard_new_per_subject, true)
    assert.equal(c.max_msgs, 1000)
    assert.equal(c.max_msgs_per_subject, 10)
    assert.equal(c.max_bytes, 1e9)
    assert.equal(c.max_age, 7 * 86_400 * 1e9)
    assert.equal(c.max_msg_size, 1024)
    assert.equal(c.max_consumers, 5)
    assert.equal(c.duplicate_window, 60e9)
    assert.equal(c.allow_rollup_hdrs, false)
    assert.equal(c.deny_delete, true)
    assert.equal(c.deny_purge, true)
    assert.equal(c.allow_direct, false)
    assert.equal(c.no_ack, true)
  })

  it('takes natscli defaults without a terminal, and storage/retention short forms', async () => {
    const r = await cli('stream', 'add', 'DEF', '--subjects', 'def.>', '--storage', 'f', '--retention', 'workq', '--allow-rollup', '--json')
    assert.equal(r.code, 0, r.stderr)
    const info = JSON.parse(r.stdout)
    assert.equal(info.config.name, 'DEF')
    assert.equal(info.config.storage, 'file')
    assert.equal(info.config.retention, 'workqueue')
    assert.equal(info.config.max_msgs, -1)
    assert.equal(info.config.duplicate_window, 120e9)
    assert.equal(info.config.allow_direct, true)
    assert.equal(info.config.allow_rollup_hdrs, true)
  })

  it('without a terminal, names the flag for a missing required value and never waits', async () => {
    const noName = await cli('stream', 'add', '--subjects', 'x')
    assert.equal(noName.code, 2)
    assert.equal(noName.stderr, 'natsctl: error: a stream name is required: pass it as the NAME argument\n')
    const noSubjects = await cli('stream', 'add', 'NOSUBJ')
    assert.equal(noSubjects.code, 2)
    assert.equal(noSubjects.stderr, 'natsctl: error: subjects are required: pass --subjects\n')
    assert.ok(!(await jsm.streams.names().next()).includes('NOSUBJ'))
  })

  it('keeps the server error code for a conflicting stream', async () => {
    await jsm.streams.add({name: 'TAKEN', subjects: ['taken.a']})
    const r = await cli('stream', 'add', 'TAKEN', '--subjects', 'taken.b')
    assert.equal(r.code, 1)
    assert.equal(r.stderr, 'natsctl: error: stream "TAKEN" already exists with a different configuration (10058)\n')
  })

  it('rejects invalid sizes and durations in one line', async () => {
    const size = await cli('stream', 'add', 'BAD', '--subjects', 'bad', '--max-bytes', '10XB')
    assert.equal(size.code, 2)
    assert.match(size.stderr, /^natsctl: error: invalid --max-bytes "10XB": .*\n$/)
    const age = await cli('stream', 'add', 'BAD', '--subjects', 'bad', '--max-age', 'soon')
    assert.equal(age.code, 2)
    assert.match(age.stderr, /^natsctl: error: invalid --max-age "soon": .*\n$/)
    const name = await cli('stream', 'add', 'a.b', '--subjects', 'bad')
    assert.equal(name.code, 2)
    assert.match(name.stderr, /^natsctl: error: invalid stream name "a\.b": .*\n$/)
  })

  it('refuses a mirror with subjects, with natscli reason', async () => {
    const r = await cli('stream', 'add', 'M', '--mirror', 'ALL', '--subjects', 'm.>')
    assert.equal(r.code, 1)
    assert.equal(r.stderr, 'natsctl: error: mirrors cannot listen for messages on subjects\n')
  })

  it('creates a mirror and sources (by name and JSON) with start, filter and external settings', async () => {
    const mirror = await cli('stream', 'add', 'MIR', '--mirror', 'DEF', '--mirror-start-seq', '3', '--mirror-filter', 'def.x', '--json')
    assert.equal(mirror.code, 0, mirror.stderr)
    const m = (await jsm.streams.info('MIR')).config.mirror!
    assert.equal(m.name, 'DEF')
    assert.equal(m.opt_start_seq, 3)
    assert.equal(m.filter_subject, 'def.x')

    const timed = await cli(
      'stream',
      'add',
      'MIRT',
      '--mirror',
      '{"name":"DEF","filter_subject":"def.y"}',
      '--mirror-start-time',
      '2020-01-02T03:04:05Z',
    )
    assert.equal(timed.code, 0, timed.stderr)
    const t = (await jsm.streams.info('MIRT')).config.mirror!
    assert.equal(t.filter_subject, 'def.y', 'from the JSON form')
    assert.equal(new Date(t.opt_start_time!).toISOString(), '2020-01-02T03:04:05.000Z')

    const src = await cli('stream', 'add', 'SRC', '--source', 'DEF', '--source', '{"name":"ALL","opt_start_seq":2}', '--source-domain', 'here')
    assert.equal(src.code, 0, src.stderr)
    assert.match(src.stdout, /Source Information:/)
    const sources = (await jsm.streams.info('SRC')).config.sources!
    assert.deepEqual(
      sources.map((s) => [s.name, s.external?.api, s.opt_start_seq]),
      [
        ['DEF', '$JS.here.API', undefined],
        ['ALL', '$JS.here.API', 2],
      ],
    )
  })

  it('creates from --config (StreamConfig or stream info --json), flags overriding the file', async () => {
    const infoJson = await cli('stream', 'info', 'ALL', '--json')
    const file = join(home.dir, 'all.json')
    writeFileSync(file, infoJson.stdout)
    const r = await cli('stream', 'add', 'COPY', '--config', file, '--subjects', 'copy.>', '--description', 'a copy')
    assert.equal(r.code, 0, r.stderr)
    const c = (await jsm.streams.info('COPY')).config
    assert.deepEqual(c.subjects, ['copy.>'])
    assert.equal(c.description, 'a copy')
    assert.equal(c.max_msgs, 1000, 'from the file')
    assert.equal(c.storage, 'memory', 'from the file')

    const plain = join(home.dir, 'plain.json')
    writeFileSync(plain, JSON.stringify({name: 'PLAIN', subjects: ['plain.>'], max_msgs: 7}))
    const p = await cli('stream', 'add', '--config', plain)
    assert.equal(p.code, 0, p.stderr)
    assert.equal((await jsm.streams.info('PLAIN')).config.max_msgs, 7)
  })

  it('writes the configuration with --output instead of creating', async () => {
    const file = join(home.dir, 'out.json')
    const r = await cli('stream', 'add', 'OUT', '--subjects', 'out.>', '--max-age', '1h', '--output', file)
    assert.equal(r.code, 0, r.stderr)
    const cfg = JSON.parse(readFileSync(file, 'utf8'))
    assert.equal(cfg.name, 'OUT')
    assert.equal(cfg.max_age, 3600e9)
    assert.equal(cfg.storage, 'file')
    await assert.rejects(jsm.streams.info('OUT'), /stream not found/)
    // The written file creates the same stream.
    const c = await cli('stream', 'add', '--config', file)
    assert.equal(c.code, 0, c.stderr)
    assert.equal((await jsm.streams.info('OUT')).config.max_age, 3600e9)
  })

  it('names the server version for settings it is too old for', async () => {
    const file = join(home.dir, 'meta.json')
    writeFileSync(file, JSON.stringify({metadata: {team: 'ops'}, name: 'META', subjects: ['meta']}))
    const r = await cli('stream', 'add', '--config', file)
    assert.equal(r.code, 1)
    assert.equal(
      r.stderr,
      `natsctl: error: stream setting "metadata" needs nats-server 2.10.0 or newer; the connected server is ${nc.info!.version}\n`,
    )
  })

  it('answers to the aliases create and new', async () => {
    const a = await cli('stream', 'create', 'ALIAS1', '--subjects', 'alias1')
    assert.equal(a.code, 0, a.stderr)
    const b = await cli('stream', 'new', 'ALIAS2', '--subjects', 'alias2')
    assert.equal(b.code, 0, b.stderr)
    assert.equal((await jsm.streams.info('ALIAS2')).config.name, 'ALIAS2')
  })
})

describe('stream add for an account that requires a size limit', () => {
  let server: TestServer
  let home: TestHome

  before(async () => {
    server = await startServer({
      extraConfig: 'accounts { LIM: { jetstream: { max_memory: 1G, max_file: 1G, max_bytes_required: true }, users: [{user: lim, password: lim}] } }',
    })
    home = makeHome()
  })
  after(async () => {
    await stopAllServers()
    home?.cleanup()
  })

  it('defaults max-bytes to 256 MiB like natscli, and keeps a given limit', async () => {
    const env = {...home.env, NATS_PASSWORD: 'lim', NATS_USER: 'lim'}
    const r = await runCli(['stream', 'add', 'LIM', '--subjects', 'lim', '--defaults', '--json', '--server', server.url], {env})
    assert.equal(r.code, 0, r.stderr)
    assert.equal(JSON.parse(r.stdout).config.max_bytes, 256 * 1024 * 1024)
    const given = await runCli(['stream', 'add', 'LIM2', '--subjects', 'lim2', '--max-bytes', '1MiB', '--json', '--server', server.url], {env})
    assert.equal(given.code, 0, given.stderr)
    assert.equal(JSON.parse(given.stdout).config.max_bytes, 1024 * 1024)
    const unlimited = await runCli(['stream', 'add', 'LIM3', '--subjects', 'lim3', '--max-bytes', '-1', '--server', server.url], {env})
    assert.equal(unlimited.code, 1)
    assert.match(unlimited.stderr, /^natsctl: error: .*max bytes.* \(\d+\)\n$/)
  })
})

describe('stream add on a terminal', () => {
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
    const t = run(
      'stream',
      'add',
      'PARTIAL',
      '--subjects',
      'partial',
      '--storage',
      'file',
      '--replicas',
      '1',
      '--retention',
      'limits',
      '--discard',
      'new',
      '--max-msgs',
      '5',
      '--max-msgs-per-subject',
      '-1',
      '--max-bytes',
      '-1',
      '--max-age',
      '1d',
      '--max-msg-size',
      '-1',
      '--dupe-window',
      '1m',
      '--no-allow-rollup',
      '--no-deny-delete',
    )
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

    const m = run(
      'stream',
      'add',
      'PMIRROR2',
      '--mirror',
      'PROMPTED',
      '--storage',
      'file',
      '--replicas',
      '1',
      '--retention',
      'limits',
      '--discard',
      'old',
      '--max-msgs',
      '-1',
      '--max-msgs-per-subject',
      '-1',
      '--max-bytes',
      '-1',
      '--max-age',
      '-1',
      '--max-msg-size',
      '-1',
      '--no-allow-rollup',
      '--no-deny-delete',
      '--no-deny-purge',
    )
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

  it('Ctrl-C at a question cancels with exit 130 and creates nothing', async () => {
    const cancel = run('stream', 'add', 'CANCELLED')
    await cancel.answer('Subjects', 'C-c')
    const cancelled = await cancel.exit()
    assert.equal(cancelled.code, 130, cancelled.screen)
    await assert.rejects(jsm.streams.info('CANCELLED'), /stream not found/)
  })
})
