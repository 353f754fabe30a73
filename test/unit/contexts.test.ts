import assert from 'node:assert/strict'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, describe, it} from 'node:test'

import {
  CONTEXT_FIELDS,
  contextChangesFromFlags,
  contextPath,
  listContexts,
  loadContext,
  maskSecrets,
  maskUrlCredentials,
  mergeContextChanges,
  previousContextName,
  saveContext,
  selectContext,
  selectedContext,
  selectedContextName,
  selectPreviousContext,
  serializeContext,
  unselectContext,
  updateContext,
  validateContextName,
  validateCredentials,
} from '../../src/lib/contexts.js'
import {fileStatus, renderContextInfo} from '../../src/lib/contexts-view.js'
import {renderSections} from '../../src/lib/ui/columns.js'
import {UsageError} from '../../src/lib/errors.js'

const dirs: string[] = []
function home(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'natsctl-contexts-'))
  dirs.push(dir)
  return {XDG_CONFIG_HOME: dir}
}
after(() => {
  for (const d of dirs) rmSync(d, {force: true, recursive: true})
})

describe('context files', () => {
  it('writes every natscli field in natscli order, unknown fields after them', () => {
    const text = serializeContext({future_field: 1, url: 'nats://h:1', description: 'd'})
    const keys = Object.keys(JSON.parse(text))
    assert.deepEqual(keys, [...CONTEXT_FIELDS, 'future_field'])
    const parsed = JSON.parse(text)
    assert.equal(parsed.tls_first, false)
    assert.deepEqual(parsed.windows_ca_certs_match, [])
    assert.equal(parsed.user, '')
  })

  it('saves with 0600 files in 0700 directories', () => {
    const env = home()
    const path = saveContext('one', {url: 'nats://h:1'}, env)
    assert.equal(statSync(path).mode & 0o777, 0o600)
    assert.equal(statSync(join(env.XDG_CONFIG_HOME!, 'nats', 'context')).mode & 0o777, 0o700)
    assert.equal(statSync(join(env.XDG_CONFIG_HOME!, 'nats')).mode & 0o777, 0o700)
  })

  it('updates only the fields given and keeps unknown ones', () => {
    const env = home()
    mkdirSync(join(env.XDG_CONFIG_HOME!, 'nats', 'context'), {recursive: true})
    writeFileSync(contextPath('x', env), JSON.stringify({url: 'nats://a:1', user: 'u', password: 'p', color_scheme: 'blue', future_field: 1}))
    updateContext('x', {description: 'new', url: undefined}, env)
    const saved = JSON.parse(readFileSync(contextPath('x', env), 'utf8'))
    assert.equal(saved.description, 'new')
    assert.equal(saved.url, 'nats://a:1')
    assert.equal(saved.user, 'u')
    assert.equal(saved.password, 'p')
    assert.equal(saved.color_scheme, 'blue')
    assert.equal(saved.future_field, 1)
  })

  it('rejects names with /, \\ or .. and empty names', () => {
    for (const bad of ['a/b', 'a\\b', '..', 'x..y', '']) {
      assert.throws(() => validateContextName(bad), UsageError, bad)
    }
    validateContextName('prod-1.eu')
  })

  it('names the file when a context file is corrupt', () => {
    const env = home()
    mkdirSync(join(env.XDG_CONFIG_HOME!, 'nats', 'context'), {recursive: true})
    writeFileSync(contextPath('bad', env), '{not json')
    assert.throws(
      () => loadContext('bad', env),
      (e: Error) => e.message.includes(contextPath('bad', env)) && /corrupt/.test(e.message),
    )
  })

  it('lists names sorted', () => {
    const env = home()
    saveContext('b', {}, env)
    saveContext('a', {}, env)
    assert.deepEqual(listContexts(env), ['a', 'b'])
  })
})

describe('selection', () => {
  it('selects, remembers the previous one, switches back and unselects', () => {
    const env = home()
    saveContext('a', {}, env)
    saveContext('b', {}, env)
    selectContext('a', env)
    selectContext('b', env)
    assert.equal(selectedContextName(env), 'b')
    assert.equal(previousContextName(env), 'a')
    assert.equal(selectPreviousContext(env), 'a')
    assert.equal(selectedContextName(env), 'a')
    assert.equal(previousContextName(env), 'b')
    assert.equal(unselectContext(env), 'a')
    assert.equal(selectedContextName(env), undefined)
  })

  it('refuses to select an unknown context, and has no previous one at first', () => {
    const env = home()
    assert.throws(() => selectContext('nope', env), /unknown context "nope"/)
    assert.throws(() => selectPreviousContext(env), /no previous context/)
  })

  it('reports a selected context whose file is gone once, and unselects it', () => {
    const env = home()
    saveContext('gone', {}, env)
    selectContext('gone', env)
    rmSync(contextPath('gone', env))
    const warnings: string[] = []
    assert.equal(
      selectedContext((m) => warnings.push(m), env),
      undefined,
    )
    assert.equal(
      selectedContext((m) => warnings.push(m), env),
      undefined,
    )
    assert.deepEqual(warnings, ['The selected context "gone" was not found, unselecting it'])
    assert.equal(selectedContextName(env), undefined)
  })
})

describe('credentials and secrets', () => {
  it('allows one kind of credentials, refuses two (natscli)', () => {
    validateCredentials({user: 'u', password: 'p'})
    validateCredentials({token: 't'})
    validateCredentials({creds: '/x.creds'})
    assert.throws(() => validateCredentials({user: 'u', creds: '/x.creds'}), /too many types of credentials/)
    assert.throws(() => validateCredentials({token: 't', nkey: '/x.nk'}), /too many types of credentials/)
    assert.throws(() => mergeContextChanges({creds: '/x'}, {nkey: '/y'}), UsageError)
  })

  it('maps the connection flags to natscli fields', () => {
    const changes = contextChangesFromFlags({
      server: 's',
      user: 'u',
      password: 'p',
      token: 't',
      creds: 'c',
      nkey: 'n',
      tlscert: 'cert',
      tlskey: 'key',
      tlsca: 'ca',
      tlsfirst: true,
      'js-domain': 'd',
      'js-api-prefix': 'ap',
      'inbox-prefix': 'ip',
      description: 'desc',
      jwt: 'j',
      seed: 'sd',
      'js-event-prefix': 'ev',
    })
    assert.deepEqual(changes, {
      description: 'desc',
      url: 's',
      user: 'u',
      password: 'p',
      token: 't',
      creds: 'c',
      nkey: 'n',
      cert: 'cert',
      key: 'key',
      ca: 'ca',
      tls_first: true,
      jetstream_domain: 'd',
      jetstream_api_prefix: 'ap',
      inbox_prefix: 'ip',
      user_jwt: 'j',
      user_seed: 'sd',
      jetstream_event_prefix: 'ev',
    })
    assert.equal(contextChangesFromFlags({}).tls_first, undefined)
  })

  it('masks passwords, tokens, seeds and inline secrets, not paths', () => {
    const seed = 'SUA' + 'A'.repeat(55)
    const masked = maskSecrets({password: 'p', token: 't', user_seed: seed, user_jwt: 'eyJ.x.y', nkey: seed, creds: 'data:;base64,QQ==', user: 'bob'})
    assert.deepEqual(
      {
        password: masked.password,
        token: masked.token,
        user_seed: masked.user_seed,
        user_jwt: masked.user_jwt,
        nkey: masked.nkey,
        creds: masked.creds,
        user: masked.user,
      },
      {password: '***', token: '***', user_seed: '***', user_jwt: '***', nkey: '***', creds: '***', user: 'bob'},
    )
    assert.equal(maskSecrets({nkey: '/home/x/user.nk', password: ''}).nkey, '/home/x/user.nk')
    assert.equal(maskSecrets({password: ''}).password, '')
  })
})

describe('credentials in URLs', () => {
  it('masks passwords and tokens in server URLs, keeping the user name and hosts', () => {
    assert.equal(maskUrlCredentials('nats://bob:s3cret@h:4222'), 'nats://bob:***@h:4222')
    assert.equal(maskUrlCredentials('nats://tok@h:4222, tls://u:p@g:4222'), 'nats://***@h:4222, tls://u:***@g:4222')
    assert.equal(maskUrlCredentials('nats://h:4222,nats://g:4222'), 'nats://h:4222,nats://g:4222')
    assert.equal(maskSecrets({url: 'nats://bob:s3cret@h:1'}).url, 'nats://bob:***@h:1')
  })
})

describe('info view', () => {
  it('right-aligns labels under the heading', () => {
    assert.equal(
      renderSections('H', [
        {
          rows: [
            ['A', '1'],
            ['Long', '2'],
          ],
        },
      ]),
      'H\n\n     A: 1\n  Long: 2\n',
    )
  })

  it('checks files: OK when readable, ERROR when not', () => {
    const env = home()
    const file = join(env.XDG_CONFIG_HOME!, 'user.creds')
    writeFileSync(file, 'x')
    assert.equal(fileStatus(file), 'OK')
    assert.equal(fileStatus(file + '.missing'), 'ERROR')
    assert.equal(fileStatus('env://X'), 'runtime environment')
  })

  it('shows the fields natscli shows, with secrets masked unless asked', () => {
    const loaded = {name: 'x', path: '/p/x.json', settings: {url: 'nats://h:1', user: 'bob', password: 'hunter2', creds: '/nope.creds'}}
    const text = renderContextInfo(loaded)
    assert.match(text, /^NATS Configuration Context "x"\n\n/)
    assert.match(text, / Server URLs: nats:\/\/h:1\n/)
    assert.match(text, / Username: bob\n/)
    assert.match(text, / Password: \*\*\*\n/)
    assert.match(text, / Credentials: \/nope\.creds \(ERROR\)\n/)
    assert.match(text, / Path: \/p\/x\.json\n/)
    assert.doesNotMatch(text, /hunter2/)
    assert.match(renderContextInfo(loaded, {showSecrets: true}), / Password: hunter2\n/)
  })
})
