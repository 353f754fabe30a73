// The global connection flags, with natscli's names. Environment variables are read by target.ts (not by
// oclif) so that the precedence flag > environment > context lives in one place; the help text names them.

import {Flags} from './oclif.js'

const helpGroup = 'CONNECTION'

export const connectionFlags = {
  server: Flags.string({char: 's', description: 'NATS server URLs, comma separated [env: NATS_URL]', helpGroup}),
  user: Flags.string({description: 'user name or token [env: NATS_USER]', helpGroup}),
  password: Flags.string({description: 'password (prefer NATS_PASSWORD: argv is visible in ps) [env: NATS_PASSWORD]', helpGroup}),
  token: Flags.string({description: 'authentication token [env: NATS_TOKEN]', helpGroup}),
  creds: Flags.string({description: 'user credentials file [env: NATS_CREDS]', helpGroup}),
  nkey: Flags.string({description: 'user NKey seed file [env: NATS_NKEY]', helpGroup}),
  tlscert: Flags.string({description: 'TLS client certificate file [env: NATS_CERT]', helpGroup}),
  tlskey: Flags.string({description: 'TLS client private key file [env: NATS_KEY]', helpGroup}),
  tlsca: Flags.string({description: 'TLS certificate authority chain file [env: NATS_CA]', helpGroup}),
  tlsfirst: Flags.boolean({aliases: ['tls-first'], description: 'perform the TLS handshake before the NATS protocol', helpGroup}),
  timeout: Flags.string({description: 'time to wait on responses from NATS, like 500ms, 2s, 1m [env: NATS_TIMEOUT] [default: 5s]', helpGroup}),
  context: Flags.string({description: 'context name, or path to a context .json file [env: NATS_CONTEXT]', helpGroup}),
  'no-context': Flags.boolean({description: 'ignore the selected context', helpGroup}),
  'js-domain': Flags.string({aliases: ['domain'], description: 'JetStream domain', helpGroup}),
  'js-api-prefix': Flags.string({description: 'JetStream API subject prefix', helpGroup}),
  'inbox-prefix': Flags.string({description: 'custom inbox prefix', helpGroup}),
  'connection-name': Flags.string({description: 'connection name shown to the server', helpGroup}),
  embedded: Flags.string({
    description: 'use the embedded broker NAME (started when not running); --embedded alone means "local"',
    helpGroup,
  }),
}

/** Global flags that take a value, as written on the command line: used to move them after the command id. */
export const VALUE_FLAGS = new Set(
  Object.entries(connectionFlags)
    .filter(([, flag]) => flag.type === 'option')
    .flatMap(([name, flag]) => [`--${name}`, ...(flag.char ? [`-${flag.char}`] : []), ...(flag.aliases ?? []).map((a) => `--${a}`)]),
)

/** Global boolean flags, as written on the command line. */
export const BOOLEAN_FLAGS = new Set(
  Object.entries(connectionFlags)
    .filter(([, flag]) => flag.type === 'boolean')
    .flatMap(([name, flag]) => [`--${name}`, ...(flag.aliases ?? []).map((a) => `--${a}`)]),
)
