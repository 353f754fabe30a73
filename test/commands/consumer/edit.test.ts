// consumer edit and rm against a real nats-server 2.9: changes read back from the server, the difference
// shown, --dry-run, the confirmation policy (no terminal: refused without --force), and errors.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import type {JetStreamManager} from '@nats-io/jetstream'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

const S = 1_000_000_000

describe('consumer edit and rm', () => {
  let testbed: JetStreamTestbed
  let jsm: JetStreamManager
  const cli = (...args: string[]) => testbed.cli(args)
  const add = (name: string, extra: Record<string, unknown> = {}) =>
    jsm.consumers.add('EDIT', {ack_policy: 'explicit' as never, durable_name: name, ...extra})

  before(async () => {
    testbed = await startJetStreamTestbed()
    jsm = testbed.jsm
    await jsm.streams.add({name: 'EDIT', subjects: ['edit.>']})
  })
  after(() => testbed?.close())

  describe('edit', () => {
    it('changes what the flags give, keeps the rest, and shows old -> new', async () => {
      await add('E1', {filter_subject: 'edit.a', max_deliver: 3})
      const r = await cli(
        'consumer',
        'edit',
        'EDIT',
        'E1',
        '--description',
        'edited',
        '--wait',
        '1m',
        '--max-deliver',
        '10',
        '--max-pending',
        '50',
        '--sample',
        '20',
        '--max-pull-batch',
        '5',
        '--max-pull-expire',
        '10s',
        '--max-pull-bytes',
        '2KiB',
        '--headers-only',
        '--filter',
        'edit.b',
        '--force',
      )
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stdout, /^Differences \(-old \+new\):\n/)
      assert.match(r.stdout, /\n {2}ack_wait: 30s -> 1m\n/)
      assert.match(r.stdout, /\n {2}description: \(unset\) -> "edited"\n/)
      assert.match(r.stdout, /\n {2}max_deliver: 3 -> 10\n/)
      assert.match(r.stdout, /Consumer EDIT > E1 was updated/)
      const c = (await jsm.consumers.info('EDIT', 'E1')).config
      assert.equal(c.description, 'edited')
      assert.equal(c.ack_wait, 60 * S)
      assert.equal(c.max_deliver, 10)
      assert.equal(c.max_ack_pending, 50)
      assert.equal(c.sample_freq, '20')
      assert.equal(c.max_batch, 5)
      assert.equal(c.max_expires, 10 * S)
      assert.equal(c.max_bytes, 2048)
      assert.equal(c.headers_only, true)
      assert.equal(c.filter_subject, 'edit.b')
      assert.equal(c.ack_policy, 'explicit', 'untouched')
    })

    it('--backoff linear on an existing consumer', async () => {
      await add('E2')
      const r = await cli(
        'consumer',
        'update',
        'EDIT',
        'E2',
        '--backoff',
        'linear',
        '--backoff-steps',
        '2',
        '--backoff-min',
        '2s',
        '--backoff-max',
        '4s',
        '--force',
      )
      assert.equal(r.code, 0, r.stderr)
      const c = (await jsm.consumers.info('EDIT', 'E2')).config
      assert.deepEqual(c.backoff, [2 * S, 3 * S])
      assert.equal(c.max_deliver, 3)
    })

    it('--dry-run shows the difference, exits 1 and changes nothing; no difference exits 0', async () => {
      await add('E3', {description: 'before'})
      const r = await cli('consumer', 'edit', 'EDIT', 'E3', '--description', 'after', '--dry-run')
      assert.equal(r.code, 1)
      assert.equal(r.stdout, 'Differences (-old +new):\n  description: "before" -> "after"\n')
      assert.equal((await jsm.consumers.info('EDIT', 'E3')).config.description, 'before')
      const same = await cli('consumer', 'edit', 'EDIT', 'E3', '--description', 'before', '--dry-run')
      assert.equal(same.code, 0)
      assert.equal(same.stdout, 'No difference in configuration\n')
    })

    it('without a terminal or --force it refuses (exit 2) and changes nothing', async () => {
      await add('E4', {max_deliver: 2})
      const r = await cli('consumer', 'edit', 'EDIT', 'E4', '--max-deliver', '4')
      assert.equal(r.code, 2)
      assert.match(r.stderr, /refusing to edit consumer EDIT > E4 without confirmation: pass --force/)
      assert.equal((await jsm.consumers.info('EDIT', 'E4')).config.max_deliver, 2)
    })

    it('--config applies a file; --json returns the changes and the new info', async () => {
      await add('E5')
      const file = join(testbed.home.dir, 'e5.json')
      const cfg = {...(await jsm.consumers.info('EDIT', 'E5')).config, description: 'from file', max_deliver: 8}
      writeFileSync(file, JSON.stringify(cfg))
      const r = await cli('consumer', 'edit', 'EDIT', 'E5', '--config', file, '--force', '--json')
      assert.equal(r.code, 0, r.stderr)
      const out = JSON.parse(r.stdout)
      assert.equal(out.updated, true)
      assert.deepEqual(
        out.changes.map((c: {field: string}) => c.field),
        ['description', 'max_deliver'],
      )
      assert.equal(out.info.config.max_deliver, 8)
      assert.equal((await jsm.consumers.info('EDIT', 'E5')).config.description, 'from file')
    })

    it("names a missing consumer; refuses ephemeral consumers; the server's refusals come through", async () => {
      const missing = await cli('consumer', 'edit', 'EDIT', 'NOPE', '--description', 'x', '--force')
      assert.equal(missing.code, 1)
      assert.equal(missing.stderr, 'natsctl: error: consumer "NOPE" on stream "EDIT" not found\n')
      const eph = await jsm.consumers.add('EDIT', {ack_policy: 'explicit' as never, inactive_threshold: 60 * S})
      const r = await cli('consumer', 'edit', 'EDIT', eph.name, '--description', 'x', '--force')
      assert.equal(r.code, 1)
      assert.match(r.stderr, /only durable consumers can be edited/)
    })
  })

  describe('rm', () => {
    it('deletes with --force; without it and no terminal it refuses (exit 2); aliases delete and del', async () => {
      await add('R1')
      const refused = await cli('consumer', 'rm', 'EDIT', 'R1')
      assert.equal(refused.code, 2)
      assert.match(refused.stderr, /refusing to delete consumer EDIT > R1 without confirmation: pass --force/)
      await jsm.consumers.info('EDIT', 'R1') // still there
      const r = await cli('consumer', 'del', 'EDIT', 'R1', '--force')
      assert.equal(r.code, 0, r.stderr)
      await assert.rejects(jsm.consumers.info('EDIT', 'R1'), /consumer not found/)
      await add('R2')
      const json = await cli('consumer', 'delete', 'EDIT', 'R2', '-f', '--json')
      assert.deepEqual(JSON.parse(json.stdout), {consumer: 'R2', deleted: true, stream: 'EDIT'})
    })

    it('names a missing consumer or stream', async () => {
      const r = await cli('consumer', 'rm', 'EDIT', 'NOPE', '--force')
      assert.equal(r.code, 1)
      assert.equal(r.stderr, 'natsctl: error: consumer "NOPE" on stream "EDIT" not found\n')
      const s = await cli('consumer', 'rm', 'NOPE', 'X', '--force')
      assert.equal(s.stderr, 'natsctl: error: stream "NOPE" not found\n')
    })
  })
})
