// Where a credential setting's value comes from, the way natscli resolves them in contexts and flags:
//   /path or file://path         a file (`~` and $VAR expanded)
//   env://NAME                   an environment variable
//   data:;base64,PAYLOAD         inline
//   op://vault/item/field        1Password's CLI: `op read URI`
//   nsc://Operator/Account/User  the nsc tool: `nsc generate profile URI` names the user's creds file
// Tools are run directly (execFile, no shell), so a value from a context file never becomes shell text. A
// missing tool is one line naming the scheme and the tool: never a silent connection without credentials.

import {spawnSync} from 'node:child_process'
import {homedir} from 'node:os'

import {fileProblem, NatsctlError} from './errors.js'
import {readSmallFile} from './validate.js'

/** Expands `~`, `$VAR` and natscli's `file://` prefix in a path setting. */
export function expandPath(value: string): string {
  let path = value.startsWith('file://') ? value.slice('file://'.length) : value
  if (path === '~' || path.startsWith('~/')) path = homedir() + path.slice(1)
  return path.replace(/\$(\w+)|\$\{(\w+)\}/g, (_, a: string, b: string) => process.env[a ?? b] ?? '')
}

interface CredentialOptions {
  /** A value that is the credential itself rather than a path (a JWT, a seed, a creds text, a password). */
  literalAllowed: (value: string) => boolean
}

/** The credential a setting names. `kind` ("creds", "user seed", ...) names the setting in errors. */
export function readCredential(value: string, kind: string, options: CredentialOptions): string {
  if (value.startsWith('env://')) {
    const name = value.slice('env://'.length)
    const content = process.env[name]
    if (content === undefined) throw new NatsctlError(`${kind}: environment variable ${name} is not set`)
    return content
  }
  if (value.startsWith('data:')) {
    const comma = value.indexOf(',')
    return Buffer.from(value.slice(comma + 1), 'base64').toString('utf8')
  }
  if (value.startsWith('op://')) return runTool('op', ['read', '--no-newline', value], kind, value)
  if (value.startsWith('nsc://')) return readSettingFile(nscProfile(value, kind).user_creds, kind)
  if (options.literalAllowed(value)) return value
  return readSettingFile(value, kind)
}

/** A password setting: a literal, unless it is one of the resolver URIs (natscli: op://, env://, nsc:// are not passwords). */
export function readPassword(value: string): string {
  return /^(op|env|data):/.test(value) ? readCredential(value, 'password', {literalAllowed: () => true}) : value
}

export function readSettingFile(value: string, kind: string): string {
  const path = expandPath(value)
  try {
    return readSmallFile(path)
  } catch (error) {
    throw new NatsctlError(`cannot read ${kind} file ${path}: ${fileProblem(error)}`, {cause: error})
  }
}

/** What `nsc generate profile` tells about a user: its creds file, and the operator's servers. */
interface NscProfile {
  user_creds: string
  operator?: {service?: string[]}
}

export function nscProfile(uri: string, kind = 'nsc'): NscProfile {
  const text = runTool('nsc', ['generate', 'profile', uri], kind, uri)
  let profile: NscProfile
  try {
    profile = JSON.parse(text) as NscProfile
  } catch (error) {
    throw new NatsctlError(`${kind}: nsc generate profile ${uri} did not print a profile`, {cause: error})
  }
  if (typeof profile.user_creds !== 'string' || profile.user_creds === '') {
    throw new NatsctlError(`${kind}: nsc has no credentials for ${uri}`)
  }
  return profile
}

const TOOLS: Record<string, string> = {nsc: "the nsc tool ('nsc')", op: "1Password's CLI ('op')"}

function runTool(tool: string, args: string[], kind: string, uri: string): string {
  const scheme = uri.slice(0, uri.indexOf('://') + 3)
  const result = spawnSync(tool, args, {encoding: 'utf8', maxBuffer: 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000})
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new NatsctlError(`${kind}: ${scheme} needs ${TOOLS[tool]}, which is not installed (not found on PATH)`)
  }
  if (result.error) throw new NatsctlError(`${kind}: ${tool} failed for ${uri}: ${result.error.message}`, {cause: result.error})
  if (result.status !== 0) {
    const reason =
      result.stderr
        .split('\n')
        .map((line) => line.trim())
        .find((line) => line !== '') ?? `exit ${result.status}`
    throw new NatsctlError(`${kind}: ${tool} could not resolve ${uri}: ${reason}`)
  }
  return result.stdout
}
