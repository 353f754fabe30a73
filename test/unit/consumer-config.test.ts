// The pure consumer modules: ConsumerConfig from flags, natscli's start policies and linear backoff, the
// rules applied after asking, server-version checks, subject matching for -I, and pause times.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {
  checkConsumerServerSupport,
  configFromFlags,
  deliverPolicy,
  editableFromFlags,
  finishConfig,
  linearBackoff,
} from '../../src/lib/jetstream/consumer-config.js'
import {parsePauseUntil} from '../../src/lib/jetstream/consumer-newer.js'
import {ignoredSubjects, subjectMatches} from '../../src/lib/messaging/js-subscribe.js'
import {parseConfigJson} from '../../src/lib/jetstream/config-file.js'

const S = 1_000_000_000

describe('consumer config', () => {
  it("linear backoff: natscli's periods (min, then equal steps, whole milliseconds)", () => {
    assert.deepEqual(linearBackoff(3, 1000, 10_000), [S, 4 * S, 7 * S])
    assert.deepEqual(
      linearBackoff(10, 60_000, 1_200_000),
      Array.from({length: 10}, (_, i) => (60 + i * 114) * S),
    )
    assert.deepEqual(linearBackoff(2, 4000, 2000), [2 * S, 3 * S], 'min and max swapped')
    assert.throws(() => linearBackoff(0, 1, 2), /steps must be 1 or more/)
  })

  it('start policies: all, new/next, last, subject, a sequence, a duration back from now', () => {
    assert.deepEqual(deliverPolicy('all'), {deliver_policy: 'all'})
    assert.deepEqual(deliverPolicy('next'), {deliver_policy: 'new'})
    assert.deepEqual(deliverPolicy('subject'), {deliver_policy: 'last_per_subject'})
    assert.deepEqual(deliverPolicy('42'), {deliver_policy: 'by_start_sequence', opt_start_seq: 42})
    const now = Date.parse('2026-01-02T03:00:00Z')
    assert.deepEqual(deliverPolicy('1h', now), {deliver_policy: 'by_start_time', opt_start_time: '2026-01-02T02:00:00.000Z'})
    assert.throws(() => deliverPolicy('whenever'), /invalid start policy/)
  })

  it('only the flags given become fields; durations are nanoseconds, sizes bytes', () => {
    assert.deepEqual(configFromFlags({}), {})
    assert.deepEqual(editableFromFlags({'max-pull-bytes': '1KiB', sample: 0, wait: '2m'}), {ack_wait: 120 * S, max_bytes: 1024, sample_freq: ''})
    assert.deepEqual(configFromFlags({filter: ['a.b']}), {filter_subject: 'a.b'})
    assert.deepEqual(configFromFlags({filter: ['a.b,c.d']}), {filter_subjects: ['a.b', 'c.d']})
    assert.deepEqual(configFromFlags({heartbeat: '-1'}), {idle_heartbeat: 0})
    assert.throws(() => configFromFlags({'backoff-min': '1s'}), /--backoff-min needs --backoff linear/)
    assert.throws(() => configFromFlags({pull: true, target: 'x'}), /cannot be combined/)
  })

  it('after asking: push-only settings refused on pull consumers, max-deliver above the backoff, last per subject filters >', () => {
    assert.throws(() => finishConfig({rate_limit_bps: 8}), /only possible on push consumers/)
    assert.throws(() => finishConfig({deliver_subject: 'x', max_waiting: 3}), /only possible on pull consumers/)
    assert.deepEqual(finishConfig({ack_policy: 'none' as never, max_deliver: 5}), {ack_policy: 'none', max_deliver: -1})
    assert.equal(finishConfig({backoff: [S, 2 * S], max_deliver: -1}).max_deliver, 3)
    assert.equal(finishConfig({deliver_policy: 'last_per_subject' as never}).filter_subject, '>')
    assert.equal(finishConfig({backoff: []}).backoff, undefined)
  })

  it('server versions: refused with both versions, empty values of newer fields dropped', () => {
    assert.throws(
      () => checkConsumerServerSupport({filter_subjects: ['a', 'b']}, '2.9.10'),
      /need nats-server 2\.10\.0 or newer; the connected server is 2\.9\.10/,
    )
    assert.deepEqual(checkConsumerServerSupport({filter_subjects: [], metadata: {}, name: 'x'}, '2.9.10'), {name: 'x'})
    assert.deepEqual(checkConsumerServerSupport({filter_subjects: ['a', 'b']}, '2.10.4'), {filter_subjects: ['a', 'b']})
  })

  it('--config files: a ConsumerConfig or consumer info output', () => {
    assert.deepEqual(parseConfigJson('{"durable_name":"X"}', 'f', 'consumer'), {durable_name: 'X'})
    assert.deepEqual(parseConfigJson('{"name":"X","config":{"durable_name":"X","max_deliver":3}}', 'f', 'consumer'), {
      durable_name: 'X',
      max_deliver: 3,
    })
    assert.throws(() => parseConfigJson('[1]', 'f', 'consumer'), /must hold a JSON object/)
  })
})

describe('subjects and times', () => {
  it('-I patterns match like NATS subscriptions', () => {
    assert.ok(subjectMatches('a.b', 'a.b'))
    assert.ok(subjectMatches('a.*', 'a.b'))
    assert.ok(!subjectMatches('a.*', 'a.b.c'))
    assert.ok(subjectMatches('a.>', 'a.b.c'))
    assert.ok(!subjectMatches('a.>', 'a'))
    assert.ok(!subjectMatches('a.b', 'a.b.c'))
    const ignore = ignoredSubjects(['x.*', 'y.z,w.>'])!
    assert.deepEqual(
      ['x.1', 'x.1.2', 'y.z', 'w.a.b', 'q'].map((s) => ignore(s)),
      [true, false, true, true, false],
    )
    assert.equal(ignoredSubjects([]), undefined)
  })

  it('pause times: a local timestamp or a duration from now', () => {
    assert.equal(parsePauseUntil('2026-12-24 18:00:00').getTime(), new Date(2026, 11, 24, 18, 0, 0).getTime())
    assert.equal(parsePauseUntil('1h', 1000).getTime(), 1000 + 3_600_000)
    assert.throws(() => parsePauseUntil('soon'), /invalid pause time/)
  })
})
