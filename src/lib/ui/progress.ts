// A progress bar on stderr, redrawn at most 10 times a second, drawn only when stderr is a terminal. The
// caller decides whether to show one (e.g. pub shows it for --count over 20); this keeps the cost of an
// update to a counter increment in hot loops.

import {formatBytes} from '../format.js'
import {stderrIsTerminal} from './terminal.js'

export interface Progress {
  /** Sets the number of items done. Cheap: redraws at most every 100 ms. */
  update(done: number): void
  /** Draws the final state and ends the line. */
  finish(): void
}

const NOOP: Progress = {finish() {}, update() {}}

interface ProgressOptions {
  enabled?: boolean
  width?: number
  /** 'bytes': also show the bytes done of the total, the rate and the time left (object put and get). */
  unit?: 'bytes'
}

export function createProgress(label: string, total: number, options: ProgressOptions = {}): Progress {
  if (options.enabled === false || !stderrIsTerminal() || total <= 0) return NOOP
  const width = options.width ?? 40
  const started = Date.now()
  let last = 0
  let done = 0
  const draw = () => {
    const ratio = Math.min(1, done / total)
    const seconds = (Date.now() - started) / 1000
    const line = `\r${label} ${elapsedSeconds(started)}s [${progressBar(ratio, width)}] ${Math.floor(ratio * 100)}%`
    process.stderr.write(options.unit === 'bytes' ? `${line} ${byteDetail(done, total, seconds)}\x1b[K` : line)
  }
  return {
    finish() {
      draw()
      process.stderr.write('\n')
    },
    update(n: number) {
      done = n
      const now = Date.now()
      if (now - last >= 100) {
        last = now
        draw()
      }
    },
  }
}

/** The body of a bar `====>     ` for a ratio done (0..1), `width` characters wide (bench's bars use it too). */
export function progressBar(ratio: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, ratio)) * width)
  return `${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '>' : ''}${' '.repeat(width - filled)}`
}

/** Seconds since `started` with one decimal (`12.3`): steady enough to redraw ten times a second. */
export function elapsedSeconds(started: number, now = Date.now()): string {
  return ((now - started) / 1000).toFixed(1)
}

/** `12 MiB / 1.0 GiB 96 MiB/s 10s left`: bytes done, rate and time left for byte progress. */
function byteDetail(done: number, total: number, seconds: number): string {
  const rate = seconds > 0 ? done / seconds : 0
  const left = rate > 0 ? Math.ceil((total - done) / rate) : undefined
  return `${formatBytes(done)} / ${formatBytes(total)} ${formatBytes(Math.round(rate))}/s${left === undefined ? '' : ` ${left}s left`}`
}
