// Flags the server reports share.

import {Flags} from '../oclif.js'

export const reportFlags = {
  reverse: Flags.boolean({char: 'R', description: 'reverse the sort order'}),
  top: Flags.integer({description: 'show only the first N rows', min: 1}),
}

/** A --sort flag with natscli's choices and default. */
export function sortFlag(options: readonly string[], defaultValue: string) {
  return Flags.string({default: defaultValue, description: `sort by ${options.join(', ')}`, options: [...options]})
}
