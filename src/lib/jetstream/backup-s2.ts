// Counts the uncompressed size of an S2 (Snappy framing) stream as it goes by, without decompressing it:
// each frame's header gives its type and length, an uncompressed frame holds its data after a 4-byte CRC,
// and a compressed frame's block starts with its decoded length as a varint. `stream backup` uses it to show
// progress against the stream's size, as natscli does by decompressing (Node has no S2 decoder, and the
// backup is written as received, so nothing needs decoding).

const COMPRESSED = 0x00
const UNCOMPRESSED = 0x01

export class S2SizeCounter {
  /** Uncompressed bytes in the frames seen so far. */
  uncompressed = 0

  private header = new Uint8Array(4)
  private headerFill = 0
  private type = -1
  /** Bytes of the current frame's body still to come. */
  private remaining = 0
  /** Position in the current frame's body. */
  private offset = 0
  private varint = 0
  private varintShift = 0
  private varintDone = false

  feed(data: Uint8Array): void {
    let i = 0
    while (i < data.length) {
      if (this.remaining === 0) {
        // Reading a frame header: type (1 byte), body length (3 bytes, little endian).
        this.header[this.headerFill++] = data[i++]
        if (this.headerFill < 4) continue
        this.headerFill = 0
        this.type = this.header[0]
        this.remaining = this.header[1] | (this.header[2] << 8) | (this.header[3] << 16)
        this.offset = 0
        this.varint = 0
        this.varintShift = 0
        this.varintDone = false
        if (this.type === UNCOMPRESSED) this.uncompressed += Math.max(0, this.remaining - 4)
        continue
      }
      if (this.type === COMPRESSED && !this.varintDone && this.offset >= 4) {
        // The block's decoded length, a little-endian base-128 varint, right after the CRC.
        const byte = data[i++]
        this.offset++
        this.remaining--
        this.varint += (byte & 0x7f) * 2 ** this.varintShift
        this.varintShift += 7
        if ((byte & 0x80) === 0 || this.varintShift > 63) {
          this.varintDone = true
          this.uncompressed += this.varint
        }
        continue
      }
      // Skip body bytes: up to the varint of a compressed frame, or to the frame's end.
      const until = this.type === COMPRESSED && !this.varintDone ? Math.min(this.remaining, 4 - this.offset) : this.remaining
      const take = Math.min(until, data.length - i)
      i += take
      this.offset += take
      this.remaining -= take
    }
  }
}
