// The pure pieces behind sub and reply: message rendering, JSON records, Go-style times, and the shell
// templates that keep network values out of command text.

import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {bodyBlock, dumpRecord, jsonRecord, type ReceivedMessage, renderText} from '../../src/lib/messaging/render.js'
import {formatGoDuration as goDuration, formatStampMicro as goStampMicro} from '../../src/lib/format.js'
import {compileReplyCommand} from '../../src/lib/messaging/reply-command.js'
import {compileShellTemplate, runShell} from '../../src/lib/messaging/shell.js'
import {compileTranslate} from '../../src/lib/messaging/translate.js'

const msg = (over: Partial<ReceivedMessage> = {}): ReceivedMessage => ({
  subject: 'greet.joe',
  headers: [],
  data: Buffer.from('hello'),
  receivedAt: new Date('2026-01-02T03:04:05.678Z'),
  ...over,
})

describe('sub rendering', () => {
  it('renders natscli text: heading with reply, headers, blank line, body, blank line', () => {
    const text = renderText(msg({reply: '_INBOX.1', headers: [['A', ['1', '2']]]}), 3)
    assert.equal(text, '[#3] Received on "greet.joe" with reply "_INBOX.1"\nA: 1\nA: 2\n\nhello\n\n')
  })

  it('prints nil body for empty data, and raw bodies alone', () => {
    assert.equal(renderText(msg({data: new Uint8Array()}), 1), '[#1] Received on "greet.joe"\nnil body\n\n')
    assert.equal(renderText(msg(), 1, {raw: true}), 'hello\n')
    assert.equal(bodyBlock('line\n'), 'line\n')
  })

  it('renders the JetStream heading', () => {
    const js = {stream: 'EVENTS', seq: 1234, pending: 3, time: new Date(2026, 0, 2, 3, 4, 5)}
    assert.equal(
      renderText(msg({js}), 1, {subjectsOnly: true}),
      '[#1] Received JetStream message: stream: EVENTS seq: 1,234 / pending: 3 / subject: greet.joe / time: 2026-01-02 03:04:05\n',
    )
  })

  it('builds JSON records with text or base64 data', () => {
    assert.deepEqual(jsonRecord(msg({headers: [['K', ['v']]]})), {
      subject: 'greet.joe',
      reply: null,
      headers: {K: ['v']},
      data: 'hello',
      size: 5,
      received_at: '2026-01-02T03:04:05.678Z',
    })
    const binary = jsonRecord(msg({data: new Uint8Array([0xc3, 0x28])}))
    assert.equal(binary.encoding, 'base64')
    assert.equal(binary.data, Buffer.from([0xc3, 0x28]).toString('base64'))
  })

  it('builds natscli dump records', () => {
    assert.deepEqual(dumpRecord(msg({reply: 'r'})), {Subject: 'greet.joe', Reply: 'r', Header: null, Data: 'aGVsbG8='})
  })

  it('formats times the way Go does', () => {
    assert.equal(goDuration(0.5), '500µs')
    assert.equal(goDuration(12.5), '12.5ms')
    assert.equal(goDuration(1234), '1.234s')
    assert.equal(goDuration(123_500), '2m3.5s')
    assert.match(goStampMicro(new Date(2026, 0, 2, 3, 4, 5, 678)), /^Jan {2}2 03:04:05\.678000$/)
  })
})

describe('shell templates', () => {
  it('refers to values through variables, quoted for where they stand', () => {
    const expand = compileShellTemplate<string>(`a {{x}} "b {{x}}" 'c {{x}}' \\"{{x}}`, () => (v) => v)
    const {command, env} = expand('v')
    assert.equal(command, `a "\${NATSCTL_ARG_0}" "b \${NATSCTL_ARG_1}" 'c '"\${NATSCTL_ARG_2}"'' \\""\${NATSCTL_ARG_3}"`)
    assert.deepEqual(env, {NATSCTL_ARG_0: 'v', NATSCTL_ARG_1: 'v', NATSCTL_ARG_2: 'v', NATSCTL_ARG_3: 'v'})
  })

  it('runs a reply command with tokens, templates and the request', async () => {
    const run = await compileReplyCommand(`printf '%s ' {{1}} "{{0}}" {{Count}} {{Request}}`)
    const reply = await run({subject: 'svc.a b', count: 7, data: Buffer.from('x y')})
    assert.deepEqual({ok: reply.ok, data: Buffer.from(reply.data).toString()}, {ok: true, data: 'a b svc 7 x y '})
    const failed = await (await compileReplyCommand('echo nope >&2; exit 3'))({subject: 's', count: 0, data: new Uint8Array()})
    assert.deepEqual(
      {ok: failed.ok, error: failed.error, data: Buffer.from(failed.data).toString()},
      {ok: false, error: 'exit status 3', data: 'nope\n'},
    )
  })

  it('translates with {{Subject}} and reports failures', async () => {
    const t = compileTranslate('tr a-z A-Z; echo " {{Subject}}"')
    const ok = await t(Buffer.from('abc'), {subject: 'x.y'})
    assert.equal(ok.output.toString(), 'ABC x.y\n')
    const bad = await compileTranslate('cat >/dev/null; echo broken >&2; exit 1')(Buffer.from('abc'), {subject: 'x'})
    assert.equal(bad.ok, false)
    assert.equal(bad.error, 'exit status 1: broken')
    assert.throws(() => compileTranslate('echo {{Nope}}'), /unknown function "Nope"/)
  })

  it('passes stdin and collects output', async () => {
    const result = await runShell('cat; echo err >&2', {input: Buffer.from('in')})
    assert.equal(result.stdout.toString(), 'in')
    assert.equal(result.stderr.toString(), 'err\n')
  })
})
