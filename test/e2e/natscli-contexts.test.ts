// A context directory exactly as natscli (jsm.go's natscontext) leaves it: one NAME.json per context with every
// field natscontext serializes (including the ones natsctl does not use), context.txt selecting one and
// previous-context.txt naming the one before. natsctl lists, shows, selects and switches back through it, and
// pub, sub, request and stream add connect with what the selected context holds (read back from the server).
// natsctl's rewrites (context add on an existing name, context copy) keep every field they do not know.
import assert from 'node:assert/strict'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {jetstreamManager} from '@nats-io/jetstream'
import {connect, type NatsConnection} from '@nats-io/transport-node'

import {listen} from './connection-support.js'
import {runCli, startCli, type TestHome} from '../helpers/cli.js'
import {homesForThisFile, NOWHERE} from '../helpers/contexts.js'
import {startServer, stopAllServers, type TestServer} from '../helpers/nats-server.js'

const home = homesForThisFile()
let server: TestServer
let nc: NatsConnection

before(async () => {
  server = await startServer({jetstream: true, domain: 'hub', auth: {user: 'a', password: 'b'}})
  nc = await connect({servers: server.url, user: 'a', pass: 'b'})
})
after(async () => {
  await nc?.close()
  await stopAllServers()
})

/**
 * natscontext's settings struct (jsm.go, the version natscli's go.mod names), serialized as Registry.Save
 * does: json.MarshalIndent of every field in declaration order, `name` left out, then one field from a
 * natscli newer than natsctl knows.
 */
function natscliFile(fields: Record<string, unknown>): string {
  const settings = {
    description: '',
    url: '',
    socks_proxy: '',
    token: '',
    user: '',
    password: '',
    creds: '',
    nkey: '',
    cert: '',
    key: '',
    ca: '',
    nsc: '',
    jetstream_domain: '',
    jetstream_api_prefix: '',
    jetstream_event_prefix: '',
    inbox_prefix: '',
    user_jwt: '',
    user_seed: '',
    color_scheme: '',
    tls_first: false,
    windows_cert_store: '',
    windows_cert_match_by: '',
    windows_cert_match: '',
    windows_ca_certs_match: null,
    ...fields,
  }
  return JSON.stringify(settings, null, 2)
}

const NATSCLI_KEYS = Object.keys(JSON.parse(natscliFile({})) as object)

/** A home holding natscli's directory: dev (selected, the test server), prod (previous, nowhere), other. */
function natscliHome(): TestHome {
  const h = home()
  const nats = join(h.configDir, 'nats')
  mkdirSync(join(nats, 'context'), {recursive: true, mode: 0o700})
  const write = (name: string, fields: Record<string, unknown>) =>
    writeFileSync(join(nats, 'context', `${name}.json`), natscliFile(fields), {mode: 0o600})
  write('dev', {
    description: 'Development',
    url: server.url,
    user: 'a',
    password: 'b',
    jetstream_domain: 'hub',
    jetstream_event_prefix: '$JS.EVENT',
    inbox_prefix: '_DEV_INBOX',
    color_scheme: 'blue',
    windows_ca_certs_match: ['Example CA'],
    socks_proxy: '',
    future_field: {kept: true},
  })
  write('prod', {description: 'Production', url: NOWHERE, token: 's3cret', color_scheme: 'red'})
  write('elsewhere', {description: 'Another domain', url: server.url, user: 'a', password: 'b', jetstream_domain: 'nope'})
  // natscli writes the names without a newline.
  writeFileSync(join(nats, 'context.txt'), 'dev', {mode: 0o600})
  writeFileSync(join(nats, 'previous-context.txt'), 'prod', {mode: 0o600})
  return h
}

const selection = (h: TestHome) => ({
  selected: readFileSync(join(h.configDir, 'nats', 'context.txt'), 'utf8').trim(),
  previous: readFileSync(join(h.configDir, 'nats', 'previous-context.txt'), 'utf8').trim(),
})
const file = (h: TestHome, name: string) =>
  JSON.parse(readFileSync(join(h.configDir, 'nats', 'context', `${name}.json`), 'utf8')) as Record<string, unknown>

describe("natscli's context directory", () => {
  it('context ls lists every context, natscli-sorted, the selected one marked', async () => {
    const h = natscliHome()
    const table = await runCli(['context', 'ls'], {env: h.env})
    assert.equal(table.code, 0, table.stderr)
    assert.match(table.stdout, /dev\*\s+│?\s*Development/)
    assert.match(table.stdout, /prod\s+│?\s*Production/)
    const names = await runCli(['ctx', 'ls', '--names'], {env: h.env})
    assert.deepEqual(names.stdout.trim().split('\n'), ['dev', 'elsewhere', 'prod'])
    const json = await runCli(['context', 'ls', '-j'], {env: h.env})
    assert.equal(json.code, 0, json.stderr)
    const list = JSON.parse(json.stdout) as Array<Record<string, unknown>>
    assert.deepEqual(
      list.map((c) => c.name),
      ['dev', 'elsewhere', 'prod'],
    )
    for (const key of NATSCLI_KEYS) assert.ok(key in list[0], `context ls --json: missing "${key}"`)
  })

  it('context info shows the selected context with every field natscli wrote', async () => {
    const h = natscliHome()
    const r = await runCli(['context', 'info', '--json'], {env: h.env})
    assert.equal(r.code, 0, r.stderr)
    const info = JSON.parse(r.stdout) as Record<string, unknown>
    assert.equal(info.name, 'dev')
    assert.equal(info.url, server.url)
    assert.equal(info.jetstream_event_prefix, '$JS.EVENT')
    assert.equal(info.color_scheme, 'blue')
    assert.deepEqual(info.windows_ca_certs_match, ['Example CA'])
    const text = await runCli(['ctx', 'info', 'prod'], {env: h.env})
    assert.equal(text.code, 0, text.stderr)
    assert.match(text.stdout, /NATS Configuration Context "prod"/)
    assert.match(text.stdout, /Description: Production/)
    assert.match(text.stdout, /Color Scheme: red/)
    assert.doesNotMatch(text.stdout, /s3cret/)
  })

  it('context select and context - move between natscli’s context.txt and previous-context.txt', async () => {
    const h = natscliHome()
    // natscli's previous context (written by natscli) is natsctl's too.
    const back = await runCli(['context', '-'], {env: h.env})
    assert.equal(back.code, 0, back.stderr)
    assert.deepEqual(selection(h), {selected: 'prod', previous: 'dev'})
    assert.equal((await runCli(['ctx', 'select', 'elsewhere'], {env: h.env})).code, 0)
    assert.deepEqual(selection(h), {selected: 'elsewhere', previous: 'prod'})
    assert.equal((await runCli(['ctx', '-'], {env: h.env})).code, 0)
    assert.deepEqual(selection(h), {selected: 'prod', previous: 'elsewhere'})
    // Selecting never rewrites a context file.
    assert.equal(readFileSync(join(h.configDir, 'nats', 'context', 'dev.json'), 'utf8'), natscliFile(file(h, 'dev')))
  })

  it('pub and sub connect with the selected context’s url, user and password', async () => {
    const h = natscliHome()
    const listener = await listen(server.url, 'ctxdir.>', {user: 'a', pass: 'b'})
    try {
      const pub = await runCli(['pub', 'ctxdir.pub', 'from the selected context'], {env: h.env})
      assert.equal(pub.code, 0, pub.stderr)
      assert.deepEqual(await listener.settle(), ['from the selected context'])
      // --context names another context: prod's url has no server, so nothing arrives.
      const prod = await runCli(['--context', 'prod', 'pub', 'ctxdir.prod', 'lost'], {env: h.env})
      assert.equal(prod.code, 1)
      assert.match(prod.stderr, /could not connect to nats:\/\/127\.0\.0\.1:1/)
      assert.deepEqual(await listener.settle(), ['from the selected context'])
    } finally {
      await listener.close()
    }

    const sub = startCli(['subscribe', 'ctxdir.sub', '--count', '1', '--raw'], {env: h.env})
    await sub.waitFor('Subscribing on', 'stderr')
    nc.publish('ctxdir.sub', 'to the context’s subscriber')
    const done = await sub.done
    assert.equal(done.code, 0, done.stderr)
    assert.equal(done.stdout, 'to the context’s subscriber\n')
  })

  it('request uses the context’s inbox_prefix and stream add its jetstream_domain', async () => {
    const h = natscliHome()
    const replies: string[] = []
    const svc = nc.subscribe('ctxdir.svc', {
      callback: (_err, msg) => {
        replies.push(msg.reply ?? '')
        msg.respond('pong')
      },
    })
    await nc.flush()
    const r = await runCli(['req', 'ctxdir.svc', 'ping'], {env: h.env})
    svc.unsubscribe()
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout.trim(), 'pong')
    assert.equal(replies.length, 1)
    assert.ok(replies[0].startsWith('_DEV_INBOX.'), `reply subject ${replies[0]}`)

    const add = await runCli(['s', 'add', 'CTXDIR', '--subjects', 'ctxdir.js.>', '--defaults'], {env: h.env})
    assert.equal(add.code, 0, add.stderr)
    const jsm = await jetstreamManager(nc, {domain: 'hub'})
    assert.equal((await jsm.streams.info('CTXDIR')).config.subjects[0], 'ctxdir.js.>')
    // A context naming a domain nobody serves fails: the domain is used, not ignored.
    const other = await runCli(['--context', 'elsewhere', 'stream', 'ls'], {env: h.env, timeoutMs: 20_000})
    assert.equal(other.code, 1)
  })

  it('context add and context copy keep every field natsctl does not know', async () => {
    const h = natscliHome()
    const before = file(h, 'dev')
    const add = await runCli(['context', 'add', 'dev', '--description', 'Dev (EU)', '--server', `${server.url},nats://127.0.0.1:2`], {
      env: h.env,
    })
    assert.equal(add.code, 0, add.stderr)
    const after = file(h, 'dev')
    assert.deepEqual(after, {...before, description: 'Dev (EU)', url: `${server.url},nats://127.0.0.1:2`})
    // natscli's key order stays, the unknown field after them.
    assert.deepEqual(Object.keys(after), [...NATSCLI_KEYS, 'future_field'])

    const copy = await runCli(['context', 'cp', 'dev', 'dev2', '--description', 'copy'], {env: h.env})
    assert.equal(copy.code, 0, copy.stderr)
    assert.deepEqual(file(h, 'dev2'), {...after, description: 'copy'})

    // And the rewritten context still connects.
    const listener = await listen(server.url, 'ctxdir.after', {user: 'a', pass: 'b'})
    try {
      assert.equal((await runCli(['--context', 'dev2', 'pub', 'ctxdir.after', 'still works'], {env: h.env})).code, 0)
      assert.deepEqual(await listener.settle(), ['still works'])
    } finally {
      await listener.close()
    }
  })
})
