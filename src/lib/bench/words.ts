// natscli's bench words are commands (`bench js pub async SUBJ`); natsctl's older form takes the subject
// right after `pub` (`bench js pub SUBJ --batch N`). So a mode word typed wrong must not quietly become a
// subject: `bench js pub asynch --create` would create a stream on the subject "asynch". This module decides
// when the legacy form's subject is really a mistyped word. Pure, so it is unit-tested.

import {UsageError} from '../errors.js'

/** The words after `bench js pub` (natscli's modes) and the `bench js` words a user may put there by mistake. */
const PUB_MODES = ['sync', 'async', 'batch', 'atomic']
const JS_WORDS = ['ordered', 'consume', 'fetch', 'get']

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }
  return d[a.length][b.length]
}

/**
 * How far a word may be from a known one and still be taken for it: 2 edits, but 1 for words of four or five
 * letters and none for "get", so real subjects such as "bench" (2 from "batch"), "test" or "set" stay subjects.
 */
function tolerance(word: string): number {
  return word.length <= 3 ? 0 : word.length <= 5 ? 1 : 2
}

/** The known word `word` most likely means, if any. */
export function nearestWord(word: string, known: string[]): string | undefined {
  let best: {word: string; distance: number} | undefined
  for (const candidate of known) {
    const distance = editDistance(word.toLowerCase(), candidate)
    if (distance <= tolerance(candidate) && (!best || distance < best.distance)) best = {word: candidate, distance}
  }
  return best?.word
}

/**
 * `bench js pub SUBJECT` (the legacy form): a subject that is a single word equal or close to a known word
 * is a usage error (exit 2) naming the word meant, never a subject.
 */
export function checkJsPubSubject(subject: string): void {
  if (!/^[A-Za-z]+$/.test(subject)) return
  const mode = nearestWord(subject, PUB_MODES)
  const hint = `to publish to the subject "${subject}", name the mode first: bench js pub async ${subject}`
  if (mode) throw new UsageError(`unknown bench js pub mode "${subject}": did you mean ${mode}? (${hint})`)
  const js = nearestWord(subject, JS_WORDS)
  if (js) throw new UsageError(`unknown bench js pub mode "${subject}": did you mean bench js ${js === 'get' ? 'get sync' : js}? (${hint})`)
  if (subject.toLowerCase() === 'fast') {
    throw new UsageError(
      `bench js pub fast (fast batch publish, nats-server 2.14) is not supported by natsctl: use bench js pub async or batch (${hint})`,
    )
  }
}
