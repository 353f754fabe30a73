import {Args, Flags} from '../../lib/oclif.js'

import {notFound, onResource, UsageError} from '../../lib/errors.js'
import {formatAgo, formatTime} from '../../lib/format.js'
import {NatsCommand} from '../../lib/nats-command.js'
import {input} from '../../lib/ui/prompt.js'

/**
 * natscli's `stream get --json` (the JetStream API's stored message): headers as their raw `NATS/1.0` block and
 * the body, both base64 encoded and left out when empty (`jq -r .data | base64 -d`).
 */
interface StoredMessage {
  subject: string
  seq: number
  hdrs?: string
  data?: string
  time: string
}

export default class StreamGet extends NatsCommand<typeof StreamGet> {
  static args = {
    name: Args.string({description: 'stream name', required: true}),
    // A string checked in run(), so a bad value is a usage error naming the argument (oclif's says neither).
    seq: Args.string({description: 'sequence of the message to retrieve (1 or more)'}),
  }
  static description = 'Retrieve one message from a stream by sequence, or the last one on a subject'
  static examples = [
    '<%= config.bin %> <%= command.id %> ORDERS 12',
    '<%= config.bin %> <%= command.id %> ORDERS --last-for orders.new',
    '<%= config.bin %> <%= command.id %> ORDERS 12 --raw > body.bin',
  ]
  static flags = {
    'last-for': Flags.string({char: 'S', description: 'retrieve the last message on this subject'}),
    raw: Flags.boolean({description: 'print only the body, byte for byte'}),
  }

  public async run(): Promise<StoredMessage> {
    const {name} = this.args
    let seq = parseSequence(this.args.seq)
    let lastFor = this.flags['last-for']
    if (seq !== undefined && lastFor !== undefined) throw new UsageError('give a sequence or --last-for, not both')
    if (seq === undefined && lastFor === undefined) {
      // natscli asks for a sequence, then (when -1) a subject; without a terminal the error names both ways.
      const hint = 'pass a sequence after the stream name, or --last-for SUBJECT'
      const answer = Number(
        await input('Message Sequence to retrieve', {
          default: '-1',
          hint,
          validate: (v) => (/^-?\d+$/.test(v.trim()) ? true : 'a sequence number, or -1'),
        }),
      )
      if (answer > 0) seq = answer
      else lastFor = (await input('Subject to retrieve last message for', {hint, validate: (v) => (v.trim() ? true : 'a subject')})).trim()
    }

    const jsm = await this.jsm()
    // `message 5 not found in stream "X"`, `last message on subject "a.b" not found in stream "X"`
    const resource = seq !== undefined ? {seq, stream: name} : {lastFor: lastFor!, stream: name}
    const msg = await onResource(resource, () => jsm.streams.getMessage(name, seq !== undefined ? {seq} : {last_by_subj: lastFor!}))
    if (!msg) throw notFound(resource)
    const headers: Array<[string, string]> = []
    if (msg.header) for (const key of msg.header.keys()) for (const value of msg.header.values(key)) headers.push([key, value])
    const result: StoredMessage = {
      subject: msg.subject,
      seq: msg.seq,
      ...(headers.length > 0 ? {hdrs: Buffer.from(headerBlock(headers)).toString('base64')} : {}),
      ...(msg.data.length > 0 ? {data: Buffer.from(msg.data).toString('base64')} : {}),
      time: msg.time.toISOString(),
    }
    if (this.jsonEnabled()) return result
    if (this.flags.raw) {
      process.stdout.write(msg.data)
      return result
    }
    this.log(`Item: ${name}#${msg.seq} received ${formatTime(msg.time)} (${formatAgo(msg.timestamp)} ago) on Subject ${msg.subject}`)
    if (headers.length > 0) {
      this.log('')
      this.log('Headers:')
      for (const [key, value] of headers) this.log(`  ${key}: ${value}`)
    }
    this.log('')
    this.log(msg.string())
    return result
  }
}

/** Headers as they travel on the wire, the block the API's stored message carries. */
function headerBlock(headers: Array<[string, string]>): string {
  return `NATS/1.0\r\n${headers.map(([key, value]) => `${key}: ${value}\r\n`).join('')}\r\n`
}

/** The SEQ argument: a whole number from 1 (exit 2 naming it otherwise). */
function parseSequence(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text.trim())
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`invalid SEQ ${JSON.stringify(text)}: a stream sequence is a whole number from 1 to ${Number.MAX_SAFE_INTEGER}`)
  }
  return value
}
