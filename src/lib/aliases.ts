// natscli's topic aliases (`nats s ls`, `nats ctx select`), which oclif has no notion of: the first word of
// the command line is rewritten to its topic before oclif looks the command up. Verb aliases (`stream i`,
// `context rm` → remove) are declared on each command's `static aliases`, so help lists them.
// Pure, so it is unit-tested; applied by argv.ts.

/** natscli's aliases for its topics, as of natscli 0.4 (cli/*_command.go). */
const TOPIC_ALIASES: Readonly<Record<string, string>> = {
  a: 'account',
  c: 'consumer',
  con: 'consumer',
  ctx: 'context',
  micro: 'service',
  ms: 'stream',
  obj: 'object',
  obs: 'consumer',
  s: 'stream',
  srv: 'server',
  st: 'stream',
  str: 'stream',
  sys: 'server',
  system: 'server',
}

/**
 * Verb words oclif cannot take as an alias: `context -` (natscli's alias of `context previous`) starts with
 * a dash, so oclif would read it as a flag.
 */
const DASH_VERBS: Readonly<Record<string, Record<string, string>>> = {
  context: {'-': 'previous'},
}

/**
 * Rewrites a leading topic alias (and a dash verb after it). `rest` starts at the command's first word.
 * A dash verb may follow a `--` separator, as natscli's README spells it: `nats ctx -- -`.
 */
export function expandAliases(rest: string[]): string[] {
  if (rest.length === 0) return rest
  const topic = TOPIC_ALIASES[rest[0]] ?? rest[0]
  const separated = rest[1] === '--' ? 1 : 0
  const verb = rest.length > 1 + separated ? DASH_VERBS[topic]?.[rest[1 + separated]] : undefined
  if (topic === rest[0] && verb === undefined) return rest
  return verb === undefined ? [topic, ...rest.slice(1)] : [topic, verb, ...rest.slice(2 + separated)]
}
