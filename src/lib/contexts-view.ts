// How the `context` commands show a context: natscli's column view for people, a JSON object for scripts.
// Secrets are masked in both unless the user asks to see them. No NATS client here: context commands never
// connect.

import {accessSync, constants} from 'node:fs'

import {expandPath} from './credentials.js'
import {type ContextSettings, type LoadedContext, maskSecrets} from './contexts.js'
import {environmentOverrides} from './target.js'
import {verdict} from './ui/colour.js'
import {type Row, renderSections} from './ui/columns.js'

/** The JSON shape of one context: its name, then natscli's fields (secrets masked unless showSecrets). */
export function contextJson(loaded: LoadedContext, options: {showSecrets?: boolean} = {}): Record<string, unknown> {
  const settings = options.showSecrets ? loaded.settings : maskSecrets(loaded.settings)
  return {name: loaded.name, ...settings}
}

/**
 * natscli's file check: `OK` when the file is readable, `ERROR` when not; references that are not files
 * are named for what they are.
 */
export function fileStatus(value: string): string {
  if (value.startsWith('data:')) return 'embedded'
  if (value.startsWith('env://')) return 'runtime environment'
  if (value.startsWith('op://')) return '1Password'
  if (value.startsWith('nsc://')) return 'nsc'
  try {
    accessSync(expandPath(value), constants.R_OK)
    return 'OK'
  } catch {
    return 'ERROR'
  }
}

/** natscli's `context info` view. */
export function renderContextInfo(loaded: LoadedContext, options: {extraRows?: Row[]; showSecrets?: boolean} = {}): string {
  const s: ContextSettings = options.showSecrets ? loaded.settings : maskSecrets(loaded.settings)
  const text = (value: unknown) => (typeof value === 'string' ? value : '')
  const rows: Row[] = []
  const add = (label: string, value: unknown) => {
    if (text(value) !== '') rows.push([label, text(value)])
  }
  const addFile = (label: string, field: string) => {
    const raw = text(loaded.settings[field])
    if (raw === '') return
    const shown = text(s[field])
    // Masked values are secrets held inline (or always-secret fields): no path to check.
    if (shown === '***') rows.push([label, raw.startsWith('data:') ? '*** (embedded)' : '***'])
    else rows.push([label, `${shown} (${fileVerdict(fileStatus(raw))})`])
  }
  add('Description', s.description)
  add('Server URLs', s.url === '' || s.url === undefined ? 'nats://127.0.0.1:4222' : s.url)
  add('SOCKS5 Proxy', s.socks_proxy)
  add('Username', s.user)
  add('Password', s.password)
  add('Token', s.token)
  addFile('Credentials', 'creds')
  addFile('NKey', 'nkey')
  addFile('User JWT', 'user_jwt')
  addFile('User Seed', 'user_seed')
  addFile('Certificate', 'cert')
  addFile('Key', 'key')
  addFile('CA', 'ca')
  if (s.tls_first === true) rows.push(['TLS First', 'true'])
  add('NSC Lookup', s.nsc)
  add('JS API Prefix', s.jetstream_api_prefix)
  add('JS Event Prefix', s.jetstream_event_prefix)
  add('JS Domain', s.jetstream_domain)
  add('Inbox Prefix', s.inbox_prefix)
  add('Color Scheme', s.color_scheme)
  rows.push(['Path', loaded.path], ...(options.extraRows ?? []))
  return renderSections(`NATS Configuration Context "${loaded.name}"`, [{rows}])
}

/** OK and ERROR are verdicts (coloured on a terminal); the other file statuses name what the value is. */
function fileVerdict(status: string): string {
  return status === 'OK' || status === 'ERROR' ? verdict(status) : status
}

/** natscli's warning (for stderr) when NATS_* variables will override what a context says. */
function environmentWarning(overrides: string[]): string | undefined {
  return overrides.length > 0
    ? `${verdict('WARNING', process.stderr)}: Shell environment overrides in place using [${overrides.join(' ')}]`
    : undefined
}

/** What a command needs to show a context: oclif's log (silent under --json) and the JSON switch. */
interface ContextOutput {
  jsonEnabled(): boolean
  log(message?: string): void
}

/**
 * Shows a context as `context info` does (the column view, then natscli's environment warning on stderr)
 * and returns its JSON shape, which the command returns for --json.
 */
export function showContext(out: ContextOutput, loaded: LoadedContext, options: {showSecrets?: boolean} = {}): Record<string, unknown> {
  if (!out.jsonEnabled()) {
    out.log(renderContextInfo(loaded, options))
    const warning = environmentWarning(environmentOverrides(process.env))
    if (warning) process.stderr.write(`${warning}\n`)
  }
  return contextJson(loaded, options)
}
