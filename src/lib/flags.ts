// Flag definitions every command shares, and the types oclif infers from them (no hand-written mirrors).
//
// - globalFlags: every command (`--json` comes from oclif's enableJsonFlag, beside these).
// - contextFieldFlags: the connection settings a context file stores, with natscli's names. Connected
//   commands take them as connection flags; `context add` and `context copy` take them as the fields to write.
// - connectionFlags: contextFieldFlags plus the per-run settings (timeout, which context, the embedded broker).
// Environment variables are read by target.ts (not by oclif) so that the precedence flag > environment >
// context lives in one place; the help text names them.

import type {Interfaces} from '@oclif/core'

import {registerConnectionFlags} from './errors.js'
import {Flags} from './oclif.js'

const CONNECTION = 'CONNECTION'
const GLOBAL = 'GLOBAL'

export const globalFlags = {
  color: Flags.boolean({allowNo: true, description: 'colour on a terminal (off in pipes and with NO_COLOR)', helpGroup: GLOBAL}),
}

export const contextFieldFlags = {
  server: Flags.string({char: 's', description: 'NATS server URLs, comma separated [env: NATS_URL]', helpGroup: CONNECTION}),
  user: Flags.string({description: 'user name or token [env: NATS_USER]', helpGroup: CONNECTION}),
  password: Flags.string({description: 'password (prefer NATS_PASSWORD: argv is visible in ps) [env: NATS_PASSWORD]', helpGroup: CONNECTION}),
  token: Flags.string({description: 'authentication token [env: NATS_TOKEN]', helpGroup: CONNECTION}),
  creds: Flags.string({description: 'user credentials file [env: NATS_CREDS]', helpGroup: CONNECTION}),
  nkey: Flags.string({description: 'user NKey seed file [env: NATS_NKEY]', helpGroup: CONNECTION}),
  jwt: Flags.string({description: 'user JWT, or a file holding it (with --seed) [env: NATS_JWT]', helpGroup: CONNECTION}),
  seed: Flags.string({description: "the user JWT's NKey seed file [env: NATS_SEED]", helpGroup: CONNECTION}),
  tlscert: Flags.string({description: 'TLS client certificate file [env: NATS_CERT]', helpGroup: CONNECTION}),
  tlskey: Flags.string({description: 'TLS client private key file [env: NATS_KEY]', helpGroup: CONNECTION}),
  tlsca: Flags.string({description: 'TLS certificate authority chain file [env: NATS_CA]', helpGroup: CONNECTION}),
  tlsfirst: Flags.boolean({aliases: ['tls-first'], description: 'perform the TLS handshake before the NATS protocol', helpGroup: CONNECTION}),
  'js-domain': Flags.string({aliases: ['domain'], description: 'JetStream domain', helpGroup: CONNECTION}),
  'js-api-prefix': Flags.string({description: 'JetStream API subject prefix', helpGroup: CONNECTION}),
  'inbox-prefix': Flags.string({description: 'custom inbox prefix', helpGroup: CONNECTION}),
}

export const connectionFlags = {
  ...contextFieldFlags,
  timeout: Flags.string({
    description: 'time to wait on responses from NATS, like 500ms, 2s, 1m [env: NATS_TIMEOUT] [default: 5s]',
    helpGroup: CONNECTION,
  }),
  context: Flags.string({description: 'context name, or path to a context .json file [env: NATS_CONTEXT]', helpGroup: CONNECTION}),
  'no-context': Flags.boolean({description: 'ignore the selected context', helpGroup: CONNECTION}),
  'connection-name': Flags.string({description: 'connection name shown to the server', helpGroup: CONNECTION}),
  trace: Flags.boolean({description: 'print the protocol conversation with the server on stderr (secrets masked)', helpGroup: CONNECTION}),
  embedded: Flags.string({
    description: 'use the embedded broker NAME (started when not running); --embedded alone means "local"',
    helpGroup: CONNECTION,
  }),
}

/** Context fields natscli stores that no natsctl command uses yet: `context add` and `copy` write them. */
export const contextOnlyFlags = {
  'js-event-prefix': Flags.string({description: 'subject prefix of JetStream advisories ($JS.EVENT by default)'}),
}

/** The connection flags as parsed: every field optional, so library code can be called with a subset. */
export type ConnectionFlagValues = Partial<Interfaces.InferredFlags<typeof connectionFlags>>
/** The context fields as parsed (`context add`, `context copy`), plus the context's description. */
export type ContextFieldValues = Partial<Interfaces.InferredFlags<typeof contextFieldFlags & typeof contextOnlyFlags>> & {description?: string}

/** Every flag a command may be given before its name (`natsctl -s URL pub x`), as written on the command line. */
function spellings(flags: Record<string, {char?: string; aliases?: string[]; type: string; allowNo?: boolean}>, type: string): string[] {
  return Object.entries(flags)
    .filter(([, flag]) => flag.type === type)
    .flatMap(([name, flag]) => [
      `--${name}`,
      ...(flag.allowNo ? [`--no-${name}`] : []),
      ...(flag.char ? [`-${flag.char}`] : []),
      ...(flag.aliases ?? []).map((a) => `--${a}`),
    ])
}

/** Leading flags that take a value: moved behind the command id by argv.ts. */
export const VALUE_FLAGS = new Set(spellings({...globalFlags, ...connectionFlags}, 'option'))

/** Leading boolean flags (and oclif's --json), likewise. */
export const BOOLEAN_FLAGS = new Set([...spellings({...globalFlags, ...connectionFlags}, 'boolean'), '--json'])

// So a command that does not connect can say so when given one (`broker ls does not connect to NATS: ...`).
registerConnectionFlags([...spellings(connectionFlags, 'option'), ...spellings(connectionFlags, 'boolean')])
