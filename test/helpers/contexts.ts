// Context files for the context command tests: temporary homes, natscli-written files, and where natsctl
// keeps them (XDG_CONFIG_HOME/nats/context/NAME.json, the selection in nats/context.txt).
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {after} from 'node:test'

import {makeHome, type TestHome} from './cli.js'

/** A new temporary home each call, all removed after the test file (call at the top of a test file). */
export function homesForThisFile(): () => TestHome {
  const homes: TestHome[] = []
  after(() => {
    for (const h of homes) h.cleanup()
  })
  return () => {
    const h = makeHome()
    homes.push(h)
    return h
  }
}

export const ctxDir = (h: TestHome) => join(h.configDir, 'nats', 'context')
export const ctxFile = (h: TestHome, name: string) => join(ctxDir(h), `${name}.json`)
export const readCtx = (h: TestHome, name: string) => JSON.parse(readFileSync(ctxFile(h, name), 'utf8')) as Record<string, unknown>
/** The selected context's name, undefined when none is selected. */
export const selected = (h: TestHome) => {
  const file = join(h.configDir, 'nats', 'context.txt')
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined
}
// A port nothing listens on: a context command that tried to connect would fail.
export const NOWHERE = 'nats://127.0.0.1:1'

/** A context file exactly as natscli writes it, plus fields natsctl does not know. */
export function writeNatscliContext(h: TestHome, name: string, fields: Record<string, unknown> = {}): void {
  mkdirSync(ctxDir(h), {recursive: true, mode: 0o700})
  const natscli = {
    description: 'written by natscli',
    url: NOWHERE,
    socks_proxy: '',
    token: '',
    user: 'a',
    password: 'b',
    creds: '',
    nkey: '',
    cert: '',
    key: '',
    ca: '',
    nsc: '',
    jetstream_domain: 'hub',
    jetstream_api_prefix: '',
    jetstream_event_prefix: '',
    inbox_prefix: '',
    user_jwt: '',
    user_seed: '',
    color_scheme: 'blue',
    tls_first: false,
    windows_cert_store: '',
    windows_cert_match_by: '',
    windows_cert_match: '',
    windows_ca_certs_match: [],
    future_field: 1,
    ...fields,
  }
  writeFileSync(ctxFile(h, name), JSON.stringify(natscli, null, 2), {mode: 0o600})
}

/** A minimal context file: a description and a URL nothing listens on. */
export function writeContext(h: TestHome, name: string, description: string): void {
  mkdirSync(ctxDir(h), {recursive: true, mode: 0o700})
  writeFileSync(ctxFile(h, name), JSON.stringify({description, url: NOWHERE}), {mode: 0o600})
}
