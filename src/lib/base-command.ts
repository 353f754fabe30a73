// The plain base: what every command has, whether or not it talks to NATS. It parses (so commands read
// `this.flags` and `this.args`), owns the global flags (`--json`, `--color`), status lines on stderr, the
// signal race for long-running work, the confirmation policy for destructive verbs, and error mapping
// (errors.ts). Commands that connect extend NatsCommand (nats-command.ts), which adds the connection.

import {Command} from './oclif.js'
import type {Interfaces} from '@oclif/core'

import {type ErrorContext, toNatsctlError} from './errors.js'
import {globalFlags} from './flags.js'

export type CommandFlags<B extends typeof Command, T extends typeof Command> = Interfaces.InferredFlags<B['baseFlags'] & T['flags']>
type CommandArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

export abstract class BaseCommand<T extends typeof Command> extends Command {
  static baseFlags = globalFlags
  static enableJsonFlag = true

  protected flags!: CommandFlags<typeof BaseCommand, T>
  protected args!: CommandArgs<T>
  /** Every positional argument, including those past the declared args (for `static strict = false`). */
  protected positionals: string[] = []
  /** What the command is doing, so errors can name the subject, timeout or domain. Commands fill it in. */
  protected errorContext: ErrorContext = {}

  private signalWaiters?: Promise<NodeJS.Signals>

  public async init(): Promise<void> {
    await super.init()
    const ctor = this.ctor as typeof BaseCommand
    // oclif reads a piped stdin into the first missing optional argument (`echo x | natsctl reply svc` would
    // make "x" the reply body). Commands that take a body from stdin (pub, request) read it themselves.
    const args = Object.fromEntries(Object.entries(ctor.args ?? {}).map(([name, arg]) => [name, {...arg, ignoreStdin: true}]))
    const parsed = await this.parse({
      args,
      baseFlags: ctor.baseFlags,
      enableJsonFlag: ctor.enableJsonFlag,
      flags: ctor.flags,
      strict: ctor.strict,
    })
    this.flags = parsed.flags as typeof this.flags
    this.args = parsed.args as CommandArgs<T>
    this.positionals = (parsed.argv as string[]).filter((value) => value !== '')
    // Colour: --color/--no-color decide, else the environment and whether each stream is a terminal. chalk
    // is loaded only when something will be coloured (never in pipes, never for --json).
    const {prepareColour, setColourFlag} = await import('./ui/colour.js')
    const {color} = parsed.flags as {color?: boolean}
    if (color !== undefined) setColourFlag(color)
    if (!this.jsonEnabled()) await prepareColour()
  }

  /** A status line on stderr (data goes to stdout, so pipes carry only data). */
  protected status(message: string): void {
    process.stderr.write(`${message}\n`)
  }

  /**
   * Resolves on the first SIGINT, SIGTERM or SIGHUP. Long-running commands race their work against it and
   * then return normally, so finally() cleans up and the exit code is 0. A second signal exits at once.
   */
  protected untilSignal(): Promise<NodeJS.Signals> {
    this.signalWaiters ??= new Promise((resolve) => {
      const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
      const handler = (signal: NodeJS.Signals) => {
        for (const s of signals) process.off(s, handler)
        // eslint-disable-next-line n/no-process-exit -- a second Ctrl-C means now, whatever is still draining
        for (const s of signals) process.once(s, () => process.exit(130))
        resolve(signal)
      }
      for (const s of signals) process.on(s, handler)
    })
    return this.signalWaiters
  }

  /**
   * The confirmation policy for destructive verbs (ui/confirm.ts): true to go ahead. `question` is asked on a
   * terminal; `action` names what is refused without one ("delete stream ORDERS").
   */
  protected async confirmDestructive(question: string, action: string, force: boolean | undefined): Promise<boolean> {
    const {confirmDestructive} = await import('./ui/confirm.js')
    return confirmDestructive(question, action, {force, json: this.jsonEnabled()})
  }

  protected async catch(error: Interfaces.CommandError): Promise<never> {
    throw toNatsctlError(error, this.errorContext)
  }
}
