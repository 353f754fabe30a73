// One progress bar per client on stderr, redrawn from the shared counters 10 times a second, so the clients'
// hot loops pay nothing but a counter write. Drawn only when stderr is a terminal and progress is wanted.

import {formatCount} from '../format.js'
import {elapsedSeconds, progressBar} from '../ui/progress.js'
import {stderrIsTerminal} from '../ui/terminal.js'

interface BarSpec {
  label: string
  verb: string
  total: number
}

interface MultiProgress {
  finish(slot: number): void
  stop(): void
}

const NOOP: MultiProgress = {finish() {}, stop() {}}

export function startProgress(bars: BarSpec[], progress: Float64Array, enabled: boolean): MultiProgress {
  if (!enabled || !stderrIsTerminal() || bars.length === 0) return NOOP
  const started = Date.now()
  const finished = new Set<number>()
  const width = 30
  let drawn = false
  const line = (i: number) => {
    const bar = bars[i]
    const done = progress[i]
    const elapsed = elapsedSeconds(started).padStart(6)
    const state = finished.has(i) ? 'Finished' : bar.verb
    if (bar.total <= 0) return `${bar.label} ${state.padEnd(10)} ${elapsed}s ${formatCount(Math.round(done))} msgs`
    const ratio = Math.min(1, done / bar.total)
    return `${bar.label} ${state.padEnd(10)} ${elapsed}s [${progressBar(ratio, width)}] ${String(Math.floor(ratio * 100)).padStart(3)}%`
  }
  const draw = () => {
    let out = drawn ? `\x1b[${bars.length}A` : ''
    for (let i = 0; i < bars.length; i++) out += `\x1b[2K\r${line(i)}\n`
    drawn = true
    process.stderr.write(out)
  }
  const timer = setInterval(draw, 100)
  timer.unref()
  draw()
  return {
    finish(slot) {
      finished.add(slot)
    },
    stop() {
      clearInterval(timer)
      draw()
    },
  }
}
