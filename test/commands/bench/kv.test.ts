// bench kv put|get against a real JetStream server: the bucket, its keys and values read back with the client.

import assert from 'node:assert/strict'
import {after, before, describe, it} from 'node:test'

import {Kvm} from '@nats-io/kv'

import {type JetStreamTestbed, startJetStreamTestbed} from '../../helpers/jetstream.js'

let testbed: JetStreamTestbed

const bench = (args: string[]) => testbed.cli(['bench', 'kv', ...args, '--no-progress'], {timeoutMs: 60_000})
const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>

async function keys(bucket: string): Promise<string[]> {
  const kv = await new Kvm(testbed.js).open(bucket)
  const out: string[] = []
  for await (const k of await kv.keys()) out.push(k)
  return out.sort((a, b) => Number(a) - Number(b))
}

before(async () => {
  testbed = await startJetStreamTestbed()
})

after(() => testbed?.close())

describe('bench kv put', () => {
  it("creates the bucket with natscli's settings and puts --msgs keys 0..n-1 split across clients, values of --size", async () => {
    const r = await bench(['put', '--bucket', 'KVA', '--msgs', '200', '--clients', '2', '--size', '32', '--history', '3', '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, /Created bucket "KVA"/)
    const report = json(r.stdout)
    assert.equal(report.benchmark, 'JetStream KV putter')
    assert.deepEqual(
      report.publishers.clients.map((c: any) => c.msgs),
      [100, 100],
    )
    assert.ok(report.publishers.latency_us.p50 > 0)
    assert.deepEqual(
      await keys('KVA'),
      Array.from({length: 200}, (_, i) => String(i)),
    )
    const kv = await new Kvm(testbed.js).open('KVA')
    assert.equal((await kv.get('199'))!.value.length, 32)
    const info = await testbed.jsm.streams.info('KV_KVA')
    assert.equal(info.config.max_msgs_per_subject, 3)
    assert.equal(info.config.max_bytes, 1_000_000_000)
    assert.equal(info.config.storage, 'file')
  })

  it('the default bucket is benchbucket; --purge empties it first; --randomize keeps keys below the number', async () => {
    const first = await bench(['put', '--msgs', '50'])
    assert.equal(first.code, 0, first.stderr)
    assert.equal((await keys('benchbucket')).length, 50)
    const r = await bench(['put', '--purge', '--msgs', '100', '--randomize', '10'])
    assert.equal(r.code, 0, r.stderr)
    const left = await keys('benchbucket')
    assert.ok(left.length <= 10 && left.length > 0, String(left))
    assert.ok(
      left.every((k) => Number(k) < 10),
      String(left),
    )
    assert.equal((await testbed.jsm.streams.info('KV_benchbucket')).state.messages, left.length)
  })

  it('--storage memory and --maxbytes shape a bucket created for the run', async () => {
    const r = await bench(['put', '--bucket', 'KVM', '--msgs', '10', '--storage', 'memory', '--maxbytes', '1MiB'])
    assert.equal(r.code, 0, r.stderr)
    const info = await testbed.jsm.streams.info('KV_KVM')
    assert.equal(info.config.storage, 'memory')
    assert.equal(info.config.max_bytes, 1024 * 1024)
  })
})

describe('bench kv get', () => {
  it("gets --msgs keys split across clients, counting the values' bytes", async () => {
    const r = await bench(['get', '--bucket', 'KVA', '--msgs', '200', '--clients', '2', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const report = json(r.stdout)
    assert.equal(report.benchmark, 'JetStream KV getter')
    assert.equal(report.msgs, 200)
    assert.deepEqual(
      report.subscribers.clients.map((c: any) => c.msgs),
      [100, 100],
    )
    assert.equal(report.subscribers.bytes, 200 * 32)
  })

  it('a key that was never put fails the client, exit 1; a missing bucket is an error naming it', async () => {
    const r = await bench(['get', '--bucket', 'KVA', '--msgs', '201'])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /client S0: key "200" not found in bucket "KVA"/)
    const missing = await bench(['get', '--bucket', 'NOPE'])
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /natsctl: error: bucket "NOPE" not found: run bench kv put first/)
  })
})
