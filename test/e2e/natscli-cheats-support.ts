// The machinery of the natscli example tests (natscli-cheats*.test.ts): a JetStream testbed with a working
// directory, and one way to run an example line and judge it. Not a test file (no .test.ts).
import assert from 'node:assert/strict'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {after, before, describe, it} from 'node:test'

import {type CliResult, runCli, type RunningCli} from '../helpers/cli.js'
import {startJetStreamTestbed, type JetStreamTestbed} from '../helpers/jetstream.js'

export interface Example {
  /** natsctl's argv: the natscli line without `nats`; `$URL` is the testbed's server. */
  args: string[]
  /** Expected exit code (default 0). */
  code?: number
  /** Written to stdin (the example's `echo ... |`). */
  input?: string
  /** natscli asks first: as written it exits 2 naming --force (no terminal), with --force it exits 0. */
  asks?: true
  /**
   * Runs until stopped: wait for `ready` on stderr (by default what sub and reply say, else a moment), call `feed`, wait for `shows` (stdout or
   * stderr), then Ctrl-C (SIGINT), which must exit 0; with `exits` it ends by itself.
   */
  serves?: {ready?: RegExp; feed?: () => Promise<unknown>; shows?: RegExp; exits?: true}
  /** What stdout must show. */
  stdout?: RegExp
  /** Anything else to read back from the server. */
  check?: () => Promise<void>
  /** How the line differs from natscli's, or why it exits as it does. */
  note?: string
}

/** Context commands never connect, so they get no --server; everything else runs against the testbed. */
const NO_SERVER = new Set(['context', 'ctx'])

/** What a long-running command says on stderr once it listens (kv watch shows values put before it started). */
const READY: Record<string, RegExp> = {reply: /Listening on/, sub: /Subscribing on/, subscribe: /Subscribing on/}

export interface CheatBed {
  tb(): JetStreamTestbed
  /** The working directory the examples run in (relative paths land here). */
  work(): string
  run(args: string[], input?: string): Promise<CliResult>
  start(args: string[]): RunningCli
  /** A feed that publishes one message from the test's connection. */
  publish(subject: string, body: string): () => Promise<void>
  /** One describe per table, one test per example, in order. */
  tables(title: string, tables: Array<[string, Example[]]>): void
}

/** Starts the testbed before the file's tests (then `setup`), and stops everything after them. */
export function cheatBed(setup: (tb: JetStreamTestbed, work: string) => Promise<void> = async () => {}): CheatBed {
  let tb: JetStreamTestbed
  let work: string
  before(async () => {
    tb = await startJetStreamTestbed()
    work = mkdtempSync(join(tmpdir(), 'natsctl-cheats-'))
    await setup(tb, work)
  })
  after(async () => {
    await tb.close()
    rmSync(work, {force: true, recursive: true})
  })

  function run(given: string[], input?: string): Promise<CliResult> {
    const args = given.map((a) => (a === '$URL' ? tb.server.url : a))
    const options = {cwd: work, input, timeoutMs: 60_000}
    return NO_SERVER.has(args[0]) ? runCli(args, {env: tb.home.env, ...options}) : tb.cli(args, options)
  }
  const start = (args: string[]) => tb.start(args, {cwd: work, timeoutMs: 60_000})

  async function exercise(example: Example): Promise<void> {
    const {args} = example
    if (example.serves) {
      const cli = start(args)
      const {feed, shows, exits} = example.serves
      const ready = example.serves.ready ?? READY[args[0]]
      if (ready) await cli.waitFor(ready, 'stderr')
      else await new Promise((resolve) => setTimeout(resolve, 1500))
      if (feed) await feed()
      if (shows) await cli.waitFor(shows)
      if (!exits) cli.kill('SIGINT')
      const r = await cli.done
      assert.equal(r.code, example.code ?? 0, `${args.join(' ')}\n${r.stderr}`)
      return
    }
    const r = await run(args, example.input)
    if (example.asks) {
      assert.equal(r.code, 2, `${args.join(' ')} without a terminal\n${r.stderr}`)
      assert.match(r.stderr, /--force/)
      const forced = await run([...args, '--force'], example.input)
      assert.equal(forced.code, 0, `${args.join(' ')} --force\n${forced.stderr}`)
    } else {
      assert.equal(r.code, example.code ?? 0, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`)
      if (example.stdout) assert.match(r.stdout, example.stdout)
    }
    await example.check?.()
  }

  return {
    tb: () => tb,
    work: () => work,
    run,
    start,
    publish: (subject, body) => async () => {
      tb.nc.publish(subject, body)
      await tb.nc.flush()
    },
    tables(title, tables) {
      describe(title, () => {
        for (const [name, table] of tables) {
          describe(name, () => {
            for (const example of table) {
              it(`nats ${example.args.join(' ')}${example.note ? `   (${example.note})` : ''}`, () => exercise(example))
            }
          })
        }
      })
    },
  }
}
