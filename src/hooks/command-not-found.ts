// oclif's command_not_found hook: an unknown command is a usage error (exit 2) named as the user typed it,
// with spaces (`command "stream lss" not found`), and the closest known command when one is close. Loaded
// only on this path, so it costs nothing otherwise.

import type {Hook} from '@oclif/core'

import {UsageError} from '../lib/errors.js'

const hook: Hook<'command_not_found'> = async function ({config, id}) {
  const typed = id.split(':').join(' ')
  const known = [...config.commandIDs].filter((known) => !config.findCommand(known)?.hidden)
  const suggestion = closest(id, known)
  throw new UsageError(
    `command "${typed}" not found${suggestion ? `: did you mean "${suggestion.split(':').join(' ')}"?` : ''} (see: ${config.bin} --help)`,
  )
}

export default hook

/** The known id nearest to `id` by edit distance, if it is near enough to be a likely typo. */
function closest(id: string, known: string[]): string | undefined {
  let best: {id: string; distance: number} | undefined
  for (const candidate of known) {
    const distance = editDistance(id, candidate)
    if (!best || distance < best.distance) best = {id: candidate, distance}
  }
  const tolerance = Math.max(1, Math.floor(id.length / 4))
  return best && best.distance <= tolerance ? best.id : undefined
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]
}
