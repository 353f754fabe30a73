// The connected base: commands that talk to NATS extend it. On top of the plain base (base-command.ts) it
// owns the connection flags, resolves them into a Target (target.ts), connects lazily on first use, creates
// JetStream handles with the domain or API prefix, runs long-lived work (sub, reply, watches) with reconnects
// and bounded output, and drains the connection at the end so nothing published is lost and the process exits.
// Commands hold only their own flags and logic.

import type {Command} from './oclif.js'

import type {JetStreamClient, JetStreamManager} from '@nats-io/jetstream'
import type {KV, Kvm} from '@nats-io/kv'
import type {ObjectStore, Objm} from '@nats-io/obj'
import type {NatsConnection} from '@nats-io/transport-node'

import {BaseCommand, type CommandFlags} from './base-command.js'
import {type LoadedContext, loadContext, selectedContext} from './contexts.js'
import {causeNamed, toNatsctlError} from './errors.js'
import {connectionFlags, globalFlags} from './flags.js'
import type {OutputBuffer} from './messaging/output.js'
import {chooseContext, resolveTarget, type Target} from './target.js'

interface JetStreamOptions {
  /** Overrides the target's domain for this handle (e.g. `stream add --js-domain`). */
  domain?: string
  apiPrefix?: string
}

/** What long-lived work gets from runLongLived(). */
interface LongLived {
  /** A connection that reconnects forever, its drops and returns logged on stderr. */
  nc: NatsConnection
  /** Buffered stdout that waits for a slow reader (see messaging/output.ts). */
  out: OutputBuffer
  /** Resolves at the first SIGINT, SIGTERM or SIGHUP (or a closed stdout pipe): stop taking work then. */
  stop: Promise<NodeJS.Signals>
  /**
   * Takes items from `source` until a signal, its end, or `count` items: `show` writes each (to `out`), and
   * the next item waits until stdout has taken it. Returns how many were shown. For watches.
   */
  follow: <T>(source: AsyncIterable<T>, show: (item: T) => void, count?: number) => Promise<number>
}

export abstract class NatsCommand<T extends typeof Command> extends BaseCommand<T> {
  static baseFlags = {...globalFlags, ...connectionFlags}

  declare protected flags: CommandFlags<typeof NatsCommand, T>

  private resolvedTarget?: Target
  private connection?: NatsConnection
  /** A permission violation the server reported asynchronously (publish violations only arrive this way). */
  private permissionError?: Error

  /** Where this command connects: flags > environment > context > embedded default. Resolved once. */
  protected target(): Target {
    if (!this.resolvedTarget) {
      const choice = chooseContext(this.flags, process.env)
      let context: LoadedContext | undefined
      if (choice.kind === 'named') context = loadContext(choice.nameOrPath)
      else if (choice.kind === 'selected') context = selectedContext((message) => this.status(message))
      this.resolvedTarget = resolveTarget(this.flags, process.env, context, {version: this.config.version})
      this.errorContext.timeoutMs ??= this.resolvedTarget.timeoutMs
      this.errorContext.servers = this.resolvedTarget.servers
    }
    return this.resolvedTarget
  }

  /**
   * The connection, made on first use. With nothing configured, natscli's default server or the embedded
   * broker (broker/index.ts); an explicit --embedded target starts (or finds) its broker first.
   */
  protected async nc(options: {reconnect?: boolean} = {}): Promise<NatsConnection> {
    if (this.connection) return this.connection
    let target = this.target()
    if (target.embedded) {
      const broker = await import('./broker/index.js')
      const status = (message: string) => this.status(message)
      const found = target.embeddedDefault
        ? await broker.defaultServer(target.embedded, {status, timeoutMs: target.timeoutMs})
        : {kind: 'broker' as const, context: await broker.ensureBroker(target.embedded, {status})}
      target =
        found.kind === 'url'
          ? {...target, servers: [found.url], embedded: undefined, embeddedDefault: undefined}
          : // The broker's context supplies its URLs: without `embedded` in the flags, or they would be dropped.
            {...resolveTarget({...this.flags, embedded: undefined}, process.env, found.context), embedded: target.embedded}
      this.resolvedTarget = target
      this.errorContext.servers = target.servers
    }
    const {connectTarget} = await import('./connect.js')
    this.connection = await connectTarget(target, options)
    this.watchStatus(this.connection)
    return this.connection
  }

  /**
   * The long-running pattern (sub, reply, watches, `consumer next --wait`): listen for the first signal before
   * connecting, connect with reconnects forever and `>>> Disconnected`/`>>> Reconnected` on stderr, give the
   * work a bounded stdout buffer, and flush it at the end. The work races its loop against `stop` and returns;
   * finally() drains, so the exit code is 0.
   */
  protected async runLongLived<R>(work: (session: LongLived) => Promise<R>): Promise<R> {
    const stop = this.untilSignal()
    const nc = await this.nc({reconnect: true})
    const [{logConnectionEvents}, {OutputBuffer}] = await Promise.all([import('./messaging/connection-log.js'), import('./messaging/output.js')])
    logConnectionEvents(nc, (message) => this.status(message))
    const out = new OutputBuffer()
    const stopped = stop.then(() => undefined)
    const follow = async <T>(source: AsyncIterable<T>, show: (item: T) => void, count?: number): Promise<number> => {
      const items = source[Symbol.asyncIterator]()
      let shown = 0
      for (;;) {
        if (count !== undefined && shown >= count) break
        const next = await Promise.race([items.next(), stopped])
        if (!next || next.done) break
        show(next.value)
        shown++
        await out.ready()
      }
      return shown
    }
    try {
      return await work({follow, nc, out, stop})
    } finally {
      await out.end()
    }
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

  /** The key-value bucket manager, on a JetStream client with the target's domain or API prefix. */
  protected async kvm(options: JetStreamOptions = {}): Promise<Kvm> {
    const [js, {Kvm}] = await Promise.all([this.js(options), import('@nats-io/kv')])
    return new Kvm(js)
  }

  /** An existing key-value bucket (`bucket "X" not found` when it is not there), in the target's domain. */
  protected async kv(bucket: string, options: JetStreamOptions = {}): Promise<KV> {
    const jsm = await this.jsm(options)
    const {openBucket} = await import('./kv/open.js')
    return openBucket(await this.js(options), jsm, bucket)
  }

  /** The object store manager, on a JetStream client with the target's domain or API prefix. */
  protected async objm(options: JetStreamOptions = {}): Promise<Objm> {
    const [js, {Objm}] = await Promise.all([this.js(options), import('@nats-io/obj')])
    return new Objm(js)
  }

  /** An existing object store bucket (`bucket "X" not found` when it is not there), in the target's domain. */
  protected async os(bucket: string, options: JetStreamOptions = {}): Promise<ObjectStore> {
    await this.jsm(options) // JetStream is there (a missing domain is named), before the bucket is looked up
    const {openObjectStore} = await import('./obj/open.js')
    return openObjectStore(await this.objm(options), bucket)
  }

  private jetStreamOptions(options: JetStreamOptions): {domain?: string; apiPrefix?: string; timeout: number} {
    const target = this.target()
    const domain = options.domain ?? (options.apiPrefix ? undefined : target.jsDomain)
    const apiPrefix = options.apiPrefix ?? (domain ? undefined : target.jsApiPrefix)
    if (domain) this.errorContext.jsDomain = domain
    return {...(domain ? {domain} : {}), ...(apiPrefix ? {apiPrefix} : {}), timeout: target.timeoutMs}
  }

  protected async finally(error: Error | undefined): Promise<unknown> {
    await this.closeConnection()
    // drain() flushed, so a -ERR for what was published has arrived; let the status loop see it.
    await new Promise((resolve) => setImmediate(resolve))
    // A denied publish explains a later timeout better than the timeout does, and fails a run that "worked".
    const timedOut = causeNamed(error, 'TimeoutError', 'NoRespondersError') !== undefined
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
