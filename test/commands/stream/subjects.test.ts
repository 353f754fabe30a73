// stream subjects against a real nats-server: counts, sorting, the filter argument, --names and natscli's JSON.
import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

describe('stream subjects', () => {
  let testbed: JetStreamTestbed
  const cli = (...args: string[]) => testbed.cli(args)

  before(async () => {
    testbed = await startJetStreamTestbed()
    const {js, jsm} = testbed
    await jsm.streams.add({name: 'SUBJ', subjects: ['subj.>']})
    const counts: Record<string, number> = {'subj.a': 3, 'subj.b': 1, 'subj.c.x': 5, 'subj.c.y': 2}
    for (const [subject, n] of Object.entries(counts)) for (let i = 0; i < n; i++) await js.publish(subject, 'x')
    await jsm.streams.add({name: 'LONGSUBJ', subjects: ['long.>']})
    await js.publish('long.a-rather-long-subject-name-that-needs-one-column', 'x')
  })
  after(() => testbed?.close())

  it("--json gives natscli's object of subjects and counts; the filter narrows it", async () => {
    const r = await cli('stream', 'subjects', 'SUBJ', '--json')
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(JSON.parse(r.stdout), {'subj.a': 3, 'subj.b': 1, 'subj.c.x': 5, 'subj.c.y': 2})
    const filtered = await cli('stream', 'subj', 'SUBJ', 'subj.c.*', '--json')
    assert.deepEqual(JSON.parse(filtered.stdout), {'subj.c.x': 5, 'subj.c.y': 2})
  })

  it('sorts by count (default) or name, reversed with -R; --names lists subjects only', async () => {
    const byCount = await cli('stream', 'subjects', 'SUBJ', '--names')
    assert.equal(byCount.stdout, 'subj.b\nsubj.c.y\nsubj.a\nsubj.c.x\n')
    const byName = await cli('stream', 'subjects', 'SUBJ', '--names', '--sort', 'name', '-R')
    assert.equal(byName.stdout, 'subj.c.y\nsubj.c.x\nsubj.b\nsubj.a\n')
  })

  it("draws natscli's table: short subjects in three column pairs, long ones in one", async () => {
    const r = await cli('stream', 'subjects', 'SUBJ')
    assert.equal(r.code, 0, r.stderr)
    const lines = r.stdout.split('\n')
    assert.match(lines[0], /^ +4 Subjects in stream SUBJ$/)
    assert.match(r.stdout, /│ Subject +│ Count │ Subject +│ Count │ Subject +│ Count │/)
    assert.match(r.stdout, /│ subj\.b +│ +1 │ subj\.c\.y +│ +2 │ subj\.a +│ +3 │\n/)
    assert.match(r.stdout, /│ subj\.c\.x +│ +5 │ +│ +│ +│ +│\n/)
    const long = await cli('stream', 'subjects', 'LONGSUBJ')
    assert.match(long.stdout, /│ Subject +│ Count │\n/)
  })

  it('says when nothing matches; names a missing stream', async () => {
    const none = await cli('stream', 'subjects', 'SUBJ', 'nothing.>')
    assert.equal(none.code, 0)
    assert.equal(none.stdout, 'No subjects found matching nothing.>\n')
    const missing = await cli('stream', 'subjects', 'NOPE')
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, 'natsctl: error: stream "NOPE" not found\n')
  })
})
