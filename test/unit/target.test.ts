import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {chooseContext, parseServerUrl, resolveTarget} from '../../src/lib/target.js'

const ctx = (settings: Record<string, unknown>) => ({name: 'c', path: '/tmp/c.json', settings})

describe('resolveTarget precedence: flag > env > context > default', () => {
  it('uses the embedded broker "local" when nothing is configured', () => {
    const t = resolveTarget({}, {}, undefined)
    assert.equal(t.embedded, 'local')
    assert.deepEqual(t.servers, [])
    assert.equal(t.timeoutMs, 5000)
  })

  it('flag beats env beats context for the server', () => {
    const context = ctx({url: 'nats://ctx:1'})
    assert.deepEqual(resolveTarget({server: 'nats://flag:1'}, {NATS_URL: 'nats://env:1'}, context).servers, ['nats://flag:1'])
    assert.deepEqual(resolveTarget({}, {NATS_URL: 'nats://env:1'}, context).servers, ['nats://env:1'])
    assert.deepEqual(resolveTarget({}, {}, context).servers, ['nats://ctx:1'])
  })

  it('a context without a url uses the natscli default server, not the embedded broker', () => {
    const t = resolveTarget({}, {}, ctx({description: 'x'}))
    assert.equal(t.embedded, undefined)
    assert.deepEqual(t.servers, ['nats://127.0.0.1:4222'])
  })

  it('splits comma-separated server lists', () => {
    assert.deepEqual(resolveTarget({server: 'nats://a:1, nats://b:2'}, {}, undefined).servers, ['nats://a:1', 'nats://b:2'])
  })

  it('takes user:password and token from a URL', () => {
    const withUser = resolveTarget({server: 'nats://bob:s3cret@h:4222'}, {}, undefined)
    assert.deepEqual(withUser.servers, ['nats://h:4222'])
    assert.equal(withUser.auth.user, 'bob')
    assert.equal(withUser.auth.password, 's3cret')
    const withToken = resolveTarget({server: 'nats://tok@h:4222'}, {}, undefined)
    assert.equal(withToken.auth.token, 'tok')
  })

  it('treats auth as a group: a --creds flag replaces the context user and password', () => {
    const t = resolveTarget({creds: '/x.creds'}, {}, ctx({url: 'nats://h:1', user: 'u', password: 'p'}))
    assert.equal(t.auth.creds, '/x.creds')
    assert.equal(t.auth.user, undefined)
    assert.equal(t.auth.password, undefined)
  })

  it('env credentials beat context credentials', () => {
    const t = resolveTarget({}, {NATS_USER: 'eu', NATS_PASSWORD: 'ep'}, ctx({user: 'u', password: 'p'}))
    assert.equal(t.auth.user, 'eu')
    assert.equal(t.auth.password, 'ep')
  })

  it('a user without a password is a token (natscli)', () => {
    const t = resolveTarget({user: 'abc'}, {}, undefined)
    assert.equal(t.auth.token, 'abc')
    assert.equal(t.auth.user, undefined)
  })

  it('timeout: flag > NATS_TIMEOUT > 5s, and rejects nonsense', () => {
    assert.equal(resolveTarget({timeout: '500ms'}, {NATS_TIMEOUT: '2s'}, undefined).timeoutMs, 500)
    assert.equal(resolveTarget({}, {NATS_TIMEOUT: '2s'}, undefined).timeoutMs, 2000)
    assert.throws(() => resolveTarget({timeout: 'soon'}, {}, undefined), /invalid timeout/)
  })

  it('JetStream domain, API prefix, inbox prefix and TLS come from flags over the context', () => {
    const context = ctx({jetstream_domain: 'cd', inbox_prefix: '_CI', ca: '/ctx/ca.pem', tls_first: true})
    const t = resolveTarget({'js-domain': 'fd', tlsca: '/flag/ca.pem'}, {}, context)
    assert.equal(t.jsDomain, 'fd')
    assert.equal(t.inboxPrefix, '_CI')
    assert.deepEqual(t.tls, {cert: undefined, key: undefined, ca: '/flag/ca.pem', first: true})
  })

  it('--embedded names a broker and refuses --server', () => {
    assert.equal(resolveTarget({embedded: 'edge'}, {NATS_URL: 'nats://x:1'}, undefined).embedded, 'edge')
    assert.throws(() => resolveTarget({embedded: 'edge', server: 'nats://x:1'}, {}, undefined), /cannot be used together/)
  })
})

describe('chooseContext', () => {
  it('flag beats NATS_CONTEXT beats the selected context; --no-context wins over all', () => {
    assert.deepEqual(chooseContext({context: 'a'}, {NATS_CONTEXT: 'b'}), {kind: 'named', nameOrPath: 'a'})
    assert.deepEqual(chooseContext({}, {NATS_CONTEXT: 'b'}), {kind: 'named', nameOrPath: 'b'})
    assert.deepEqual(chooseContext({}, {}), {kind: 'selected'})
    assert.deepEqual(chooseContext({'no-context': true}, {NATS_CONTEXT: 'a'}), {kind: 'none'})
    assert.throws(() => chooseContext({'no-context': true, context: 'a'}, {}), /--context and --no-context cannot be used together/)
  })
})

describe('parseServerUrl', () => {
  it('accepts host:port and the NATS schemes, rejects others', () => {
    assert.equal(parseServerUrl('localhost:4222').url, 'nats://localhost:4222')
    assert.equal(parseServerUrl('tls://h:1').url, 'tls://h:1')
    assert.throws(() => parseServerUrl('http://h:1'), /unsupported scheme/)
    assert.throws(() => parseServerUrl('nats://'), /invalid server URL/)
    assert.throws(() => parseServerUrl('nats://h:99999'), /invalid server URL/)
  })
})

describe('resolveTarget credentials across layers', () => {
  it('pairs --user with NATS_PASSWORD (as the --password help advises)', () => {
    const t = resolveTarget({user: 'a'}, {NATS_PASSWORD: 'b'}, undefined)
    assert.equal(t.auth.user, 'a')
    assert.equal(t.auth.password, 'b')
    assert.equal(t.auth.token, undefined)
  })

  it('pairs a flag password with a context user', () => {
    const t = resolveTarget({password: 'p2'}, {}, ctx({user: 'u', password: 'p'}))
    assert.equal(t.auth.user, 'u')
    assert.equal(t.auth.password, 'p2')
  })

  it('does not mix a user from one layer with creds from another', () => {
    const t = resolveTarget({user: 'a'}, {NATS_CREDS: '/x.creds'}, undefined)
    assert.equal(t.auth.creds, undefined)
    assert.equal(t.auth.token, 'a')
  })
})
