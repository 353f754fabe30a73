// natscli's --json shapes, so scripts written for natscli parse natsctl's output unchanged. The server's
// API responses carry envelope fields (the response `type`, paging `total`/`offset`/`limit`) that natscli
// does not print: they go.

import type {ConsumerInfo, StreamInfo} from '@nats-io/jetstream'

const ENVELOPE = ['type', 'total', 'offset', 'limit', 'did_create'] as const

/** The bare StreamInfo natscli prints for `stream info --json` (and after `stream purge --json`). */
export function bareStreamInfo(info: StreamInfo): StreamInfo {
  const bare = {...info} as Record<string, unknown> & StreamInfo
  for (const field of ENVELOPE) delete bare[field]
  return bare
}

/** The bare ConsumerInfo natscli prints for `consumer info --json` (and after add, edit and copy). */
export function bareConsumerInfo(info: ConsumerInfo): ConsumerInfo {
  const bare = {...info} as ConsumerInfo & Record<string, unknown>
  for (const field of ENVELOPE) delete bare[field]
  return bare
}
