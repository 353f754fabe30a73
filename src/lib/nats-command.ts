// The one base command. It owns the global connection flags, resolves them into a Target (target.ts),
// connects lazily on first use, creates JetStream handles with the domain or API prefix, maps errors to one
// line (errors.ts), and drains the connection at the end so nothing published is lost and the process exits.
// Commands hold only their own flags and logic.

import {Command} from './oclif.js'
import type {Interfaces} from '@oclif/core'

import type {JetStreamClient, JetStreamManager} from '@nats-io/jetstream'
import type {NatsConnection} from '@nats-io/transport-node'

import {type LoadedContext, loadContext, selectedContext} from './contexts.js'
import {type ErrorContext, toNatsctlError} from './errors.js'
import {connectionFlags} from './flags.js'
import {chooseContext, type ConnectionFlagValues, resolveTarget, type Target} from './target.js'

export type NatsFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof NatsCommand)['baseFlags'] & T['flags']>
export type NatsArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

export interface JetStreamOptions {
  /** Overrides the target's domain for this handle (e.g. `stream add --js-domain`). */
  domain?: string
  apiPrefix?: string
}

export abstract class NatsCommand<T extends typeof Command> extends Command {
  static baseFlags = connectionFlags
  static enableJsonFlag = true

  protected flags!: NatsFlags<T>
  protected args!: NatsArgs<T>
  /** Every positional argument, including those past the declared args (for `static strict = false`). */
  protected positionals: string[] = []
  /** What the command is doing, so errors can name the subject, timeout or domain. Commands fill it in. */
  protected errorContext: ErrorContext = {}

  private resolvedTarget?: Target
  private connection?: NatsConnection
  private signalWaiters?: Promise<NodeJS.Signals>
  /** A permission violation the server reported asynchronously (publish violations only arrive this way). */
  private permissionError?: Error

  public async init(): Promise<void> {
    await super.init()
    const ctor = this.ctor as typeof NatsCommand
    // oclif reads a piped stdin into the first missing optional argument (`echo x | natsctl reply svc` would
    // make "x" the reply body). Commands that take a body from stdin (pub, request) read it themselves.
    const args = Object.fromEntries(Object.entries(ctor.args ?? {}).map(([name, arg]) => [name, {...arg, ignoreStdin: true}]))
    const parsed = await this.parse({
      args,
      baseFlags: (super.ctor as typeof NatsCommand).baseFlags,
      enableJsonFlag: ctor.enableJsonFlag,
      flags: ctor.flags,
      strict: ctor.strict,
    })
    this.flags = parsed.flags as NatsFlags<T>
    this.args = parsed.args as NatsArgs<T>
    this.positionals = (parsed.argv as string[]).filter((value) => value !== '')
  }

  /** Where this command connects: flags > environment > context > embedded default. Resolved once. */
  protected target(): Target {
    if (!this.resolvedTarget) {
      const flags = this.flags as ConnectionFlagValues
      const choice = chooseContext(flags, process.env)
      let context: LoadedContext | undefined
      if (choice.kind === 'named') context = loadContext(choice.nameOrPath)
      else if (choice.kind === 'selected') context = selectedContext((message) => this.status(message))
      this.resolvedTarget = resolveTarget(flags, process.env, context, {version: this.config.version})
      this.errorContext.timeoutMs ??= this.resolvedTarget.timeoutMs
      this.errorContext.servers = this.resolvedTarget.servers
    }
    return this.resolvedTarget
  }

  /** The connection, made on first use. An embedded target starts (or finds) its broker first. */
  protected async nc(options: {reconnect?: boolean} = {}): Promise<NatsConnection> {
    if (this.connection) return this.connection
    let target = this.target()
    if (target.embedded) {
      const {ensureBroker} = await import('./broker/index.js')
      const brokerContext = await ensureBroker(target.embedded, {status: (message) => this.status(message)})
      target = {...resolveTarget(this.flags as ConnectionFlagValues, process.env, brokerContext), embedded: target.embedded}
      this.resolvedTarget = target
      this.errorContext.servers = target.servers
    }
    const {connectTarget} = await import('./connect.js')
    this.connection = await connectTarget(target, options)
    this.watchStatus(this.connection)
    return this.connection
  }

  /**
   * The server answers a denied publish with an asynchronous -ERR, which the client only reports through
   * status(): remember it, so the command fails (in finally) instead of exiting 0 as if the message went out.
   */
  private watchStatus(nc: NatsConnection): void {
    void (async () => {
      for await (const s of nc.status()) {
        if (s.type === 'error' && (s.error?.name === 'PermissionViolationError' || s.error?.constructor?.name === 'PermissionViolationError')) {
          this.permissionError ??= s.error
        }
      }
    })().catch(() => {})
  }

  /** Throws the permission violation the server reported, if any (for commands that want to fail early). */
  protected throwIfPermissionDenied(): void {
    if (this.permissionError) throw toNatsctlError(this.permissionError, this.errorContext)
  }

  /** A JetStream client with the target's domain or API prefix (or the ones given). */
  protected async js(options: JetStreamOptions = {}): Promise<JetStreamClient> {
    const nc = await this.nc()
    const {jetstream} = await import('@nats-io/jetstream')
    return jetstream(nc, this.jetStreamOptions(options))
  }

  /** A JetStream manager with the target's domain or API prefix (or the ones given). */
  protected async jsm(options: JetStreamOptions = {}): Promise<JetStreamManager> {
    const nc = await this.nc()
    const {jetstreamManager} = await import('@nats-io/jetstream')
    const opts = this.jetStreamOptions(options)
    // The client deletes `domain` from the options it is given (it becomes the API prefix): keep it for errors.
    const jsDomain = opts.domain
    try {
      return await jetstreamManager(nc, {...opts})
    } catch (error) {
      throw toNatsctlError(error, {...this.errorContext, jsDomain})
    }
  }

  private jetStreamOptions(options: JetStreamOptions): {domain?: string; apiPrefix?: string; timeout: number} {
    const target = this.target()
    const domain = options.domain ?? (options.apiPrefix ? undefined : target.jsDomain)
    const apiPrefix = options.apiPrefix ?? (domain ? undefined : target.jsApiPrefix)
    if (domain) this.errorContext.jsDomain = domain
    return {...(domain ? {domain} : {}), ...(apiPrefix ? {apiPrefix} : {}), timeout: target.timeoutMs}
  }

  /** A status line on stderr (data goes to stdout, so pipes carry only data). */
  protected status(message: string): void {
    process.stderr.write(`${message}\n`)
  }

  /**
   * Resolves on the first SIGINT, SIGTERM or SIGHUP. Long-running commands race their work against it and
   * then return normally, so finally() drains and the exit code is 0.
   */
  protected untilSignal(): Promise<NodeJS.Signals> {
    this.signalWaiters ??= new Promise((resolve) => {
      const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
      const handler = (signal: NodeJS.Signals) => {
        for (const s of signals) process.off(s, handler)
        // A second signal while draining stops at once.
        for (const s of signals) process.once(s, () => process.exit(130))
        resolve(signal)
      }
      for (const s of signals) process.on(s, handler)
    })
    return this.signalWaiters
  }

  protected async catch(error: Interfaces.CommandError): Promise<never> {
    throw toNatsctlError(error, this.errorContext)
  }

  protected async finally(error: Error | undefined): Promise<unknown> {
    await this.closeConnection()
    // drain() flushed, so a -ERR for what was published has arrived; let the status loop see it.
    await new Promise((resolve) => setImmediate(resolve))
    // A denied publish explains a later timeout better than the timeout does, and fails a run that "worked".
    const timedOut = error && /Timeout|NoResponders/.test(`${error.name} ${(error.cause as Error | undefined)?.name ?? ''}`)
    if (this.permissionError && (!error || timedOut)) {
      await super.finally(error)
      throw toNatsctlError(this.permissionError, this.errorContext)
    }
    return super.finally(error)
  }

  /** Drains the connection (flushing what was published), bounded by the timeout, then closes it. */
  protected async closeConnection(): Promise<void> {
    const nc = this.connection
    if (!nc || nc.isClosed()) return
    this.connection = undefined
    const limit = this.resolvedTarget?.timeoutMs ?? 5000
    let timer: NodeJS.Timeout | undefined
    try {
      await Promise.race([
        nc.drain(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('drain timed out')), limit)
        }),
      ])
    } catch {
      await nc.close().catch(() => {})
    } finally {
      clearTimeout(timer)
    }
  }
}
