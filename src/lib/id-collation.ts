// oclif sorts each plugin's command ids with String#localeCompare while it loads its config, and the first
// localeCompare in a process loads ICU's collation data: about 8 ms, a tenth of what natsctl adds to a
// command's start (docs/PERFORMANCE.md). Strings of lowercase ASCII letters and colons, which is what
// command ids are, sort the same by UTF-16 code unit as by ICU's root collation (':' before the letters in
// both), so while oclif loads, those compare directly and anything else still goes to ICU.
//
// main.ts switches this on just before oclif runs; the init hook (src/hooks/init.ts), which oclif runs
// right after loading its config, switches it off, so the rest of the run sees the builtin untouched.

const COMMAND_ID = /^[a-z:]*$/
const builtinLocaleCompare = String.prototype.localeCompare

/** localeCompare with a fast path for command ids; same signature and, for ids, the same answer. */
export function compareIdsFirst(this: string, that: string, ...rest: unknown[]): number {
  const self = String(this)
  if (rest.length === 0 && typeof that === 'string' && COMMAND_ID.test(self) && COMMAND_ID.test(that)) {
    return self < that ? -1 : self > that ? 1 : 0
  }
  return (builtinLocaleCompare as (...args: unknown[]) => number).call(this, that, ...rest)
}

export function compareCommandIdsWithoutIcu(): void {
  String.prototype.localeCompare = compareIdsFirst as typeof String.prototype.localeCompare
}

export function restoreLocaleCompare(): void {
  String.prototype.localeCompare = builtinLocaleCompare
}
