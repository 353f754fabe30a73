// natscli users type global flags before the command (`natsctl -s URL pub x hi`); oclif only reads flags
// after the command id. This moves leading global flags behind the command, and gives `--embedded` its
// optional value. Pure, so it is unit-tested.

import {BOOLEAN_FLAGS, VALUE_FLAGS} from './flags.js'

export function normalizeArgv(argv: string[]): string[] {
  const hoisted: string[] = []
  let index = 0
  while (index < argv.length) {
    const token = argv[index]
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
  const rest = argv.slice(index).map((token, i, all) => {
    // `--embedded` with no value means the default broker; only before a `--` separator.
    const beforeSeparator = !all.slice(0, i).includes('--')
    return token === '--embedded' && beforeSeparator ? '--embedded=local' : token
  })
  if (hoisted.length === 0) return rest
  if (rest.length === 0) return hoisted
  const separator = rest.indexOf('--')
  return separator === -1 ? [...rest, ...hoisted] : [...rest.slice(0, separator), ...hoisted, ...rest.slice(separator)]
}
