// Where `kv put` and `kv create` get a value: the VALUE argument, or stdin when it is absent. stdin is read
// as bytes, so a binary value is stored exactly as it came in.

import {isatty} from 'node:tty'

import {UsageError} from '../errors.js'

export async function valueOrStdin(arg: string | undefined): Promise<{bytes: Uint8Array; fromStdin: boolean}> {
  if (arg !== undefined) return {bytes: new TextEncoder().encode(arg), fromStdin: false}
  if (isatty(0)) throw new UsageError('give a VALUE, or pipe it on stdin')
  const {readStdin} = await import('../messaging/body.js')
  return {bytes: await readStdin(), fromStdin: true}
}

/** The server's "wrong last sequence" (10071): the key moved on since the revision the caller had. */
export function isWrongLastSequence(error: unknown): boolean {
  let current: unknown = error
  for (let i = 0; i < 8 && current instanceof Error; i++) {
    const e = current as Error & {code?: unknown; api_error?: {err_code?: number}}
    if (e.code === 10_071 || e.api_error?.err_code === 10_071 || /wrong last sequence/i.test(e.message)) return true
    current = e.cause
  }
  return false
}
