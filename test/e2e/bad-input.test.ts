// The bad-input sweep (issue 15, "Done means"): command lines a hostile or careless user might type, each with
// the exit code and a fragment of the one error line it must give. Every row must end in time (no hang), print
// exactly one `natsctl: error:` line and no stack trace, and never succeed silently. Nothing a row sends may
// reach the protocol: a subscription on `injected.>` must see nothing at the end. Rows are added per item.

import assert from 'node:assert/strict'
import {spawn, spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import type {Subscription} from '@nats-io/transport-node'

import {BIN, type CliResult} from '../helpers/cli.js'
import {type JetStreamTestbed, startJetStreamTestbed} from '../helpers/jetstream.js'

interface Row {
  args: string[]
  code: 1 | 2
  fragment: string | RegExp
  /** Written to stdin. */
  input?: string | Buffer
}

const INJECTED = '\r\nPUB injected.x 8\r\nINJECTED\r\nUNSUB 99'
const BIG = 2_000_000 // more than the test server's max_payload (1 MiB by default)
const scratch = mkdtempSync(join(tmpdir(), 'natsctl-bad-input-'))

const rows = (): Row[] => [
  // item 6: names that reach the protocol
  {args: ['sub', 'foo', '--queue', `q 1${INJECTED}`], code: 2, fragment: 'invalid queue group'},
  {args: ['sub', 'foo', '--queue', ''], code: 2, fragment: 'invalid queue group'},
  {args: ['reply', 'svc', '-q', `q${INJECTED}`], code: 2, fragment: 'invalid queue group'},
  {args: ['request', 'svc', 'x', '--inbox-prefix', `_X${INJECTED}`], code: 2, fragment: 'invalid inbox prefix'},
  {args: ['request', 'svc', 'x', '--inbox-prefix', '_X.*'], code: 2, fragment: 'wildcards'},
  {args: ['sub', 'foo', '--inbox-prefix', 'a b'], code: 2, fragment: 'invalid inbox prefix'},
  {args: ['pub', 'x', 'y', '-H', 'K:v\r\nX: y'], code: 2, fragment: 'invalid value for header "K"'},
  {args: ['pub', 'x', 'y', '-H', `K${INJECTED}:y`], code: 2, fragment: 'invalid header name'},
  {args: ['request', 'svc', 'x', '-H', 'K:\u0001'], code: 2, fragment: 'invalid value for header'},
  {args: ['reply', 'svc', '-H', 'K:a\nb'], code: 2, fragment: 'invalid value for header'},
  {args: ['pub', `x${INJECTED}`, 'y'], code: 2, fragment: 'invalid subject'},
  {args: ['request', 'svc x', 'y'], code: 2, fragment: 'invalid subject'},
  {args: ['pub', 'x', 'y', '--reply', `r${INJECTED}`], code: 2, fragment: 'invalid reply subject'},
  // item 16: invalid subjects in sub and reply, refused up front
  {args: ['sub', 'a..b'], code: 2, fragment: 'empty token'},
  {args: ['sub', '.a'], code: 2, fragment: 'empty token'},
  {args: ['sub', 'a.>.b'], code: 2, fragment: '">" may only be the last token'},
  {args: ['sub', 'ok', 'a..b', '--wait', '1s'], code: 2, fragment: 'empty token'},
  {args: ['sub', `foo${INJECTED}`], code: 2, fragment: 'invalid subject'},
  {args: ['reply', 'a..b'], code: 2, fragment: 'empty token'},
  {args: ['reply', 'a.>.b', 'ok'], code: 2, fragment: '">" may only be the last token'},
  {args: ['pub', 'a.>', 'y'], code: 2, fragment: 'wildcard'},
  // item 14: durations a timer cannot wait
  {args: ['sub', 'foo', '--wait', '30d', '--count', '1'], code: 2, fragment: 'maximum of 24d'},
  {args: ['pub', 'x', 'y', '--sleep', '30d', '--count', '2'], code: 2, fragment: 'maximum of 24d'},
  {args: ['reply', 'svc', '--sleep', '25d'], code: 2, fragment: 'maximum of 24d'},
  {args: ['request', 'svc', 'x', '--reply-timeout', '1y', '--replies', '2'], code: 2, fragment: 'maximum of 24d'},
  {args: ['--timeout', '1y', 'pub', 'x', 'y'], code: 2, fragment: 'invalid timeout "1y": it is longer than the maximum of 24d'},
  {args: ['--timeout', '-1', 'request', 'svc', 'y'], code: 2, fragment: 'invalid timeout'},
  // item 15: numbers, each against its stated range, naming the flag
  {args: ['sub', 'foo', '--count', '99999999999999999999'], code: 2, fragment: '--count'},
  {args: ['sub', 'foo', '--count', '0'], code: 2, fragment: '--count'},
  {args: ['pub', 'x', 'y', '--count', '9007199254740992'], code: 2, fragment: '--count'},
  {args: ['reply', 'svc', '--count', '99999999999999999999'], code: 2, fragment: '--count'},
  {args: ['request', 'svc', 'x', '--replies', '99999999999999999999'], code: 2, fragment: '--replies'},
  {args: ['sub', '--stream', 'S', '--start-sequence', '99999999999999999999'], code: 2, fragment: '--start-sequence'},
  {args: ['stream', 'add', 'Q', '--subjects', 'q', '--max-bytes', '99999999999999999999999', '--defaults'], code: 2, fragment: '--max-bytes'},
  {args: ['stream', 'add', 'Q', '--subjects', 'q', '--dupe-window', '300y', '--defaults'], code: 2, fragment: '--dupe-window'},
  {args: ['stream', 'add', 'Q', '--subjects', 'q', '--max-age', '1000y', '--defaults'], code: 2, fragment: '--max-age'},
  {args: ['stream', 'add', 'Q', '--subjects', 'q', '--max-msg-size', '2GiB', '--defaults'], code: 2, fragment: '--max-msg-size'},
  {args: ['bench', 'pub', 'x', '--clients', '2000'], code: 2, fragment: '--clients'},
  {args: ['bench', 'pubsub', 'x', '--subscribers', '2000'], code: 2, fragment: '--subscribers'},
  // item 13: bounded reads and templates
  {
    args: ['pub', 'x'],
    input: Buffer.alloc(BIG, 0),
    code: 1,
    fragment: /larger than the server's max_payload of 1,048,576 bytes \(stopped reading at [\d,]+ bytes\)/,
  },
  {args: ['request', 'svc'], input: Buffer.alloc(BIG, 0x7b), code: 1, fragment: 'max_payload of 1,048,576 bytes'},
  {
    args: ['pub', 'x', '--send-on', 'newline'],
    input: Buffer.concat([Buffer.from('short\n'), Buffer.alloc(BIG, 0x61), Buffer.from('\n')]),
    code: 1,
    fragment: /a line on stdin is larger than the server's max_payload of 1,048,576 bytes/,
  },
  {args: ['pub', 'x', '{{Random 2000000000 2000000000}}'], code: 2, fragment: 'at most 67,108,864 characters'},
  {args: ['reply', 'svc', '{{Random 1 100000000}}'], code: 2, fragment: 'at most 67,108,864 characters'},
  {args: ['--creds', '/dev/zero', 'pub', 'x', 'y'], code: 1, fragment: 'cannot read creds file /dev/zero: it is not a regular file'},
  {args: ['--nkey', '/dev/zero', 'pub', 'x', 'y'], code: 1, fragment: 'not a regular file'},
  {args: ['--creds', join(scratch, 'fifo'), 'pub', 'x', 'y'], code: 1, fragment: 'not a regular file'},
  {args: ['--creds', join(scratch, 'big.creds'), 'pub', 'x', 'y'], code: 1, fragment: 'larger than 1,048,576 bytes'},
  {args: ['stream', 'add', 'Z', '--config', '/dev/zero'], code: 1, fragment: 'cannot read --config /dev/zero: it is not a regular file'},
  {args: ['--context', join(scratch, 'fifo.json'), 'pub', 'x', 'y'], code: 1, fragment: 'not a regular file'},
  // item 18: usage errors that name what is wrong (rows needing files set up: bad-input-hardening.test.ts)
  {args: ['stream', 'get', 'ST', '0'], code: 2, fragment: 'invalid SEQ "0"'},
  {args: ['stream', 'get', 'ST', 'abc'], code: 2, fragment: 'invalid SEQ "abc"'},
  {args: ['stream', 'get', 'ST', '1.5'], code: 2, fragment: 'invalid SEQ "1.5"'},
  {args: ['pub', 'x', 'y', '--context', '/nonexistent/x.json'], code: 2, fragment: 'cannot read context file /nonexistent/x.json: no such file'},
  {args: ['context', 'add', 'a'.repeat(300)], code: 2, fragment: 'names may be at most 200 bytes'},
  {
    args: ['bench', 'pub', 'x', '--msgs', '10', '--csv', '/nonexistent/dir/x.csv'],
    code: 2,
    fragment: 'invalid --csv /nonexistent/dir/x.csv: cannot write /nonexistent/dir: no such directory',
  },
  {args: ['bench', 'pub', 'x', '--msgs', '10', '--csv', '/tmp'], code: 2, fragment: 'invalid --csv /tmp: cannot write /tmp: it is a directory'},
  // item 19: context names
  {args: ['context', 'add', '.'], code: 2, fragment: 'invalid context name "."'},
  {args: ['context', 'add', 'a\nb'], code: 2, fragment: 'invalid context name "a\\nb"'},
  {args: ['context', 'add', 'x\u001b[31m'], code: 2, fragment: 'invalid context name "x\\u001b[31m"'},
  // item 21: placeholders where no value can stand, refused before connecting
  {args: ['reply', 'svc', '--command', 'echo `echo {{1}}`'], code: 2, fragment: 'the placeholder {{1}} cannot stand inside backticks'},
  {args: ['reply', 'svc', '--command', "echo $'{{Request}}'"], code: 2, fragment: "cannot stand inside $'...' quotes"},
  // eslint-disable-next-line no-template-curly-in-string -- the shell's ${...}, on purpose
  {args: ['reply', 'svc', '--command', 'echo ${X:-{{1}}}'], code: 2, fragment: 'cannot stand inside ${...}'},
  {args: ['sub', 'x', '--translate', 'cat <<"EOF"\n{{Subject}}\nEOF'], code: 2, fragment: 'quoted delimiter'},
]

/**
 * Runs natsctl with `input` on stdin, which it may stop reading early (that is the point of the cap): the
 * EPIPE of writing the rest is expected here, not an error of the test.
 */
function withInput(args: string[], input: string | Buffer): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args, '--server', bed.server.url], {env: bed.home.env, stdio: ['pipe', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  child.stdin.on('error', () => {})
  child.stdin.end(input)
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({code, signal, stdout, stderr})
    })
  })
}

let bed: JetStreamTestbed
let injected: Subscription
let injectedCount = 0

before(async () => {
  bed = await startJetStreamTestbed()
  spawnSync('mkfifo', [join(scratch, 'fifo')])
  spawnSync('mkfifo', [join(scratch, 'fifo.json')])
  spawnSync('truncate', ['-s', '2M', join(scratch, 'big.creds')])
  injected = bed.nc.subscribe('injected.>', {
    callback: () => {
      injectedCount++
    },
  })
  await bed.nc.flush()
})

after(async () => {
  injected?.unsubscribe()
  await bed?.close()
  rmSync(scratch, {force: true, recursive: true})
})

describe('bad input: one error line, the right exit code, no stack, no hang', () => {
  it('has rows', () => assert.ok(rows().length > 40))
  for (const [index, row] of rows().entries()) {
    const label = row.args.map((a) => (a.length > 40 ? `${a.slice(0, 40)}...` : a)).join(' ')
    it(`#${index + 1} natsctl ${JSON.stringify(label).slice(1, -1)}${row.input ? ' < input' : ''}`, async () => {
      const current = row
      const r = current.input === undefined ? await bed.cli(current.args, {timeoutMs: 20_000}) : await withInput(current.args, current.input)
      assert.equal(r.signal, null, `hung (killed after 20 s)\nstderr: ${r.stderr}`)
      assert.equal(r.code, current.code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`)
      const errorLines = r.stderr.split('\n').filter((line) => line.startsWith('natsctl: error:'))
      assert.equal(errorLines.length, 1, r.stderr)
      if (typeof current.fragment === 'string') assert.ok(errorLines[0].includes(current.fragment), errorLines[0])
      else assert.match(errorLines[0], current.fragment)
      assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+\)?\n/, 'a stack trace')
    })
  }
  it('nothing reached the protocol: no message on injected.>', async () => {
    await bed.nc.flush()
    assert.equal(injectedCount, 0)
  })
})
