// The order localeCompare (ICU's root collation) gives command ids made of a-z, 0-9, ':' and '-', without
// loading ICU: '-' < ':' < digits < letters, so a plain comparison with ':' read as '/' (between '-' and '0')
// agrees. Anything else goes to localeCompare. scripts/bundle.mjs puts it in the bundle for oclif's sort.
export function compareIds(a, b) {
  if (/[^a-z0-9:-]/.test(a) || /[^a-z0-9:-]/.test(b)) return a.localeCompare(b)
  const x = a.replaceAll(':', '/')
  const y = b.replaceAll(':', '/')
  return x < y ? -1 : x > y ? 1 : 0
}
