// The order localeCompare (ICU's root collation) gives command ids made of a-z, 0-9, ':' and '-', without
// loading ICU (its first call costs several ms): '-' < ':' < digits < letters, so a plain comparison with ':'
// read as '/' (between '-' and '0') agrees. Anything else goes to localeCompare. scripts/bundle.mjs puts it
// into the bundle in place of oclif's command id sort; test/unit/bundle.test.ts checks it against localeCompare.
export function compareIds(a: string, b: string): number {
  if (/[^a-z0-9:-]/.test(a) || /[^a-z0-9:-]/.test(b)) return a.localeCompare(b)
  const x = a.replaceAll(':', '/')
  const y = b.replaceAll(':', '/')
  return x < y ? -1 : x > y ? 1 : 0
}
