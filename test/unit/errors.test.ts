// errors.ts: the cause walker, the JetStream API code table and the wording, with the errors the NATS client
// really throws (collected from a real nats-server with JetStream), not hand-made look-alikes.
import assert from 'node:assert/strict'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {Parser} from '@oclif/core'
import {jetstream, JetStreamApiCodes, type JetStreamClient, jetstreamManager, type JetStreamManager} from '@nats-io/jetstream'
import {Kvm} from '@nats-io/kv'
import {Objm} from '@nats-io/obj'
import {connect, type NatsConnection} from '@nats-io/transport-node'

import {
  alreadyExists,
  apiErrorText,
  causeNamed,
  causes,
  describeResource,
  fileProblem,
  isJsApiError,
  JsApi,
  jsApiFailure,
  NatsctlError,
  notFound,
  onResource,
  printable,
  resourceError,
  toNatsctlError,
  UsageError,
} from '../../src/lib/errors.js'
import {connectionFlags} from '../../src/lib/flags.js'
import {startServer, stopAllServers, type TestServer} from '../helpers/nats-server.js'

/** What `work` rejects with (fails the test when it resolves). */
async function thrown(work: () => Promise<unknown>): Promise<Error> {
  try {
    await work()
  } catch (error) {
    assert.ok(error instanceof Error, `not an Error: ${String(error)}`)
    return error
  }
  assert.fail('expected a rejection')
}

const reset = () => Object.assign(new Error('read ECONNRESET'), {code: 'ECONNRESET'})
const servers = ['tls://127.0.0.1:4443']

describe('TLS errors', () => {
  // The e2e TLS test sees this only when the reset wins the race with the server's alert (TLS 1.3).
  it('a reset after the handshake, with TLS and no client certificate, is the server refusing the missing certificate', () => {
    const error = toNatsctlError(reset(), {servers, tls: {clientCert: false, first: false}})
    assert.match(
      error.message,
      /^TLS handshake failed to tls:\/\/127\.0\.0\.1:4443: the server refused the client certificate \(none was given.*check --tlscert and --tlskey$/,
    )
  })

  it('a reset is left as it is when a client certificate was given or TLS was not used', () => {
    assert.equal(toNatsctlError(reset(), {servers, tls: {clientCert: true, first: false}}).message, 'read ECONNRESET')
    assert.equal(toNatsctlError(reset(), {servers}).message, 'read ECONNRESET')
  })
})

describe('the cause walker', () => {
  it('walks cause to cause, at most 8 deep by default, and stops at a non-error or a cycle', () => {
    const root = new Error('root')
    const middle = new Error('middle', {cause: root})
    const top = new Error('top', {cause: middle})
    assert.deepEqual(causes(top), [top, middle, root])
    assert.deepEqual(causes(top, 2), [top, middle])
    assert.deepEqual(causes(new Error('x', {cause: 'a string'})).length, 1)
    assert.deepEqual(causes('not an error'), [])
    assert.deepEqual(causes(undefined), [])

    let deep = new Error('0')
    for (let i = 1; i < 20; i++) deep = new Error(String(i), {cause: deep})
    assert.equal(causes(deep).length, 8)

    const a = new Error('a')
    const b = new Error('b', {cause: a})
    ;(a as {cause?: unknown}).cause = b
    assert.deepEqual(causes(b), [b, a])
  })

  it('finds an error by its name or its class name, anywhere in the chain', () => {
    class NoRespondersError extends Error {
      constructor() {
        super('no responders')
        this.name = 'NoResponders' // the client's own: the name differs from the class name
      }
    }
    const inner = new NoRespondersError()
    const outer = new Error('request failed', {cause: new Error('wrapped', {cause: inner})})
    assert.equal(causeNamed(outer, 'NoRespondersError'), inner)
    assert.equal(causeNamed(outer, 'NoResponders'), inner)
    assert.equal(causeNamed(outer, 'TimeoutError'), undefined)
  })
})

describe('resources, worded alike', () => {
  it('names the most specific thing it is given', () => {
    assert.equal(describeResource({stream: 'ORDERS'}), 'stream "ORDERS"')
    assert.equal(describeResource({consumer: 'C', stream: 'ORDERS'}), 'consumer "C" on stream "ORDERS"')
    assert.equal(describeResource({bucket: 'B'}), 'bucket "B"')
    assert.equal(describeResource({bucket: 'B', key: 'k'}), 'key "k" in bucket "B"')
    assert.equal(describeResource({bucket: 'B', object: 'o.bin'}), 'object "o.bin" in bucket "B"')
    assert.equal(describeResource({seq: 5, stream: 'S'}), 'message 5 in stream "S"')
    assert.equal(describeResource({lastFor: 'a.b', stream: 'S'}), 'last message on subject "a.b" in stream "S"')
  })

  it('not found and already exists', () => {
    assert.equal(notFound({stream: 'X'}).message, 'stream "X" not found')
    assert.equal(notFound({consumer: 'Y', stream: 'X'}).message, 'consumer "Y" on stream "X" not found')
    assert.equal(notFound({bucket: 'Z'}).message, 'bucket "Z" not found')
    assert.equal(notFound({bucket: 'Z', object: 'O'}).message, 'object "O" not found in bucket "Z"')
    assert.equal(notFound({bucket: 'Z', key: 'K'}).message, 'key "K" not found in bucket "Z"')
    assert.equal(notFound({seq: 9, stream: 'X'}).message, 'message 9 not found in stream "X"')
    assert.equal(notFound({stream: 'X'}, {hint: 'add --create to create it'}).message, 'stream "X" not found: add --create to create it')
    assert.equal(notFound({stream: 'X'}).exitCode, 1)
    assert.equal(
      alreadyExists({stream: 'X'}, {detail: 'with a different configuration'}).message,
      'stream "X" already exists with a different configuration',
    )
  })

  it('quotes names as JSON does: a quote or a newline in a name cannot end the name or the line', () => {
    assert.equal(notFound({stream: 'a"b\nc'}).message, 'stream "a\\"b\\nc" not found')
  })
})

describe('file problems', () => {
  it('says why a file could not be read, from the real errors Node throws', () => {
    const dir = mkdtempSync(join(tmpdir(), 'natsctl-errors-'))
    try {
      writeFileSync(join(dir, 'file'), 'x')
      const problem = (path: string) => {
        try {
          readFileSync(path)
        } catch (error) {
          return fileProblem(error)
        }
        assert.fail(`read ${path}`)
      }
      assert.equal(problem(join(dir, 'missing')), 'no such file')
      assert.equal(problem(join(dir, 'file', 'below')), 'a file is in the way (not a directory)')
      assert.equal(problem(dir), 'it is a directory')
      assert.equal(problem(join(dir, 'n'.repeat(300))), 'the name is too long')
      assert.equal(fileProblem(new Error('something else')), 'something else')
    } finally {
      rmSync(dir, {force: true, recursive: true})
    }
  })
})

describe('printing one line', () => {
  it('escapes CR, LF, ESC and the other controls; plain text and tabs stay', () => {
    assert.equal(printable('plain text\twith a tab, ünïcode'), 'plain text\twith a tab, ünïcode')
    assert.equal(printable('a\r\nnatsctl: error: forged'), 'a\\r\\nnatsctl: error: forged')
    assert.equal(printable('\u001b[2J\u001b]0;title\u0007'), '\\u001b[2J\\u001b]0;title\\u0007')
    assert.equal(printable('\u009b31m \u2028 \u202e'), '\\u009b31m \\u2028 \\u202e')
    assert.ok(!/[\r\n\u001b]/.test(printable('x\ny\rz\u001b')))
  })

  it('shortens a huge line in the middle, saying how much was left out', () => {
    const line = printable(`start${'x'.repeat(10_000_000)}end`)
    assert.ok(line.length <= 2000, String(line.length))
    assert.match(line, /^startx+\.\.\. \(\d+ characters left out\) \.\.\.x+end$/)
  })
})

describe('oclif parse errors', () => {
  const parseError = async (argv: string[], id?: string) => {
    try {
      await Parser.parse(argv, {context: id ? ({id} as never) : undefined, flags: {}})
    } catch (error) {
      return toNatsctlError(error)
    }
    assert.fail('expected a parse error')
  }

  it('a connection flag on a command that does not connect says so (exit 2), and never echoes a value', async () => {
    assert.ok(connectionFlags.server) // flags.ts registered its spellings with errors.ts
    const one = await parseError(['--server', 'nats://x:1'], 'broker:ls')
    assert.equal(one.message, 'broker ls does not connect to NATS: --server is not one of its flags')
    assert.equal(one.exitCode, 2)
    const secret = await parseError(['--password=hunter2', '-s', 'x'], 'context:ls')
    assert.equal(secret.message, 'context ls does not connect to NATS: --password, -s are not among its flags')
    const mixed = await parseError(['--tlsfirst', '--frobnicate'], 'broker:ls')
    assert.equal(mixed.message, 'broker ls does not connect to NATS: --tlsfirst is not one of its flags; nonexistent flag: --frobnicate')
  })

  it('missing arguments are named in capitals with their descriptions, on one line (exit 2)', async () => {
    const parse = async (args: Parameters<typeof Parser.parse>[1]['args']) => {
      try {
        await Parser.parse([], {args, flags: {}})
      } catch (error) {
        return toNatsctlError(error)
      }
      assert.fail('expected a parse error')
    }
    const {Args} = await import('@oclif/core')
    const two = await parse({
      bucket: Args.string({description: 'bucket name', required: true}),
      key: Args.string({description: 'the key', required: true}),
    })
    assert.equal(two.message, 'missing arguments BUCKET (bucket name), KEY (the key)')
    assert.equal(two.exitCode, 2)
    const one = await parse({name: Args.string({required: true})})
    assert.equal(one.message, 'missing argument NAME')
  })

  it('other unknown flags keep oclif words, on one line', async () => {
    const other = await parseError(['--frobnicate=1'], 'stream:info')
    assert.equal(other.message, 'Nonexistent flag: --frobnicate')
    assert.equal(other.exitCode, 2)
  })
})

describe('with a real JetStream server', () => {
  let server: TestServer
  let nc: NatsConnection
  let jsm: JetStreamManager
  let js: JetStreamClient

  before(async () => {
    server = await startServer({jetstream: true})
    nc = await connect({servers: server.url})
    jsm = await jetstreamManager(nc)
    js = jetstream(nc)
    await jsm.streams.add({name: 'ERR', subjects: ['err.>']})
    await js.publish('err.a', 'one')
  })
  after(async () => {
    await nc?.drain()
    await stopAllServers()
  })

  it('the code table agrees with the client where they overlap', () => {
    assert.equal(JsApi.StreamNotFound, JetStreamApiCodes.StreamNotFound)
    assert.equal(JsApi.ConsumerNotFound, JetStreamApiCodes.ConsumerNotFound)
    assert.equal(JsApi.NoMessageFound, JetStreamApiCodes.NoMessageFound)
    assert.equal(JsApi.WrongLastSequence, JetStreamApiCodes.StreamWrongLastSequence)
    assert.equal(JsApi.WrongLastSequenceConstant, JetStreamApiCodes.StreamWrongLastSequenceUnknown)
    assert.equal(JsApi.NotEnabledForAccount, JetStreamApiCodes.JetStreamNotEnabledForAccount)
    assert.equal(new Set(Object.values(JsApi)).size, Object.values(JsApi).length, 'a code is listed twice')
  })

  it('finds the code of each API error the server sends, also when wrapped', async () => {
    await jsm.streams.add({deny_delete: true, deny_purge: true, name: 'DENY', subjects: ['deny.>']})
    await js.publish('deny.a', 'x')
    await jsm.streams.add({name: 'SEALED', subjects: ['sealed.>']})
    await jsm.streams.update('SEALED', {sealed: true} as never)
    const cases: Array<[number, () => Promise<unknown>, RegExp]> = [
      [JsApi.StreamNotFound, () => jsm.streams.info('NOPE'), /^stream not found$/],
      [JsApi.ConsumerNotFound, () => jsm.consumers.info('ERR', 'NOPE'), /^consumer not found$/],
      [JsApi.StreamNameInUse, () => jsm.streams.add({name: 'ERR', subjects: ['other.>']}), /already in use/],
      [JsApi.WrongLastSequence, () => js.publish('err.a', 'two', {expect: {lastSequence: 99}}), /^wrong last sequence: 1$/],
      [JsApi.ReplicasNotSupported, () => jsm.streams.add({name: 'R3', num_replicas: 3, subjects: ['r3.>']}), /replicas > 1/],
      [
        JsApi.MirrorWithSubjects,
        () => jsm.streams.add({mirror: {name: 'ERR'}, name: 'MIR', subjects: ['mir.>']}),
        /mirrors can not contain subjects/,
      ],
      [JsApi.SubjectOverlap, () => jsm.streams.add({name: 'OVER', subjects: ['err.a']}), /overlap/],
      [JsApi.PurgeFailed, () => jsm.streams.purge('DENY'), /purge not permitted/],
      [JsApi.MessageDeleteFailed, () => jsm.streams.deleteMessage('DENY', 1), /delete not permitted/],
      [JsApi.StreamSealed, () => jsm.streams.purge('SEALED'), /sealed stream/],
    ]
    for (const [code, work, description] of cases) {
      const error = await thrown(work)
      const failure = jsApiFailure(error)
      assert.equal(failure?.code, code, `${error.name}: ${error.message}`)
      assert.match(failure!.description, description)
      assert.ok(isJsApiError(error, code))
      assert.ok(isJsApiError(new NatsctlError('wrapped', {cause: error}), code), 'found under a wrapper')
      assert.ok(!isJsApiError(error, code + 100_000))
      // Without a resource: the server's words and the code.
      assert.equal(toNatsctlError(error).message, `${failure!.description} (${code})`)
    }
  })

  it('words a missing stream, consumer or message for the resource given', async () => {
    const noStream = await thrown(() => jsm.streams.info('NOPE'))
    assert.equal(resourceError(noStream, {stream: 'NOPE'})?.message, 'stream "NOPE" not found')
    const consumerOnNoStream = await thrown(() => jsm.consumers.info('NOPE', 'C'))
    assert.equal(resourceError(consumerOnNoStream, {consumer: 'C', stream: 'NOPE'})?.message, 'stream "NOPE" not found')
    const noConsumer = await thrown(() => jsm.consumers.info('ERR', 'C'))
    assert.equal(resourceError(noConsumer, {consumer: 'C', stream: 'ERR'})?.message, 'consumer "C" on stream "ERR" not found')
    // A resource that does not name the missing kind leaves the error alone.
    assert.equal(resourceError(noConsumer, {stream: 'ERR'}), undefined)
    const taken = await thrown(() => jsm.streams.add({name: 'ERR', subjects: ['other.>']}))
    assert.equal(resourceError(taken, {stream: 'ERR'})?.message, 'stream "ERR" already exists with a different configuration (10058)')
    // Errors about something else pass untouched.
    const wrongSeq = await thrown(() => js.publish('err.a', 'x', {expect: {lastSequence: 99}}))
    assert.equal(resourceError(wrongSeq, {stream: 'ERR'}), undefined)
  })

  it('onResource rethrows the worded error, or the original one untouched', async () => {
    const error = await thrown(() => onResource({stream: 'NOPE'}, () => jsm.streams.info('NOPE')))
    assert.ok(error instanceof NatsctlError)
    assert.equal(error.message, 'stream "NOPE" not found')
    assert.equal(jsApiFailure(error)?.code, JsApi.StreamNotFound, 'the server error stays the cause')
    const other = await thrown(() => onResource({stream: 'ERR'}, () => jsm.streams.add({name: 'R3', num_replicas: 3, subjects: ['r3.>']})))
    assert.ok(!(other instanceof NatsctlError))
    assert.equal(jsApiFailure(other)?.code, JsApi.ReplicasNotSupported)
    assert.equal((await onResource({stream: 'ERR'}, () => jsm.streams.info('ERR'))).config.name, 'ERR')
  })

  it('an error context with a resource words errors the same way', async () => {
    const error = await thrown(() => jsm.consumers.info('ERR', 'GONE'))
    assert.equal(toNatsctlError(error, {resource: {consumer: 'GONE', stream: 'ERR'}}).message, 'consumer "GONE" on stream "ERR" not found')
  })

  it('key-value and object buckets: the bucket, the key, the object', async () => {
    const kv = await new Kvm(nc).open('NOKV')
    const status = await thrown(() => kv.status())
    assert.equal(resourceError(status, {bucket: 'NOKV'})?.message, 'bucket "NOKV" not found')
    const put = await thrown(() => kv.put('k', 'v'))
    assert.equal(resourceError(put, {bucket: 'NOKV', key: 'k'})?.message, 'bucket "NOKV" not found (or JetStream is not enabled on the server)')

    const openObj = await thrown(() => new Objm(nc).open('NOOBJ'))
    assert.equal(openObj.message, 'object store not found') // the obj client's own words, no API code
    assert.equal(resourceError(openObj, {bucket: 'NOOBJ'})?.message, 'bucket "NOOBJ" not found')
    const os = await new Objm(nc).create('OBJ')
    const update = await thrown(() => os.update('nope.bin', {name: 'other.bin'}))
    assert.equal(resourceError(update, {bucket: 'OBJ', object: 'nope.bin'})?.message, 'object "nope.bin" not found in bucket "OBJ"')
  })

  it('no stream captures, no responders, JetStream off in a domain', async () => {
    const publish = await thrown(() => js.publish('nowhere.x', 'y'))
    assert.equal(
      toNatsctlError(publish, {subject: 'nowhere.x'}).message,
      'no stream captures subject "nowhere.x" (or JetStream is not enabled on the server)',
    )
    assert.equal(toNatsctlError(publish).message, 'JetStream is not enabled on the server (or not for this account)')
    assert.equal(toNatsctlError(publish, {jsDomain: 'leaf'}).message, 'no JetStream in domain "leaf": is the leafnode connected?')
    const request = await thrown(() => nc.request('nobody.home', 'x', {timeout: 1000}))
    assert.equal(toNatsctlError(request, {subject: 'nobody.home'}).message, 'no responders available for request on "nobody.home"')
    const sub = nc.subscribe('silent.svc')
    const timeout = await thrown(() => nc.request('silent.svc', 'x', {timeout: 200}))
    sub.unsubscribe()
    assert.equal(toNatsctlError(timeout, {subject: 'silent.svc', timeoutMs: 200}).message, 'timeout waiting for a reply on "silent.svc" after 200ms')
  })

  it('an API error the server sends in a reply body is worded like a thrown one', () => {
    assert.equal(apiErrorText({code: 400, description: 'wrong last sequence: 1', err_code: 10_071}), 'wrong last sequence: 1 (10071)')
    assert.equal(apiErrorText({description: 'bad'}), 'bad')
  })

  it('UsageError is exit 2, NatsctlError exit 1, and both pass through unchanged', () => {
    const usage = new UsageError('bad flag')
    assert.equal(usage.exitCode, 2)
    assert.equal(toNatsctlError(usage), usage)
    const failure = new NatsctlError('broken', {detail: 'line 1\nline 2'})
    assert.equal(failure.exitCode, 1)
    assert.equal(failure.detail, 'line 1\nline 2')
    assert.equal(toNatsctlError(failure), failure)
  })
})
