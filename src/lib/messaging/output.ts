// Buffered stdout for message streams. One write() per message would cost a syscall each and fall behind
// a fast publisher; this collects text and writes it in chunks (at 64 KiB, or on the next turn of the event
// loop so an idle subscriber still prints at once). When the stream reports backpressure, ready() waits
// for 'drain' so the caller stops taking messages instead of buffering without bound. Text and bytes may be
// mixed: a binary body is written as it is. A write error other than a closed pipe (ENOBUFS, EIO, ENOSPC)
// makes ready() and end() reject with one clear error, so the command ends with one line.

import {once} from 'node:events'

import {NatsctlError} from '../errors.js'

export class OutputBuffer {
  private chunks: Array<string | Uint8Array> = []
  private binary = false
  private size = 0
  private scheduled = false
  private draining?: Promise<void>
  private failure?: Error

  constructor(
    private readonly stream: NodeJS.WritableStream = process.stdout,
    private readonly limit = 64 * 1024,
  ) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // A closed pipe is the reader stopping (main.ts turns it into a graceful stop); anything else is a failure.
      if (error.code !== 'EPIPE') this.failure ??= new NatsctlError(`cannot write to the output: ${error.message}`, {cause: error})
    })
  }

  write(text: string | Uint8Array): void {
    if (text.length === 0) return
    this.chunks.push(text)
    if (typeof text !== 'string') this.binary = true
    this.size += text.length
    if (this.size >= this.limit) this.flush()
    else if (!this.scheduled) {
      this.scheduled = true
      setImmediate(() => {
        this.scheduled = false
        this.flush()
      })
    }
  }

  flush(): void {
    if (this.size === 0) return
    const text = this.binary
      ? Buffer.concat(this.chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)))
      : this.chunks.length === 1
        ? this.chunks[0]
        : this.chunks.join('')
    this.chunks = []
    this.binary = false
    this.size = 0
    // The reader went away (`| head`): main.ts turns the EPIPE into a graceful stop; drop what is left.
    if ((this.stream as NodeJS.WritableStream & {destroyed?: boolean}).destroyed) return
    if (!this.stream.write(text) && !this.draining) {
      const done = () => {
        this.draining = undefined
      }
      // once() rejects if the stream errors instead of draining: EPIPE is handled in main.ts, the rest above.
      this.draining = once(this.stream, 'drain').then(done, done)
    }
  }

  /** Resolves when the stream can take more (immediately unless it reported backpressure). */
  async ready(): Promise<void> {
    if (this.draining) await this.draining
    if (this.failure) throw this.failure
  }

  /** Whether the stream has taken everything written so far (no backpressure pending). */
  get idle(): boolean {
    return this.draining === undefined
  }

  /** Writes what is buffered and waits until the stream has taken it. */
  async end(): Promise<void> {
    this.flush()
    await this.ready()
  }
}
