// `stream view`: reads a stream's stored messages from a start position, a page at a time. Each page is read
// by its own ordered consumer starting after the last message shown (deleted when the page is done), so a
// person can leave the "Next Page?" question open as long as they like without a consumer expiring under
// them. In a pipe it is one consumer reading to the end. The end is "apparent": when the server says nothing
// more is pending for the filter, as natscli's pager does.

import type {JetStreamClient, OrderedConsumerOptions} from '@nats-io/jetstream'

import {fromClientMessage, type ReceivedMessage} from '../messaging/render.js'

export type ViewStart = {kind: 'all'} | {kind: 'sequence'; seq: number} | {kind: 'since'; ms: number}

interface ViewOptions {
  stream: string
  subject?: string
  start: ViewStart
  /** Messages per page; undefined reads to the end without pausing. */
  pageSize?: number
  show(msg: ReceivedMessage, n: number): Promise<void>
  /** Called between pages: true to go on. Output should be flushed before asking. */
  next(): Promise<boolean>
  /** Waits while stdout is behind. */
  ready(): Promise<void>
  /** Resolves on a signal: stop reading. */
  stop: Promise<unknown>
}

interface ViewResult {
  shown: number
  /** The apparent end of the data was reached (rather than the reader declining the next page or a signal). */
  end: boolean
}

export async function viewStream(js: JetStreamClient, options: ViewOptions): Promise<ViewResult> {
  const {DeliverPolicy} = await import('@nats-io/jetstream')
  let shown = 0
  let lastSeq: number | undefined
  let stopped = false
  void options.stop.then(() => {
    stopped = true
  })

  for (;;) {
    const consumerOptions: Partial<OrderedConsumerOptions> = {inactive_threshold: 60_000}
    // nats-server 2.9 knows only the single filter_subject: the client sends a string as that field.
    if (options.subject) consumerOptions.filter_subjects = options.subject
    if (lastSeq !== undefined) {
      consumerOptions.deliver_policy = DeliverPolicy.StartSequence
      consumerOptions.opt_start_seq = lastSeq + 1
    } else if (options.start.kind === 'sequence') {
      consumerOptions.deliver_policy = DeliverPolicy.StartSequence
      consumerOptions.opt_start_seq = options.start.seq
    } else if (options.start.kind === 'since') {
      consumerOptions.deliver_policy = DeliverPolicy.StartTime
      consumerOptions.opt_start_time = new Date(Date.now() - options.start.ms).toISOString()
    } else consumerOptions.deliver_policy = DeliverPolicy.All

    const consumer = await js.consumers.get(options.stream, consumerOptions)
    let end = false
    let onPage = 0
    try {
      if ((await consumer.info(true)).num_pending === 0) return {end: true, shown}
      const messages = await consumer.consume({max_messages: Math.min(options.pageSize ?? 512, 512)})
      void options.stop.then(() => messages.close())
      for await (const m of messages) {
        shown++
        onPage++
        lastSeq = m.seq
        await options.show(fromClientMessage(m, {pending: m.info.pending, seq: m.seq, stream: m.info.stream, time: m.time}), shown)
        if (shown % 64 === 0) await options.ready()
        if (m.info.pending === 0) end = true
        if (end || stopped || (options.pageSize !== undefined && onPage >= options.pageSize)) break
      }
      await messages.close()
    } finally {
      await consumer.delete().catch(() => {})
    }
    if (end) return {end: true, shown}
    if (stopped || !(await options.next())) return {end: false, shown}
  }
}
