// A test-side NATS client that records what arrives on a subject, to check which server got the CLI's
// message and what it carried. Not a test file (no .test.ts): imported by the e2e and context tests.
import {randomBytes} from 'node:crypto'

import {createAccount, createOperator, createUser, type KeyPair} from '@nats-io/nkeys'
import {connect, type NatsConnection, type NodeConnectionOptions} from '@nats-io/transport-node'

export interface Listener {
  messages: string[]
  /** Round-trips to the server, so everything it routed before now has arrived. */
  settle(): Promise<string[]>
  close(): Promise<void>
}

export async function listen(url: string, subject: string, auth: Partial<NodeConnectionOptions> = {}): Promise<Listener> {
  const nc: NatsConnection = await connect({servers: url, reconnect: false, ...auth})
  const messages: string[] = []
  nc.subscribe(subject, {
    callback: (_err, msg) => {
      messages.push(msg.string())
    },
  })
  await nc.flush()
  return {
    messages,
    async settle() {
      await nc.flush()
      return messages
    },
    close: () => nc.drain(),
  }
}

// --- Minimal NATS JWTs for an operator-mode test server (no @nats-io/jwt dependency: the format is small).

function b64url(data: Uint8Array | string): string {
  return Buffer.from(data).toString('base64url')
}

function encodeJwt(issuer: KeyPair, subject: string, name: string, nats: Record<string, unknown>): string {
  const header = b64url(JSON.stringify({typ: 'JWT', alg: 'ed25519-nkey'}))
  const claims = {
    jti: randomBytes(32).toString('hex').toUpperCase(),
    iat: Math.floor(Date.now() / 1000),
    iss: issuer.getPublicKey(),
    name,
    sub: subject,
    nats: {...nats, version: 2},
  }
  const body = b64url(JSON.stringify(claims))
  const signature = issuer.sign(new TextEncoder().encode(`${header}.${body}`))
  return `${header}.${body}.${b64url(signature)}`
}

export interface OperatorSetup {
  /** Config text for nats-server: operator, memory resolver with the account preloaded. */
  serverConfig: string
  /** A .creds file body for a user of the account. */
  userCreds: string
  /** The same user's seed and JWT (for a test-side client). */
  userJwt: string
  userSeed: Uint8Array
  /** Another user's creds, signed by an account the server does not know. */
  strangerCreds: string
}

const unlimited = {subs: -1, data: -1, payload: -1}

export function operatorSetup(): OperatorSetup {
  const operator = createOperator()
  const account = createAccount()
  const operatorJwt = encodeJwt(operator, operator.getPublicKey(), 'natsctl-test-op', {type: 'operator'})
  const accountJwt = encodeJwt(operator, account.getPublicKey(), 'natsctl-test-acct', {
    type: 'account',
    // conn -1: without it the server allows no connections ("maximum account active connections exceeded").
    limits: {...unlimited, imports: -1, exports: -1, wildcards: true, conn: -1, leaf: -1},
    default_permissions: {pub: {}, sub: {}},
  })
  const creds = (issuer: KeyPair) => {
    const user = createUser()
    const jwt = encodeJwt(issuer, user.getPublicKey(), 'natsctl-test-user', {type: 'user', pub: {}, sub: {}, ...unlimited})
    const seed = new TextDecoder().decode(user.getSeed())
    return {
      jwt,
      seed: user.getSeed(),
      text: `-----BEGIN NATS USER JWT-----\n${jwt}\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n${seed}\n------END USER NKEY SEED------\n`,
    }
  }
  const user = creds(account)
  return {
    serverConfig: `operator: ${operatorJwt}\nresolver: MEMORY\nresolver_preload: { ${account.getPublicKey()}: ${accountJwt} }`,
    userCreds: user.text,
    userJwt: user.jwt,
    userSeed: user.seed,
    strangerCreds: creds(createAccount()).text,
  }
}
