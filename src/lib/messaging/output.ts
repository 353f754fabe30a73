// Buffered stdout for message streams. One write() per message would cost a syscall each and fall behind
// a fast publisher; this collects text and writes it in chunks (at 64 KiB, or on the next turn of the event
// loop so an idle subscriber still prints at once). When the stream reports backpressure, ready() waits
// for 'drain' so the caller stops taking messages instead of buffering without bound.

import {once} from 'node:events'

export class OutputBuffer {
  private chunks: string[] = []
  private size = 0
  private scheduled = false
  private draining?: Promise<void>

  constructor(
    private readonly stream: NodeJS.WritableStream = process.stdout,
    private readonly limit = 64 * 1024,
  ) {}

  write(text: string): void {
    if (text.length === 0) return
    this.chunks.push(text)
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
    const text = this.chunks.length === 1 ? this.chunks[0] : this.chunks.join('')
    this.chunks = []
    this.size = 0
    // The reader went away (`| head`): main.ts turns the EPIPE into a graceful stop; drop what is left.
    if ((this.stream as NodeJS.WritableStream & {destroyed?: boolean}).destroyed) return
    if (!this.stream.write(text) && !this.draining) {
      const done = () => {
        this.draining = undefined
      }
      // once() rejects if the stream errors instead of draining (EPIPE): that is handled in main.ts.
      this.draining = once(this.stream, 'drain').then(done, done)
    }
  }

  /** Resolves when the stream can take more (immediately unless it reported backpressure). */
  async ready(): Promise<void> {
    if (this.draining) await this.draining
  }

  /** Writes what is buffered and waits until the stream has taken it. */
  async end(): Promise<void> {
    this.flush()
    await this.ready()
  }
}
