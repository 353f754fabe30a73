import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {parseConfigJson} from '../../src/lib/jetstream/config-file.js'
import {checkMirror, checkServerSupport, configFromFlags, splitSubjects, withDefaults} from '../../src/lib/jetstream/config.js'
import {diffConfigs, renderDiff, renderStreamInfo} from '../../src/lib/jetstream/render.js'
import {mirrorFromFlags, parseSourceSpec, parseStartTime, sourcesFromFlags} from '../../src/lib/jetstream/sources.js'

describe('stream config from flags', () => {
  it('splits subjects on commas and spaces across repeated flags', () => {
    assert.deepEqual(splitSubjects(['a.>,b.*', 'c d', ' ']), ['a.>', 'b.*', 'c', 'd'])
  })

  it('converts sizes, durations and aliases', () => {
    const cfg = configFromFlags({
      ack: false,
      'allow-direct': false,
      'dupe-window': '30s',
      'max-age': '1y',
      'max-bytes': '512MiB',
      'max-msg-size': '1KB',
      retention: 'work',
      storage: 'm',
    })
    assert.equal(cfg.max_bytes, 512 * 1024 * 1024)
    assert.equal(cfg.max_msg_size, 1000)
    assert.equal(cfg.max_age, 365 * 86_400 * 1e9)
    assert.equal(cfg.duplicate_window, 30e9)
    assert.equal(cfg.retention, 'workqueue')
    assert.equal(cfg.storage, 'memory')
    assert.equal(cfg.no_ack, true)
    assert.equal(cfg.allow_direct, false)
    assert.equal(cfg.max_msgs, undefined, 'values not given stay absent')
  })

  it('rejects invalid sizes and durations with the flag name', () => {
    assert.throws(() => configFromFlags({'max-bytes': 'lots'}), /invalid --max-bytes "lots"/)
    assert.throws(() => configFromFlags({'max-age': '5x'}), /invalid --max-age "5x"/)
  })

  it('defaults like natscli, with the duplicate window no longer than max-age', () => {
    const cfg = withDefaults({max_age: 30e9, name: 'X'})
    assert.equal(cfg.duplicate_window, 30e9)
    assert.equal(cfg.storage, 'file')
    assert.equal(cfg.max_msgs, -1)
    assert.equal(withDefaults({name: 'X'}).duplicate_window, 120e9)
  })

  it('reads a StreamConfig or `stream info --json` output', () => {
    assert.deepEqual(parseConfigJson('{"name":"A","subjects":["a"]}', 'f', 'stream'), {name: 'A', subjects: ['a']})
    assert.deepEqual(parseConfigJson('{"config":{"name":"B"},"state":{}}', 'f', 'stream'), {name: 'B'})
    assert.throws(() => parseConfigJson('{', 'f.json', 'stream'), /invalid JSON in f.json/)
  })
})

describe('mirrors and sources', () => {
  it('puts a mirror in another domain', () => {
    assert.deepEqual(mirrorFromFlags({mirror: 'EVENTS', 'mirror-domain': 'embedded', 'mirror-filter': 'events.1', 'mirror-start-seq': 5}), {
      external: {api: '$JS.embedded.API', deliver: ''},
      filter_subject: 'events.1',
      name: 'EVENTS',
      opt_start_seq: 5,
    })
    assert.deepEqual(mirrorFromFlags({mirror: 'E', 'mirror-api-prefix': '$JS.acct.API', 'mirror-deliver-prefix': 'dlv'})?.external, {
      api: '$JS.acct.API',
      deliver: 'dlv',
    })
  })

  it('accepts the JSON forms, including the client-side "domain" shorthand', () => {
    assert.deepEqual(parseSourceSpec('{"name":"S1","opt_start_seq":10,"external":{"api":"$JS.hub.API"}}', '--source'), {
      external: {api: '$JS.hub.API'},
      name: 'S1',
      opt_start_seq: 10,
    })
    assert.deepEqual(parseSourceSpec('{"name":"S1","domain":"hub"}', '--source'), {external: {api: '$JS.hub.API', deliver: ''}, name: 'S1'})
    assert.throws(() => parseSourceSpec('{"opt_start_seq":1}', '--mirror'), /--mirror JSON needs a "name"/)
  })

  it('applies --source-domain to every source without its own external', () => {
    const sources = sourcesFromFlags({source: ['A', 'B', '{"name":"C","external":{"api":"X"}}'], 'source-domain': 'edge'})
    assert.deepEqual(
      sources?.map((s) => s.external?.api),
      ['$JS.edge.API', '$JS.edge.API', 'X'],
    )
  })

  it('refuses flags that make no sense together', () => {
    assert.throws(() => mirrorFromFlags({'mirror-domain': 'x'}), /--mirror-domain needs --mirror/)
    assert.throws(() => mirrorFromFlags({mirror: 'A', 'mirror-api-prefix': 'p', 'mirror-domain': 'x'}), /cannot be combined/)
    assert.throws(() => sourcesFromFlags({'source-domain': 'x'}), /--source-domain needs --source/)
    assert.throws(() => checkMirror({mirror: {name: 'A'}, name: 'B', subjects: ['a']}), /mirrors cannot listen for messages on subjects/)
  })

  it('parses start times in RFC 3339 and natscli layout', () => {
    assert.equal(parseStartTime('2024-01-31T12:00:00Z', 'f'), '2024-01-31T12:00:00.000Z')
    assert.equal(new Date(parseStartTime('2024:01:31 12:00:00', 'f')).getFullYear(), 2024)
    assert.throws(() => parseStartTime('yesterday', '--mirror-start-time'), /invalid time "yesterday" for --mirror-start-time/)
  })
})

describe('server support and diffs', () => {
  it('names the server version for fields it does not know, and drops empty ones', () => {
    assert.throws(
      () => checkServerSupport({metadata: {a: 'b'}, name: 'X'}, '2.9.10'),
      /"metadata" needs nats-server 2.10.0 or newer; the connected server is 2.9.10/,
    )
    assert.throws(() => checkServerSupport({compression: 's2' as never, name: 'X'}, '2.9.10'), /"compression"/)
    assert.deepEqual(checkServerSupport({compression: 'none' as never, metadata: {}, name: 'X'}, '2.9.10'), {name: 'X'})
    assert.deepEqual(checkServerSupport({metadata: {a: 'b'}, name: 'X'}, '2.10.1'), {metadata: {a: 'b'}, name: 'X'})
  })

  it('shows changed fields old -> new, durations humanized', () => {
    const changes = diffConfigs({max_age: 0, max_msgs: -1, sealed: false, subjects: ['a']}, {max_age: 86_400e9, max_msgs: 10, subjects: ['a']})
    assert.equal(renderDiff(changes), 'Differences (-old +new):\n  max_age: 0s -> 1d\n  max_msgs: -1 -> 10')
  })
})

describe('stream info view', () => {
  it('renders cluster replicas, sources and limits in aligned columns', () => {
    const info = {
      cluster: {leader: 'n1', name: 'c1', replicas: [{active: 1.5e9, current: true, lag: 0, name: 'n2', offline: false}]},
      config: {
        allow_direct: true,
        allow_rollup_hdrs: false,
        deny_delete: false,
        deny_purge: false,
        discard: 'old',
        duplicate_window: 120e9,
        max_age: 0,
        max_bytes: -1,
        max_consumers: -1,
        max_msg_size: -1,
        max_msgs: 10_000,
        max_msgs_per_subject: -1,
        name: 'AGG',
        num_replicas: 3,
        retention: 'workqueue',
        sources: [{external: {api: '$JS.edge.API', deliver: ''}, name: 'EVENTS'}],
        storage: 'file',
        subjects: [],
      },
      created: '2024-01-31T12:00:00Z',
      sources: [{active: 2e9, lag: 5, name: 'EVENTS'}],
      state: {
        bytes: 2048,
        consumer_count: 0,
        first_seq: 1,
        first_ts: '2024-01-31T12:00:00Z',
        last_seq: 12_345,
        last_ts: '2024-01-31T12:00:01Z',
        messages: 12_345,
        num_deleted: 0,
      },
    }
    const text = renderStreamInfo(info as never)
    assert.match(text, /^Information for Stream AGG created \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n/)
    assert.match(text, /\n +Retention: WorkQueue\n/)
    assert.match(text, /\n +Maximum Messages: 10,000\n +Maximum Per Subject: unlimited\n/)
    assert.match(text, /\nCluster Information:\n\n +Name: c1\n +Leader: n1\n +Replica: n2, current, seen 1.5s ago\n/)
    assert.match(text, /\nSource Information:\n\n +Stream Name: EVENTS\n +Ext\. API Prefix: \$JS\.edge\.API\n +Lag: 5\n +Last Seen: 2s\n/)
    assert.match(text, /\n +Messages: 12,345\n +Bytes: 2\.0 KiB\n/)
    const widths = new Set(
      text
        .split('\n')
        .filter((l) => /^ +\S[^:]*: /.test(l))
        .map((l) => l.indexOf(': ')),
    )
    assert.equal(widths.size, 1, 'labels are right-aligned to one column')
  })
})
