// natscli's benchmark examples (cli/cheats/bench.md and the README's), run as natscli-cheats.test.ts runs the
// others: as written, against a real JetStream server, except message counts and durations scaled down where
// natscli's take minutes (said in each note). Its own file: the runs take most of a minute.
import assert from 'node:assert/strict'

import {cheatBed, type Example} from './natscli-cheats-support.js'

const bed = cheatBed()
const {run} = bed

// cli/cheats/bench.md and the README's benchmarks (message counts scaled down where natscli's take minutes)
const BENCH: Example[] = [
  {args: ['bench', 'pub', 'foo', '--clients', '10', '--msgs', '10000', '--size', '512']},
  {
    args: ['bench', 'sub', 'foo', '--clients', '5', '--msgs', '10000'],
    serves: {ready: /ready: waiting for messages/, feed: () => run(['bench', 'pub', 'foo', '--msgs', '10000', '--no-progress']), exits: true},
  },
  {
    args: ['bench', 'service', 'serve', '--clients', '4', 'testservice'],
    serves: {
      ready: /ready: waiting for messages/,
      feed: () =>
        // the next line of the cheat, with --msgs 20000 → 5000
        run(['bench', 'service', 'request', '--clients', '4', 'testservice', '--msgs', '5000']).then((r) => assert.equal(r.code, 0, r.stderr)),
    },
  },
  {args: ['bench', 'js', 'pub', 'foo', '--create', '--batch', '1000']},
  {
    args: ['bench', 'js', 'pub', 'foo', '--purge', '--batch=1', '--clients=10', '--msgs', '2000'],
    note: '--msgs 2000 added (100,000 sync publishes take minutes)',
  },
  {args: ['bench', 'js', 'ordered', '--no-progress']},
  {args: ['bench', 'js', 'consume', '--clients', '4']},
  {args: ['bench', 'js', 'fetch', '--clients', '4', '--acks=none', '--batch=1000']},
  {args: ['bench', 'pub', 'foo', '--msgs', '100000', '--clients', '4', '--throughput', '50000'], note: '--msgs 1000000 → 100000'},
  {args: ['bench', 'pub', 'foo', '--clients', '4', '--throughput', '50000', '--duration', '2s'], note: '--duration 30s → 2s'},
  {args: ['bench', 'kv', 'put', '--clients', '10', '--msgs', '2000'], note: '--msgs 2000 added: keys 0 to 1999'},
  {
    args: ['bench', 'kv', 'get', '--randomize=2000', '--clients', '10', '--msgs', '2000'],
    note: '--randomize=100000 → 2000 (the keys put above), --msgs 2000 added',
  },
  {args: ['bench', 'pub', 'test', '--msgs', '100000', '--clients', '2', '--no-progress'], note: '--msgs 10000000 → 100000'},
  // bench.md: "remember to free up the resources ... using 'nats stream rm'", before the README's stream on js.bench
  {args: ['stream', 'rm', 'benchstream', '-f']},
  {args: ['bench', 'js', 'pub', 'js.bench', '--clients', '2', '--msgs', '100000', '--no-progress', '--create']},
  {args: ['bench', 'js', 'ordered', '--msgs', '100000', '--no-progress']},
]

bed.tables("natscli's bench examples run unchanged", [['bench.md and the README', BENCH]])
