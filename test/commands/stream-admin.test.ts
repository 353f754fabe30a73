// stream info, edit, rm, purge and get against a real nats-server.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {headers} from '@nats-io/transport-node'
import type {JetStreamClient, JetStreamManager} from '@nats-io/jetstream'

import type {TestHome} from '../helpers/cli.js'
import {type JetStreamTestbed, startJetStreamTestbed} from '../helpers/jetstream.js'
import type {TestServer} from '../helpers/nats-server.js'

describe('stream info, edit, rm, purge, get', () => {
  let testbed: JetStreamTestbed
  let server: TestServer
  let home: TestHome
  let jsm: JetStreamManager
  let js: JetStreamClient
  const cli = (...args: string[]) => testbed.cli(args)
  const fill = async (stream: string, subjects: string[], count: number) => {
    await jsm.streams.add({name: stream, subjects: [`${stream.toLowerCase()}.>`]})
    for (let i = 1; i <= count; i++) await js.publish(`${stream.toLowerCase()}.${subjects[i % subjects.length]}`, `msg ${i}`)
  }

  before(async () => {
    testbed = await startJetStreamTestbed()
    ;({server, home, jsm, js} = testbed)
  })
  after(() => testbed?.close())

  describe('info', () => {
    it('shows configuration, limits with unlimited, and state', async () => {
      await jsm.streams.add({description: 'the orders', max_bytes: 1024 * 1024, name: 'INFO', subjects: ['info.>']})
      for (let i = 0; i < 3; i++) await js.publish('info.a', 'hello')
      const r = await cli('stream', 'info', 'INFO')
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stdout, /^Information for Stream INFO created \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n\n/)
      assert.match(r.stdout, /\n +Description: the orders\n +Subjects: info\.>\n +Replicas: 1\n +Storage: File\n\nOptions:\n/)
      assert.match(r.stdout, /\n +Maximum Messages: unlimited\n/)
      assert.match(r.stdout, /\n +Maximum Bytes: 1\.0 MiB\n/)
      assert.match(r.stdout, /\nState:\n\n +Messages: 3\n/)
      assert.match(r.stdout, /\n +First Sequence: 1 @ /)
      const state = await cli('stream', 'info', 'INFO', '--state')
      assert.match(state.stdout, /^State for Stream INFO created .*\n\nState:\n\n +Messages: 3\n/)
      assert.ok(!state.stdout.includes('Options:') && !state.stdout.includes('Limits:'))
    })

    it('--json is the server object; nfo alias; a missing stream is named', async () => {
      const r = await cli('stream', 'nfo', 'INFO', '--json')
      const info = JSON.parse(r.stdout)
      assert.equal(info.config.name, 'INFO')
      assert.equal(info.state.messages, 3)
      assert.ok(info.created)
      const missing = await cli('stream', 'info', 'NOPE')
      assert.equal(missing.code, 1)
      assert.equal(missing.stderr, 'natsctl: error: stream "NOPE" not found\n')
      const noName = await cli('stream', 'info')
      assert.equal(noName.code, 2)
      assert.match(noName.stderr, /stream name is required/)
    })

    it('shows mirror information with lag (the external API prefix: see e2e/domains)', async () => {
      const r0 = await cli('stream', 'add', 'INFOMIR', '--mirror', 'INFO', '--defaults')
      assert.equal(r0.code, 0, r0.stderr)
      let info
      for (let i = 0; i < 50; i++) {
        info = JSON.parse((await cli('stream', 'info', 'INFOMIR', '--json')).stdout)
        if (info.state.messages === 3) break
        await new Promise((r) => setTimeout(r, 200))
      }
      assert.equal(info.state.messages, 3)
      const r = await cli('stream', 'info', 'INFOMIR')
      assert.match(r.stdout, /\nMirror Information:\n\n +Stream Name: INFO\n +Lag: 0\n +Last Seen: /)
      assert.ok(!r.stdout.includes('Duplicate Window'))
    })
  })

  describe('edit', () => {
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
      assert.deepEqual(result.changes.map((c: {field: string}) => c.field), ['description', 'max_msgs'])
      assert.equal((await jsm.streams.info('EDIT')).config.max_msgs, 20)
      const bad = await cli('stream', 'edit', 'EDIT', '--retention', 'workq', '--force')
      assert.equal(bad.code, 1)
      assert.match(bad.stderr, /^natsctl: error: .*retention.* \(\d+\)\n$/)
    })
  })

  describe('purge', () => {
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
  })

  describe('rm', () => {
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
  })

  describe('get', () => {
    it('gets by sequence and last-for subject, with headers; --json; --raw bytes', async () => {
      await jsm.streams.add({name: 'GET', subjects: ['get.>']})
      const h = headers()
      h.set('X-Trace', 'abc')
      await js.publish('get.one', 'first body', {headers: h})
      await js.publish('get.two', new Uint8Array([0, 255, 10, 1]))
      await js.publish('get.one', 'latest one')

      const r = await cli('stream', 'get', 'GET', '1')
      assert.equal(r.code, 0, r.stderr)
      assert.match(r.stdout, /^Item: GET#1 received \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(.+ ago\) on Subject get\.one\n\nHeaders:\n  X-Trace: abc\n\nfirst body\n$/)

      const last = await cli('stream', 'get', 'GET', '--last-for', 'get.one')
      assert.match(last.stdout, /^Item: GET#3 .* on Subject get\.one\n\nlatest one\n$/)
      const short = await cli('stream', 'get', 'GET', '-S', 'get.one', '--json')
      const msg = JSON.parse(short.stdout)
      assert.equal(msg.seq, 3)
      assert.equal(Buffer.from(msg.data, 'base64').toString(), 'latest one')

      const json = JSON.parse((await cli('stream', 'get', 'GET', '1', '--json')).stdout)
      assert.deepEqual(json.headers, {'X-Trace': ['abc']})
    })

    it('--raw writes exactly the stored bytes', async () => {
      const {spawnSync} = await import('node:child_process')
      const {BIN} = await import('../helpers/cli.js')
      const out = spawnSync(process.execPath, [BIN, 'stream', 'get', 'GET', '2', '--raw', '--server', server.url], {env: home.env})
      assert.equal(out.status, 0, out.stderr.toString())
      assert.deepEqual([...out.stdout], [0, 255, 10, 1])
    })

    it('names what is missing', async () => {
      const none = await cli('stream', 'get', 'GET', '99')
      assert.equal(none.code, 1)
      assert.equal(none.stderr, 'natsctl: error: message 99 not found in stream "GET"\n')
      const noSubject = await cli('stream', 'get', 'GET', '-S', 'get.none')
      assert.equal(noSubject.stderr, 'natsctl: error: last message on subject "get.none" not found in stream "GET"\n')
      const noStream = await cli('stream', 'get', 'NOPE', '1')
      assert.equal(noStream.stderr, 'natsctl: error: stream "NOPE" not found\n')
      const noSeq = await cli('stream', 'get', 'GET')
      assert.equal(noSeq.code, 1)
      assert.match(noSeq.stderr, /without a terminal: pass a sequence after the stream name, or --last-for SUBJECT/)
    })
  })
})
