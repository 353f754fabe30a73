// pub and reply under hostile input (issue 15): binary stdin sent byte for byte, in one body and line by line,
// and read back with `stream get --raw` (item 2); a request that cannot be answered as templated gets an error
// reply and the replier keeps serving (item 10).

import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {after, before, describe, it} from 'node:test'

import {headers} from '@nats-io/transport-node'

import {BIN, startCli} from '../helpers/cli.js'
import {type JetStreamTestbed, startJetStreamTestbed} from '../helpers/jetstream.js'

let bed: JetStreamTestbed

before(async () => {
  bed = await startJetStreamTestbed()
})
after(async () => {
  await bed.close()
})

/** natsctl with bytes on stdin and stdout kept as bytes. */
function runBytes(args: string[], input?: Buffer): Promise<{code: number | null; stdout: Buffer; stderr: string}> {
  const child = spawn(process.execPath, [BIN, ...args, '--server', bed.server.url], {env: bed.home.env, stdio: ['pipe', 'pipe', 'pipe']})
  const chunks: Buffer[] = []
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => chunks.push(d))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  child.stdin.on('error', () => {})
  child.stdin.end(input ?? Buffer.alloc(0))
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({code, stdout: Buffer.concat(chunks), stderr})
    })
  })
}

/** Random bytes that hold `{{` (so the old code templated them) and are not valid UTF-8. */
function binary(size: number): Buffer {
  const data = randomBytes(size)
  data.write('{{', 100, 'latin1')
  data[200] = 0xff
  return data
}

describe('pub: binary stdin is sent byte for byte (item 2)', () => {
  it('--send-on eof: 512 KiB of random bytes with "{{" in them arrive unchanged, and stream get --raw returns them', async () => {
    await bed.jsm.streams.add({name: 'BIN', subjects: ['bin.>']})
    const data = binary(512 * 1024)
    const r = await runBytes(['pub', 'bin.v'], data)
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, new RegExp(`Published ${data.length} bytes`))
    const stored = await bed.jsm.streams.getMessage('BIN', {seq: 1})
    assert.ok(stored && Buffer.from(stored.data).equals(data), 'stored body differs')
    const get = await runBytes(['stream', 'get', 'BIN', '1', '--raw'])
    assert.equal(get.code, 0, get.stderr)
    assert.ok(get.stdout.equals(data), `stream get --raw gave ${get.stdout.length} bytes`)
  })

  it('--send-on newline: lines that are not UTF-8 are sent as their bytes (CRLF and LF ends removed)', async () => {
    const sub = bed.nc.subscribe('bin.lines', {max: 3})
    await bed.nc.flush()
    const lines = [Buffer.from('ab\xff\xfecd', 'latin1'), Buffer.from([0x7b, 0x7b, 0xc3, 0x28, 0x7d, 0x7d]), Buffer.from('plain {{Count}}')]
    const input = Buffer.concat([lines[0], Buffer.from('\n'), lines[1], Buffer.from('\r\n'), lines[2], Buffer.from('\n')])
    const r = await runBytes(['pub', 'bin.lines', '--send-on', 'newline'], input)
    assert.equal(r.code, 0, r.stderr)
    const got: Buffer[] = []
    for await (const m of sub) got.push(Buffer.from(m.data))
    assert.ok(got[0].equals(lines[0]), `line 1: ${got[0].toString('hex')}`)
    assert.ok(got[1].equals(lines[1]), `line 2: ${got[1].toString('hex')}`)
    // Valid UTF-8 with a template is still templated.
    assert.equal(got[2].toString(), 'plain 3')
  })
})

describe('reply: one request cannot stop the replier (item 10)', () => {
  it('a CR/LF in {{Request}} for a header, or a reply over max_payload, gets an error reply; the next request is answered', async () => {
    const replier = startCli(['reply', 'svc.r10', '{{Request}}{{Request}}', '-H', 'X-Echo:{{Request}}', '--server', bed.server.url], {
      env: bed.home.env,
      timeoutMs: 60_000,
    })
    try {
      await replier.waitFor('Listening on', 'stderr')
      const broken = await bed.nc.request('svc.r10', 'line1\r\nInjected: yes', {timeout: 5000})
      assert.ok(broken.headers?.get('NATS-Reply-Error'), 'no error header')
      assert.equal(broken.headers?.get('Injected'), '')
      const huge = await bed.nc.request('svc.r10', Buffer.alloc(700 * 1024, 0x61), {timeout: 5000})
      assert.match(huge.headers?.get('NATS-Reply-Error') ?? '', /max_payload/)
      const h = headers()
      h.set('X-Trace', '1')
      const ok = await bed.nc.request('svc.r10', 'hi', {headers: h, timeout: 5000})
      assert.equal(ok.string(), 'hihi')
      assert.equal(ok.headers?.get('X-Echo'), 'hi')
      assert.equal(replier.child.exitCode, null, replier.stderr())
    } finally {
      replier.kill('SIGTERM')
      const r = await replier.done
      assert.equal(r.code, 0, r.stderr)
    }
  })
})
