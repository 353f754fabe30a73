// Follows a growing log file (broker logs --follow, broker run --verbose) by polling: portable, and a
// broker's log grows slowly.

import {closeSync, openSync, readSync, statSync} from 'node:fs'

export function followFile(path: string, write: (chunk: string) => void, options: {fromStart?: boolean; intervalMs?: number} = {}): () => void {
  let position = options.fromStart ? 0 : size(path)
  const poll = () => {
    const end = size(path)
    if (end < position) position = 0 // truncated or replaced
    if (end === position) return
    const fd = openSync(path, 'r')
    try {
      const buffer = Buffer.alloc(end - position)
      const read = readSync(fd, buffer, 0, buffer.length, position)
      position += read
      write(buffer.subarray(0, read).toString('utf8'))
    } finally {
      closeSync(fd)
    }
  }
  poll()
  const timer = setInterval(poll, options.intervalMs ?? 200)
  return () => {
    clearInterval(timer)
    poll()
  }
}

function size(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}
