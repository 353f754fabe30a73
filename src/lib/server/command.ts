// The base for commands that ask the system account (server ls, ping, info, report, request; later server
// check). On any deployment the system account's credentials come from the target as usual (a context,
// flags, environment). When the target is a broker natsctl runs (the embedded default, its context, or its
// URLs) the commands use the broker's own system user instead, from its state file: nothing to configure.

import type {Command} from '../oclif.js'

import type {NatsConnection} from '@nats-io/transport-node'

import {NatsctlError} from '../errors.js'
import {NatsCommand} from '../nats-command.js'
import type {BrokerState} from '../broker/state.js'
import type {Target} from '../target.js'
import {NO_SYSTEM_ACCESS, type Kind, type RequestOptions, serverRequest, type SysReply} from './sys.js'

/** Credentials given explicitly (flags or environment) win over a broker's system user. */
const CREDENTIAL_FLAGS = ['user', 'password', 'token', 'creds', 'nkey'] as const
const CREDENTIAL_ENV = ['NATS_USER', 'NATS_PASSWORD', 'NATS_TOKEN', 'NATS_CREDS', 'NATS_NKEY'] as const

export abstract class SystemCommand<T extends typeof Command> extends NatsCommand<T> {
  private systemConnection?: NatsConnection
  private systemConnecting?: Promise<NatsConnection>
  /** The natsctl broker the target points at, when there is one. */
  protected broker?: BrokerState

  /** A connection that may send system requests: the broker's system user, or the target's own credentials. */
  protected systemNc(): Promise<NatsConnection> {
    // One connection however many requests ask for it at once.
    this.systemConnecting ??= this.connectSystem()
    return this.systemConnecting
  }

  private async connectSystem(): Promise<NatsConnection> {
    const target = this.target()
    const broker = await this.findBroker(target)
    this.broker = broker
    const explicit =
      CREDENTIAL_FLAGS.some((flag) => (this.flags as Record<string, unknown>)[flag] !== undefined) ||
      CREDENTIAL_ENV.some((name) => (process.env[name] ?? '') !== '')
    if (!broker?.systemUser || !broker.systemPassword || explicit) return this.nc()
    const {liveNodes} = await import('../broker/broker.js')
    const urls = liveNodes(broker).map((node) => node.url)
    const systemTarget: Target = {
      ...target,
      servers: urls.length ? urls : broker.urls,
      auth: {user: broker.systemUser, password: broker.systemPassword},
      embedded: undefined,
    }
    this.errorContext.servers = systemTarget.servers
    const {connectTarget} = await import('../connect.js')
    this.systemConnection = await connectTarget(systemTarget)
    return this.systemConnection
  }

  /** Sends a system request (see sys.ts) on the system connection, with the target's timeout. */
  protected async request<R>(kind: Kind, options: Omit<RequestOptions, 'timeoutMs'> & {timeoutMs?: number} = {}): Promise<SysReply<R>[]> {
    const nc = await this.systemNc()
    try {
      return await serverRequest<R>(nc, kind, {timeoutMs: this.target().timeoutMs, inboxPrefix: this.target().inboxPrefix, ...options})
    } catch (error) {
      throw this.explainAccess(error)
    }
  }

  /** A broker started before natsctl gave brokers a system account needs a restart to get one: say so. */
  protected explainAccess(error: unknown): unknown {
    if (error instanceof NatsctlError && error.message.startsWith(NO_SYSTEM_ACCESS) && this.broker && !this.broker.systemUser) {
      return new NatsctlError(
        `${error.message}; broker "${this.broker.name}" was started without a system account: restart it (natsctl broker stop ${this.broker.name} && natsctl broker start ${this.broker.name})`,
      )
    }
    return error
  }

  /**
   * The natsctl broker behind the target: the embedded one (started when it is not running, as every
   * command does), the one whose context is in use, or the one listening on the target's URLs.
   */
  private async findBroker(target: Target): Promise<BrokerState | undefined> {
    const {readState, listStateNames} = await import('../broker/state.js')
    if (target.embedded) {
      const {ensureBroker} = await import('../broker/index.js')
      await ensureBroker(target.embedded, {status: (message) => this.status(message)})
      return readState(target.embedded)
    }
    const {liveNodes} = await import('../broker/broker.js')
    const running = (state: BrokerState | undefined) => (state && liveNodes(state).length > 0 ? state : undefined)
    const contextName = target.context?.name
    if (contextName) {
      const named = running(readState(contextName.replace(/_system$/, '')))
      if (named && named.urls.some((url) => target.servers.includes(url))) return named
    }
    const wanted = new Set(target.servers.map(normaliseUrl))
    for (const name of listStateNames()) {
      const state = running(readState(name))
      if (state?.nodes.some((node) => wanted.has(normaliseUrl(node.url)))) return state
    }
    return undefined
  }

  protected async finally(error: Error | undefined): Promise<unknown> {
    const nc = this.systemConnection
    this.systemConnection = undefined
    if (nc && !nc.isClosed()) await nc.close().catch(() => {})
    return super.finally(error)
  }
}

function normaliseUrl(url: string): string {
  const withScheme = url.includes('://') ? url : `nats://${url}`
  try {
    const parsed = new URL(withScheme)
    return `${parsed.hostname.replace('localhost', '127.0.0.1')}:${parsed.port || '4222'}`
  } catch {
    return url
  }
}
