// stream edit (alias update) against a real nats-server: differences, --dry-run, --config, and the
// confirmation policy (asks on a terminal; without one refuses with exit 2 naming --force).
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, afterEach, before, describe, it} from 'node:test'

import type {JetStreamManager} from '@nats-io/jetstream'

import type {TestHome} from '../../helpers/cli.js'
import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'
import {TmuxCli} from '../../helpers/tmux.js'

describe('stream edit', () => {
  let testbed: JetStreamTestbed
  let home: TestHome
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
    ;({home, jsm} = testbed)
  })
  afterEach(() => term?.kill())
  after(() => testbed?.close())

  it('shows differences, changes only what flags give, and keeps the rest', async () => {
    await jsm.streams.add({max_msgs: 50, name: 'EDIT', subjects: ['edit.a']})
    const dry = await cli('stream', 'edit', 'EDIT', '--max-age', '1d', '--subjects', 'edit.a,edit.b', '--dry-run')
    assert.equal(dry.code, 1, 'a dry run with differences exits 1, like natscli')
    assert.equal(dry.stdout, 'Differences (-old +new):\n  max_age: 0s -> 1d\n  subjects: ["edit.a"] -> ["edit.a","edit.b"]\n')
    assert.equal((await jsm.streams.info('EDIT')).config.max_age, 0, 'dry run changes nothing')

    const r = await cli('stream', 'update', 'EDIT', '--max-age', '1d', '--subjects', 'edit.a,edit.b', '--force')
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /Stream EDIT was updated\n\nInformation for Stream EDIT/)
    const c = (await jsm.streams.info('EDIT')).config
    assert.equal(c.max_age, 86_400e9)
    assert.deepEqual(c.subjects, ['edit.a', 'edit.b'])
    assert.equal(c.max_msgs, 50, 'untouched settings are kept')

    const same = await cli('stream', 'edit', 'EDIT', '--max-age', '1d', '--dry-run')
    assert.equal(same.code, 0)
    assert.equal(same.stdout, 'No difference in configuration\n')
  })

  it('refuses without a terminal and without --force, and refuses mirror/source flags', async () => {
    const r = await cli('stream', 'edit', 'EDIT', '--max-msgs', '10')
    assert.equal(r.code, 2)
    assert.match(r.stderr, /^natsctl: error: refusing to edit stream EDIT without confirmation: pass --force\n$/)
    assert.equal((await jsm.streams.info('EDIT')).config.max_msgs, 50)
    const m = await cli('stream', 'edit', 'EDIT', '--mirror', 'X', '--force')
    assert.equal(m.code, 2)
    assert.equal(m.stderr, 'natsctl: error: mirrors and sources cannot be changed with --mirror: use --config instead\n')
  })

  it('applies a --config file and keeps server error codes', async () => {
    const file = join(home.dir, 'edit.json')
    // compression/metadata as a 2.10+ server prints them: empty defaults, not changes.
    writeFileSync(file, JSON.stringify({compression: 'none', description: 'from file', max_msgs: 20, metadata: {}}))
    const r = await cli('stream', 'edit', 'EDIT', '--config', file, '--force', '--json')
    assert.equal(r.code, 0, r.stderr)
    const result = JSON.parse(r.stdout)
    assert.deepEqual(
      result.changes.map((c: {field: string}) => c.field),
      ['description', 'max_msgs'],
    )
    assert.equal((await jsm.streams.info('EDIT')).config.max_msgs, 20)
    const bad = await cli('stream', 'edit', 'EDIT', '--retention', 'workq', '--force')
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /^natsctl: error: .*retention.* \(\d+\)\n$/)
  })

  it('on a terminal, asks first and applies the change on yes', async () => {
    await jsm.streams.add({max_msgs: 100, name: 'TERMEDIT', subjects: ['termedit']})
    const edit = onTerminal('stream', 'edit', 'TERMEDIT', '--max-msgs', '200')
    await edit.answer('Really edit Stream TERMEDIT (y/N)', {text: 'y'}, 'Enter')
    const edited = await edit.exit()
    assert.equal(edited.code, 0, edited.screen)
    assert.match(edited.screen, /Differences \(-old \+new\):\n {2}max_msgs: 100 -> 200\n/)
    assert.match(edited.screen, /Stream TERMEDIT was updated/)
    assert.equal((await jsm.streams.info('TERMEDIT')).config.max_msgs, 200)
  })
})
