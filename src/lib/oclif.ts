// The parts of oclif natsctl uses. Every command file and the entry import them from here rather than from
// '@oclif/core': the index '@oclif/core' also loads the help renderer, the ux helpers and all of semver (for
// a Node version check that `engines` already makes), about 50 modules no command needs before it runs.
// From the bundle (dist/natsctl.cjs, scripts/bundle.mjs) only these subpaths and what they use are in it;
// static imports let esbuild see them (a createRequire'd `require` would be left to Node).
// Types still come from '@oclif/core' with `import type`, which costs nothing at run time.

import {flush} from '@oclif/core/flush'
import {run} from '@oclif/core/run'

export * as Args from '@oclif/core/args'
export {Command} from '@oclif/core/command'
export * as Flags from '@oclif/core/flags'

/** oclif's entry point and output flush, for main.ts only. */
export function loadRunner(): {flush: typeof flush; run: typeof run} {
  return {flush, run}
}
