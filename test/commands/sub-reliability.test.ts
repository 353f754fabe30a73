// sub under stress (issue 15): binary bodies byte for byte (item 2), a slow pipe with bounded memory and no
// crash (item 3), `sub --stream` across a SIGKILL of the server (item 4), and a -ERR for a subscription as an
// error (item 16). Real nats-servers only; stdout is collected as bytes, never decoded.

import assert from 'node:assert/strict'
import {type ChildProcess, spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {once} from 'node:events'
import {readFileSync} from 'node:fs'
import {after, before, describe, it} from 'node:test'

import {jetstreamManager} from '@nats-io/jetstream'
import {connect, type NatsConnection} from '@nats-io/transport-node'

import {BIN, makeHome, type TestHome} from '../helpers/cli.js'
import {startServer, type TestServer} from '../helpers/nats-server.js'

interface ByteRun {
  child: ChildProcess
  stdout(): Buffer
  stderr(): string
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>
  done: Promise<{code: number | null; signal: NodeJS.Signals | null}>
}

/** natsctl in the background with stdout kept as bytes (and optionally not read: `paused`). */
function startBytes(args: string[], env: NodeJS.ProcessEnv, options: {timeoutMs?: number} = {}): ByteRun {
  const child = spawn(process.execPath, [BIN, ...args], {env, stdio: ['ignore', 'pipe', 'pipe']})
  const chunks: Buffer[] = []
  let stderr = ''
  child.stdout!.on('data', (d: Buffer) => chunks.push(d))
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000)
  const done = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({code, signal})
    })
  })
  return {
    child,
    done,
    stdout: () => Buffer.concat(chunks),
    stderr: () => stderr,
    async waitFor(text, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs
      const matches = () => (typeof text === 'string' ? stderr.includes(text) : text.test(stderr))
      while (!matches()) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${text} on stderr: ${stderr}`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    },
  }
}

let home: TestHome

before(() => {
  home = makeHome()
})
after(() => home.cleanup())

describe('sub: binary bodies are written byte for byte (item 2)', () => {
  let server: TestServer
  let nc: NatsConnection
  before(async () => {
    server = await startServer({jetstream: false})
    nc = await connect({servers: server.url})
  })
  after(async () => {
    await nc.drain()
    await server.stop()
  })

  const body = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3]), randomBytes(4096), Buffer.from('{{Count}}\xff')])

  it('--raw writes the body as it came', async () => {
    const cli = startBytes(['sub', 'bin.raw', '--raw', '--count', '1', '-s', server.url], home.env)
    await cli.waitFor('Subscribing on')
    nc.publish('bin.raw', body)
    const r = await cli.done
    assert.equal(r.code, 0, cli.stderr())
    assert.ok(cli.stdout().equals(Buffer.concat([body, Buffer.from('\n')])), `got ${cli.stdout().length} bytes for ${body.length}`)
  })

  it('the default view keeps the bytes between the heading and the blank line', async () => {
    const cli = startBytes(['sub', 'bin.text', '--count', '1', '-s', server.url], home.env)
    await cli.waitFor('Subscribing on')
    nc.publish('bin.text', body)
    assert.equal((await cli.done).code, 0, cli.stderr())
    const expected = Buffer.concat([Buffer.from('[#1] Received on "bin.text"\n'), body, Buffer.from('\n\n')])
    assert.ok(cli.stdout().equals(expected), `got ${cli.stdout().length} bytes, expected ${expected.length}`)
  })

  it('--dump - and --json carry the exact bytes (base64)', async () => {
    const dump = startBytes(['sub', 'bin.dump', '--dump', '-', '--count', '1', '-s', server.url], home.env)
    const json = startBytes(['sub', 'bin.dump', '--json', '--count', '1', '-s', server.url], home.env)
    await Promise.all([dump.waitFor('Subscribing on'), json.waitFor('Subscribing on')])
    nc.publish('bin.dump', body)
    await Promise.all([dump.done, json.done])
    const record = JSON.parse(dump.stdout().toString()) as {Data: string}
    assert.ok(Buffer.from(record.Data, 'base64').equals(body))
    const line = JSON.parse(json.stdout().toString()) as {data: string; encoding?: string; size: number}
    assert.equal(line.encoding, 'base64')
    assert.equal(line.size, body.length)
    assert.ok(Buffer.from(line.data, 'base64').equals(body))
  })
})

describe('sub into a slow pipe: bounded memory, every message, no crash (item 3)', () => {
  let server: TestServer
  let nc: NatsConnection
  before(async () => {
    server = await startServer({jetstream: false})
    nc = await connect({servers: server.url})
  })
  after(async () => {
    await nc.drain()
    await server.stop()
  })

  it('150,000 x 1 KiB published while stdout is not read: peak RSS stays under 150 MB, all delivered in order', async () => {
    const total = 150_000
    const cli = startBytes(['sub', 'flood', '--raw', '--count', String(total), '-s', server.url], home.env, {timeoutMs: 60_000})
    await cli.waitFor('Subscribing on')
    // Nobody reads stdout while the messages are published: the pipe fills, and the backlog (150 MB) has to
    // go somewhere. (Paused for much longer, the server would drop the subscriber as a slow consumer.)
    cli.child.stdout!.pause()
    const reading = setTimeout(() => cli.child.stdout!.resume(), 1500)
    const pid = cli.child.pid!
    let peakKb = 0
    const sample = () => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
        if (match) peakKb = Math.max(peakKb, Number(match[1]))
      } catch {
        // the process has exited
      }
    }
    const sampler = setInterval(sample, 100)
    const payload = Buffer.alloc(1023, 0x61)
    for (let i = 0; i < total; i++) {
      nc.publish('flood', payload)
      if (i % 1000 === 999) await nc.flush()
    }
    await nc.flush()
    const r = await cli.done
    clearTimeout(reading)
    clearInterval(sampler)
    assert.equal(r.code, 0, cli.stderr())
    const out = cli.stdout()
    assert.equal(out.length, total * 1024, `delivered ${out.length / 1024} of ${total}`)
    assert.doesNotMatch(cli.stderr(), /ENOBUFS|\n\s+at /)
    assert.ok(peakKb > 0 && peakKb < 150 * 1024, `peak RSS ${Math.round(peakKb / 1024)} MB`)
  })
})

describe('sub --stream after a SIGKILL of the server (item 4)', () => {
  let server: TestServer
  after(async () => {
    await server?.stop()
  })

  it('delivers every message published before and after the crash, once, in order', async () => {
    server = await startServer({jetstream: true})
    let nc = await connect({servers: server.url})
    await (await jetstreamManager(nc)).streams.add({name: 'CRASH', subjects: ['crash.>']})
    const cli = startBytes(['sub', '--stream', 'CRASH', '--raw', '--count', '200', '-s', server.url], home.env, {timeoutMs: 25_000})
    await cli.waitFor('Subscribing to subject')
    for (let i = 1; i <= 100; i++) nc.publish('crash.a', `m${i}`)
    await nc.flush()
    const deadline = Date.now() + 10_000
    while (cli.stdout().toString().split('\n').length <= 100 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    await nc.close()

    const exited = once(server.process, 'exit')
    server.process.kill('SIGKILL')
    await exited
    await server.stop({keepDir: true})
    await server.restart()
    await cli.waitFor('>>> Reconnected', 20_000)
    // As a user would: some time passes before the next messages arrive.
    await new Promise((resolve) => setTimeout(resolve, 3000))

    nc = await connect({servers: server.url})
    for (let i = 101; i <= 200; i++) nc.publish('crash.a', `m${i}`)
    await nc.flush()
    const r = await cli.done
    await nc.close()
    assert.equal(r.code, 0, cli.stderr())
    const lines = cli.stdout().toString().trim().split('\n')
    assert.deepEqual(
      lines,
      Array.from({length: 200}, (_, i) => `m${i + 1}`),
    )
  })
})

describe('a -ERR for a subscription is an error (item 16)', () => {
  let server: TestServer
  before(async () => {
    server = await startServer({jetstream: false, extraConfig: 'max_subscriptions: 1'})
  })
  after(async () => {
    await server.stop()
  })

  it("sub with more subscriptions than the server allows exits 1 with the server's reason", async () => {
    const cli = startBytes(['sub', 'one', 'two', '-s', server.url], home.env, {timeoutMs: 20_000})
    const r = await cli.done
    assert.equal(r.signal, null, `hung: ${cli.stderr()}`)
    assert.equal(r.code, 1, cli.stderr())
    assert.match(cli.stderr(), /natsctl: error: .*maximum subscriptions exceeded/i)
  })
})

describe('reply: a subscription the server refuses ends the replier (item 16)', () => {
  let server: TestServer
  before(async () => {
    server = await startServer({
      jetstream: false,
      extraConfig: 'authorization { users: [ {user: u, password: p, permissions: {subscribe: {deny: "svc.>"}}} ] }',
    })
  })
  after(async () => {
    await server.stop()
  })

  it('exits 1 naming the permission, instead of serving nothing forever', async () => {
    const cli = startBytes(['reply', 'svc.a', 'ok', '-s', server.url, '--user', 'u', '--password', 'p'], home.env, {timeoutMs: 20_000})
    const r = await cli.done
    assert.equal(r.signal, null, `hung: ${cli.stderr()}`)
    assert.equal(r.code, 1, cli.stderr())
    assert.match(cli.stderr(), /natsctl: error: .*permission/i)
  })
})
