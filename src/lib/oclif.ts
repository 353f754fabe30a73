// The parts of oclif natsctl uses, loaded the cheap way. Every command file and the entry import them from
// here rather than from '@oclif/core':
// - the index '@oclif/core' also loads the help renderer, the ux helpers and all of semver (for a Node
//   version check that `engines` already makes), about 50 modules no command needs before it runs;
// - oclif is CommonJS, and an ESM `import` of CommonJS makes Node scan the module's source for its export
//   names; `require` skips that scan. Together these are about 15 ms of every start (docs/PERFORMANCE.md).
// Types still come from '@oclif/core' with `import type`, which costs nothing at run time.

import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)

export const Args = require('@oclif/core/args') as typeof import('@oclif/core/args')
export const Flags = require('@oclif/core/flags') as typeof import('@oclif/core/flags')
export const {Command} = require('@oclif/core/command') as typeof import('@oclif/core/command')
export type Command = import('@oclif/core/command').Command

/** oclif's entry point and output flush, for main.ts only. */
export function loadRunner(): {flush: typeof import('@oclif/core/flush').flush; run: typeof import('@oclif/core/run').run} {
  const {flush} = require('@oclif/core/flush') as typeof import('@oclif/core/flush')
  const {run} = require('@oclif/core/run') as typeof import('@oclif/core/run')
  return {flush, run}
}
