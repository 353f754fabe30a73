// The pure parts of pub and request: subject checks, stdin line batching, body templates from stdin, the
// message factory and the JSON record of a reply. No server needed.
import assert from 'node:assert/strict'
import {PassThrough} from 'node:stream'
import {describe, it} from 'node:test'

import {UsageError} from '../../src/lib/errors.js'
import {bodyBytes, bodyFromText, lineBatches} from '../../src/lib/messaging/body.js'
import {parseHeaderFlags} from '../../src/lib/messaging/headers.js'
import {ackLine} from '../../src/lib/messaging/js-publish.js'
import {checkSubject, MessageFactory} from '../../src/lib/messaging/publisher.js'
import {replyRecord} from '../../src/lib/messaging/requester.js'

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

describe('checkSubject', () => {
  it('accepts ordinary subjects', () => {
    for (const s of ['a', 'greet.joe', 'a.b-c.d_e', '$JS.API.INFO', 'a*b.c>d']) checkSubject(s)
  })

  it('refuses empty, whitespace, empty tokens and wildcards as usage errors naming the subject', () => {
    for (const s of ['', 'a b', 'a\tb', 'a..b', '.a', 'a.', '*', 'a.*', '>', 'a.>', 'a.*.b']) {
      assert.throws(
        () => checkSubject(s),
        (error: unknown) => error instanceof UsageError && error.exitCode === 2 && error.message.includes(JSON.stringify(s)),
        s,
      )
    }
  })
})

describe('lineBatches', () => {
  it('splits LF and CRLF lines and yields what has arrived in batches', async () => {
    const input = new PassThrough()
    input.end('one\r\ntwo\nthree\n\nlast-without-newline')
    const batches: string[][] = []
    for await (const batch of lineBatches(input, 2)) batches.push(batch.map((line) => Buffer.from(line).toString()))
    assert.deepEqual(batches.flat(), ['one', 'two', 'three', '', 'last-without-newline'])
  })

  it('streams: the first batch comes before the input ends', async () => {
    const input = new PassThrough()
    input.write('first\n')
    const iterator = lineBatches(input)
    const first = await iterator.next()
    assert.deepEqual(
      (first.value as Uint8Array[]).map((line) => Buffer.from(line).toString()),
      ['first'],
    )
    input.end('second\n')
    const rest: string[] = []
    for await (const batch of {[Symbol.asyncIterator]: () => iterator}) rest.push(...batch.map((line: Uint8Array) => Buffer.from(line).toString()))
    assert.deepEqual(rest, ['second'])
  })
})

describe('bodies', () => {
  it('keeps text without templates as bytes, and fills templates per message', async () => {
    const plain = await bodyFromText('hello', {templates: true})
    assert.ok('bytes' in plain)
    const templated = await bodyFromText('n{{Count}}', {templates: true})
    assert.equal(text(bodyBytes(templated, 7)), 'n7')
    const off = await bodyFromText('n{{Count}}', {templates: false})
    assert.equal(text(bodyBytes(off, 7)), 'n{{Count}}')
  })

  it('a bad template in an argument is a usage error; from stdin it is sent as is with a warning', async () => {
    await assert.rejects(bodyFromText('{{Nope}}', {templates: true}), UsageError)
    const warnings: string[] = []
    const body = await bodyFromText('{{Nope}}', {fromStdin: true, templates: true, warn: (m) => warnings.push(m)})
    assert.equal(text(bodyBytes(body, 1)), '{{Nope}}')
    assert.match(warnings[0], /Could not parse body template/)
  })
})

describe('MessageFactory', () => {
  it('fills subject, reply and header templates per message, once per message', async () => {
    const texts = ['Seq:{{Count}}', 'Fixed:x']
    const factory = await MessageFactory.create({
      headerTexts: texts,
      headers: await parseHeaderFlags(texts),
      reply: 'r.{{Count}}',
      subject: 's.{{Count}}',
      templates: true,
    })
    await factory.prepare()
    assert.equal(factory.subject(3), 's.3')
    assert.equal(factory.reply(3), 'r.3')
    assert.equal(factory.headers(3)?.get('Seq'), '3')
    assert.equal(factory.headers(3)?.get('Fixed'), 'x')
  })

  it('checks the subject as message 1 has it', async () => {
    await assert.rejects(MessageFactory.create({headers: [], subject: 'a.{{Count}}..b', templates: true}), /empty token/)
    await assert.rejects(MessageFactory.create({headers: [], reply: 'r.>', subject: 'a', templates: true}), /invalid reply subject/)
  })
})

describe('output shapes', () => {
  it('ackLine follows natscli', () => {
    assert.equal(ackLine({domain: '', duplicate: false, seq: 1234, stream: 'EVENTS'}), 'Stored in Stream: EVENTS Sequence: 1,234')
    assert.equal(
      ackLine({domain: 'hub', duplicate: true, seq: 1, stream: 'EVENTS'}),
      'Stored in Stream: EVENTS Sequence: 1 Domain: "hub" Duplicate: true',
    )
  })

  it('replyRecord: text data as text, binary as base64', () => {
    const msg = (data: Uint8Array) => ({data, headers: undefined, reply: '', subject: '_INBOX.x'}) as never
    const textual = replyRecord(msg(new TextEncoder().encode('héllo')), 1.234_56, 'svc')
    assert.deepEqual(textual, {data: 'héllo', headers: {}, rtt_ms: 1.235, size: 6, subject: 'svc'})
    const binary = replyRecord(msg(new Uint8Array([0xff, 0])), 1, 'svc')
    assert.equal(binary.encoding, 'base64')
    assert.equal(binary.data, '/wA=')
  })
})
