// Flags shared by the messaging commands, defined once so pub, request and reply read alike.

import {Flags} from '../oclif.js'
import {MAX_COUNT} from '../units.js'

/**
 * `-H/--header K:V`, repeatable. Non-greedy, so `-H a:1 BODY` leaves BODY as the argument instead of taking
 * it as a second header.
 */
export const headerFlag = (description = 'add a header Key:Value (repeatable; the value may hold templates)') =>
  Flags.string({char: 'H', description, multiple: true, multipleNonGreedy: true})

const templatesFlag = (description = 'fill templates in the subject, body and header values') =>
  Flags.boolean({allowNo: true, default: true, description})

/** What pub and request share: how many to send, where the body comes from, headers and templates. */
export const bodyInputFlags = (noun: 'message' | 'request') => ({
  count: Flags.integer({default: 1, description: `send this many ${noun}s (per line of stdin with --send-on newline)`, max: MAX_COUNT, min: 1}),
  'force-stdin': Flags.boolean({description: 'read the body from stdin even when it is a terminal (type it, then Ctrl-D)'}),
  header: headerFlag(),
  'send-on': Flags.string({
    default: 'eof',
    description: `with a body from stdin: one ${noun} at end of input, or one per line`,
    options: ['eof', 'newline'],
  }),
  templates: templatesFlag(),
})
