// consumer copy, pause and resume follow natscli, which offers them on nats-server 2.11 and later (the
// consumer pause API and the JetStream API level that tells a client what the server can do). On an older
// server each says so, naming the version it needs and the one it found, before touching anything.

import {UsageError} from '../errors.js'
import {parseDuration} from '../units.js'
import {requireServerVersion} from './consumer-config.js'

const CONSUMER_PAUSE_MIN = '2.11.0'

export function requirePauseSupport(what: string, serverVersion: string | undefined): void {
  requireServerVersion(what, CONSUMER_PAUSE_MIN, serverVersion ?? '0.0.0')
}

/** natscli's pause time: a timestamp (`2006-01-02 15:04:05`, local) or a duration from now. */
export function parsePauseUntil(value: string, now = Date.now()): Date {
  const stamp = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)$/.exec(value.trim())
  if (stamp) {
    const [, y, mo, d, h, mi, s] = stamp.map(Number)
    return new Date(y, mo - 1, d, h, mi, s)
  }
  try {
    return new Date(now + parseDuration(value, 'pause time'))
  } catch {
    throw new UsageError(`invalid pause time "${value}": use a duration like 1h30m or a time like "2026-01-02 15:04:05"`)
  }
}
