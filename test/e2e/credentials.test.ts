// Every credential a natscli context may hold, end to end through `pub` against real servers: nsc:// and
// op:// lookups through the tools natscli uses (stand-ins for `nsc` and `op` on PATH print what the real
// ones print), --jwt/--seed and NATS_JWT/NATS_SEED, conflicting credentials refused, and --trace.
import assert from 'node:assert/strict'
import {chmodSync, mkdirSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {makeHome, runCli, type CliResult, type TestHome} from '../helpers/cli.js'
import {startServer, stopAllServers, type TestServer} from '../helpers/nats-server.js'
import {listen, operatorSetup} from './connection-support.js'

const setup = operatorSetup()
let operatorServer: TestServer
let passwordServer: TestServer
let h: TestHome
let tools: string
let credsFile: string

before(async () => {
  ;[operatorServer, passwordServer] = await Promise.all([
    startServer({jetstream: false, extraConfig: setup.serverConfig}),
    startServer({jetstream: false, extraConfig: 'authorization { users: [ {user: app, password: "pa$$ word"} ] }'}),
  ])
  h = makeHome()
  credsFile = join(h.dir, 'user.creds')
  writeFileSync(credsFile, setup.userCreds, {mode: 0o600})
  // Stand-ins for the real tools: they check the arguments natsctl passes and print what the tools print.
  tools = join(h.dir, 'bin')
  mkdirSync(tools)
  const script = (name: string, body: string) => {
    writeFileSync(join(tools, name), `#!/bin/sh\n${body}\n`)
    chmodSync(join(tools, name), 0o755)
  }
  script(
    'nsc',
    `[ "$1 $2 $3" = "generate profile nsc://OP/ACC/app" ] || { echo "nsc: no such user $3" >&2; exit 1; }
printf '{"user_creds": "%s", "operator": {"service": ["${operatorServer.url}"]}}' "${credsFile}"`,
  )
  script(
    'op',
    `[ "$1 $2 $3" = "read --no-newline op://vault/nats/password" ] || { echo "[ERROR] could not read $3" >&2; exit 1; }
printf '%s' 'pa$$ word'`,
  )
})

after(async () => {
  await stopAllServers()
  h.cleanup()
})

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runCli(args, {env: {...h.env, ...env}})
}

function writeContext(name: string, settings: Record<string, unknown>): void {
  const dir = join(h.configDir, 'nats', 'context')
  mkdirSync(dir, {recursive: true, mode: 0o700})
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(settings), {mode: 0o600})
}

const withTools = () => ({PATH: `${tools}:${process.env.PATH}`})
const withoutTools = () => ({PATH: '/usr/bin:/bin'})

describe('credentials a context may hold', () => {
  it("nsc://: a context's nsc lookup connects as that user (and to the operator's servers when it names none)", async () => {
    const l = await listen(operatorServer.url, 'nsc.>', {
      authenticator: (await import('@nats-io/transport-node')).jwtAuthenticator(setup.userJwt, setup.userSeed),
    })
    try {
      writeContext('nscuser', {url: operatorServer.url, nsc: 'nsc://OP/ACC/app'})
      const r = await cli(['pub', 'nsc.ctx', 'one', '--context', 'nscuser'], withTools())
      assert.equal(r.code, 0, r.stderr)
      writeContext('nscnourl', {nsc: 'nsc://OP/ACC/app'})
      const fromProfile = await cli(['pub', 'nsc.profile', 'two', '--context', 'nscnourl'], withTools())
      assert.equal(fromProfile.code, 0, fromProfile.stderr)
      writeContext('nsccreds', {url: operatorServer.url, creds: 'nsc://OP/ACC/app'})
      const asCreds = await cli(['pub', 'nsc.creds', 'three', '--context', 'nsccreds'], withTools())
      assert.equal(asCreds.code, 0, asCreds.stderr)
      assert.deepEqual(await l.settle(), ['one', 'two', 'three'])
    } finally {
      await l.close()
    }
  })

  it('nsc:// without the nsc tool, or for an unknown user, fails naming it: never connects without credentials', async () => {
    writeContext('nscmissing', {url: operatorServer.url, nsc: 'nsc://OP/ACC/app'})
    const missing = await cli(['pub', 'x', 'y', '--context', 'nscmissing'], withoutTools())
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, "natsctl: error: nsc: nsc:// needs the nsc tool ('nsc'), which is not installed (not found on PATH)\n")
    writeContext('nscunknown', {url: operatorServer.url, nsc: 'nsc://OP/ACC/nobody'})
    const unknown = await cli(['pub', 'x', 'y', '--context', 'nscunknown'], withTools())
    assert.equal(unknown.code, 1)
    assert.equal(unknown.stderr, 'natsctl: error: nsc: nsc could not resolve nsc://OP/ACC/nobody: nsc: no such user nsc://OP/ACC/nobody\n')
  })

  it("op://: a password from 1Password's CLI; without it, one line naming the scheme and the tool", async () => {
    const l = await listen(passwordServer.url, 'op.>', {user: 'app', pass: 'pa$$ word'})
    try {
      writeContext('onepw', {url: passwordServer.url, user: 'app', password: 'op://vault/nats/password'})
      const r = await cli(['pub', 'op.ctx', 'secret-ok', '--context', 'onepw'], withTools())
      assert.equal(r.code, 0, r.stderr)
      assert.deepEqual(await l.settle(), ['secret-ok'])
    } finally {
      await l.close()
    }
    const missing = await cli(['pub', 'x', 'y', '--context', 'onepw'], withoutTools())
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, "natsctl: error: password: op:// needs 1Password's CLI ('op'), which is not installed (not found on PATH)\n")
    writeContext('opcreds', {url: operatorServer.url, creds: 'op://vault/nats/creds'})
    const badItem = await cli(['pub', 'x', 'y', '--context', 'opcreds'], withTools())
    assert.equal(badItem.code, 1)
    assert.match(badItem.stderr, /^natsctl: error: creds: op could not resolve op:\/\/vault\/nats\/creds: \[ERROR\] could not read/)
  })

  it('--jwt/--seed and NATS_JWT/NATS_SEED authenticate as the user they name', async () => {
    const l = await listen(operatorServer.url, 'jwt.>', {
      authenticator: (await import('@nats-io/transport-node')).jwtAuthenticator(setup.userJwt, setup.userSeed),
    })
    try {
      const seedFile = join(h.dir, 'user.nk')
      writeFileSync(seedFile, new TextDecoder().decode(setup.userSeed), {mode: 0o600})
      const flags = await cli(['pub', 'jwt.flags', '1', '-s', operatorServer.url, '--jwt', setup.userJwt, '--seed', seedFile])
      assert.equal(flags.code, 0, flags.stderr)
      const env = await cli(['pub', 'jwt.env', '2', '-s', operatorServer.url], {NATS_JWT: setup.userJwt, NATS_SEED: seedFile})
      assert.equal(env.code, 0, env.stderr)
      assert.deepEqual(await l.settle(), ['1', '2'])
    } finally {
      await l.close()
    }
  })
})

describe('conflicting settings', () => {
  it('refuses two kinds of credentials in one place, and --context with --no-context (exit 2, naming both)', async () => {
    const cases: Array<[string[], NodeJS.ProcessEnv, string]> = [
      [['--user', 'a', '--token', 't'], {}, 'too many types of credentials in flags: --user and --token; choose one'],
      [['--creds', 'x.creds', '--nkey', 'x.nk'], {}, 'too many types of credentials in flags: --creds and --nkey; choose one'],
      [[], {NATS_USER: 'a', NATS_TOKEN: 't'}, 'too many types of credentials in environment variables: NATS_USER and NATS_TOKEN; choose one'],
      [['--context', 'x', '--no-context'], {}, '--context and --no-context cannot be used together'],
    ]
    for (const [flags, env, message] of cases) {
      const r = await cli(['pub', 'x', 'y', '-s', passwordServer.url, ...flags], env)
      assert.equal(r.code, 2, `${flags.join(' ')}: ${r.stderr}`)
      assert.equal(r.stderr, `natsctl: error: ${message}\n`)
    }
  })
})

describe('--trace', () => {
  it('prints the protocol conversation on stderr with the password masked; stdout keeps only data', async () => {
    const r = await cli(['request', 'nobody.home', 'x', '-s', passwordServer.url, '--user', 'app', '--trace', '--timeout', '500ms'], {
      NATS_PASSWORD: 'pa$$ word',
    })
    assert.equal(r.stdout, '')
    assert.match(r.stderr, /^> INFO \{/m)
    assert.match(r.stderr, /^< CONNECT \{.*"user":"app","pass":"\*\*\*"/m)
    assert.match(r.stderr, /PUB nobody\.home _INBOX\./)
    assert.doesNotMatch(r.stderr, /pa\$\$ word/)
  })
})

describe('tls://', () => {
  it('means TLS or an error naming the server: the password never goes out in plain text', async () => {
    // A server that speaks NATS but offers no TLS, recording everything the client sends.
    const received: string[] = []
    const plain = createServer((socket) => {
      socket.write('INFO {"server_id":"plain","version":"2.9.10","proto":1,"headers":true,"max_payload":1048576}\r\n')
      socket.on('data', (chunk) => received.push(chunk.toString()))
    })
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve))
    const port = (plain.address() as {port: number}).port
    try {
      const r = await cli(['pub', 'x', 'y', '-s', `tls://127.0.0.1:${port}`, '--user', 'app', '--timeout', '2s'], {
        NATS_PASSWORD: 'plain-text-secret',
      })
      assert.equal(r.code, 1)
      assert.equal(
        r.stderr,
        `natsctl: error: TLS was asked for (tls:// or a --tls flag) but tls://127.0.0.1:${port} offers no TLS: not connecting in plain text\n`,
      )
      assert.doesNotMatch(received.join(''), /CONNECT|plain-text-secret/)
    } finally {
      plain.close()
    }
  })
})
