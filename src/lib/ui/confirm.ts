// The one confirmation policy for destructive verbs (context rm, stream rm/purge/edit, consumer rm, kv and
// object deletes): --force goes ahead; on a terminal, ask; with no terminal, or under --json (a question
// would corrupt the JSON), refuse with exit 2 naming --force instead of waiting on a prompt nobody sees.

import {UsageError} from '../errors.js'
import {confirm} from './prompt.js'
import {isInteractive} from './terminal.js'

interface ConfirmOptions {
  /** --force was given. */
  force?: boolean
  /** --json is on. */
  json: boolean
}

/**
 * True to go ahead, false when the person at the terminal said no. `question` is asked ("Really delete
 * stream ORDERS"); `action` completes the refusal ("refusing to delete stream ORDERS without confirmation").
 */
export async function confirmDestructive(question: string, action: string, options: ConfirmOptions): Promise<boolean> {
  if (options.force) return true
  if (options.json || !isInteractive()) throw new UsageError(`refusing to ${action} without confirmation: pass --force`)
  return confirm(question, false, {hint: 'pass --force'})
}
