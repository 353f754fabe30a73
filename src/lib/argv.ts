// natscli users type global flags before the command (`natsctl -s URL pub x hi`); oclif only reads flags
// after the command id. This moves leading global flags behind the command, gives `--embedded` its
// optional value, takes natscli's `-j` for `--json` (oclif's JSON flag has no short form) and expands
// natscli's topic aliases (aliases.ts). Pure, so it is unit-tested.

import {expandAliases} from './aliases.js'
import {BOOLEAN_FLAGS, VALUE_FLAGS} from './flags.js'

/** natscli's short flags natsctl spells otherwise: `-j` is `--json` wherever natscli has it. */
function expandShortFlag(token: string): string {
  return token === '-j' ? '--json' : token
}

export function normalizeArgv(argv: string[]): string[] {
  const hoisted: string[] = []
  let index = 0
  while (index < argv.length) {
    const token = expandShortFlag(argv[index])
    const name = token.split('=')[0]
    if (token === '--embedded') {
      hoisted.push('--embedded=local')
      index++
    } else if (VALUE_FLAGS.has(name)) {
      if (token.includes('=')) {
        hoisted.push(token)
        index++
      } else {
        hoisted.push(token, ...(index + 1 < argv.length ? [argv[index + 1]] : []))
        index += 2
      }
    } else if (BOOLEAN_FLAGS.has(name)) {
      hoisted.push(token)
      index++
    } else {
      break
    }
  }
  const rest = expandAliases(argv.slice(index)).map((token, i, all) => {
    // Only before a `--` separator, and not as the value of a flag (`-H -j` is a header value).
    if (all.slice(0, i).includes('--') || (i > 0 && VALUE_FLAGS.has(all[i - 1]))) return token
    // `--embedded` with no value means the default broker.
    return token === '--embedded' ? '--embedded=local' : expandShortFlag(token)
  })
  if (hoisted.length === 0) return rest
  if (rest.length === 0) return hoisted
  const separator = rest.indexOf('--')
  return separator === -1 ? [...rest, ...hoisted] : [...rest.slice(0, separator), ...hoisted, ...rest.slice(separator)]
}
