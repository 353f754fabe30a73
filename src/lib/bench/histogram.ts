// A log-linear latency histogram in the spirit of HdrHistogram: values (nanoseconds) below 256 are counted
// exactly, larger ones in 128 linear sub-buckets per power of two, so any percentile is within 1/128 (0.8%)
// of the true value. Memory is fixed (4,480 counters, ~35 KiB) whatever the number of samples, and two
// histograms merge by adding counters, which is how worker threads report. Min, max, mean and stddev are
// exact (kept beside the buckets).

const SUB_BITS = 7
const SUB_COUNT = 1 << SUB_BITS // 128
const LINEAR_LIMIT = SUB_COUNT * 2 // values below this get a bucket each
/** Values are capped at 2^40 ns (about 18 minutes): enough for any latency a benchmark should see. */
const MAX_EXPONENT = 40
const MAX_VALUE = 2 ** MAX_EXPONENT - 1
const BUCKETS = LINEAR_LIMIT + (MAX_EXPONENT - SUB_BITS - 1) * SUB_COUNT

/** The serializable form, for crossing worker threads and for --json consumers that want the raw data. */
export interface HistogramData {
  count: number
  min: number
  max: number
  sum: number
  sumSquares: number
  /** [bucket index, count] pairs for the non-empty buckets. */
  buckets: Array<[number, number]>
}

export interface LatencySummary {
  min: number
  avg: number
  max: number
  stddev: number
  p50: number
  p90: number
  p99: number
  p99_9: number
}

function bucketIndex(value: number): number {
  if (value < LINEAR_LIMIT) return value
  // Exponent of the highest set bit; value < 2^41 so floating log2 is exact enough after the correction.
  let exponent = Math.floor(Math.log2(value))
  if (2 ** exponent > value) exponent--
  else if (2 ** (exponent + 1) <= value) exponent++
  const shift = exponent - SUB_BITS
  const mantissa = Math.floor(value / 2 ** shift) // in [128, 255]
  return LINEAR_LIMIT + (shift - 1) * SUB_COUNT + (mantissa - SUB_COUNT)
}

/** The lowest and highest value a bucket holds. */
export function bucketRange(index: number): [number, number] {
  if (index < LINEAR_LIMIT) return [index, index]
  const shift = Math.floor((index - LINEAR_LIMIT) / SUB_COUNT) + 1
  const mantissa = ((index - LINEAR_LIMIT) % SUB_COUNT) + SUB_COUNT
  const low = mantissa * 2 ** shift
  return [low, low + 2 ** shift - 1]
}

export class Histogram {
  private counts = new Float64Array(BUCKETS)
  count = 0
  min = Number.POSITIVE_INFINITY
  max = 0
  sum = 0
  sumSquares = 0

  static from(data: HistogramData): Histogram {
    const h = new Histogram()
    h.merge(data)
    return h
  }

  /** Records one value in nanoseconds (rounded; negative values count as 0). */
  record(nanos: number): void {
    let v = Math.round(nanos)
    if (!(v > 0)) v = 0
    if (v > MAX_VALUE) v = MAX_VALUE
    this.counts[bucketIndex(v)]++
    this.count++
    if (v < this.min) this.min = v
    if (v > this.max) this.max = v
    this.sum += v
    this.sumSquares += v * v
  }

  merge(other: Histogram | HistogramData): void {
    if (other.count === 0) return
    if (other instanceof Histogram) {
      for (let i = 0; i < BUCKETS; i++) this.counts[i] += other.counts[i]
    } else {
      for (const [index, n] of other.buckets) this.counts[index] += n
    }
    this.count += other.count
    this.min = Math.min(this.min, other.min)
    this.max = Math.max(this.max, other.max)
    this.sum += other.sum
    this.sumSquares += other.sumSquares
  }

  /** The value at or below which `percent` of the samples fall (within the bucket precision). */
  percentile(percent: number): number {
    if (this.count === 0) return 0
    const rank = Math.max(1, Math.ceil((percent / 100) * this.count))
    let seen = 0
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]
      if (seen >= rank) {
        const [low, high] = bucketRange(i)
        // The bucket's midpoint, clamped to what was actually seen.
        return Math.min(this.max, Math.max(this.min, (low + high) / 2))
      }
    }
    return this.max
  }

  mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count
  }

  stddev(): number {
    if (this.count < 2) return 0
    const mean = this.mean()
    return Math.sqrt(Math.max(0, this.sumSquares / this.count - mean * mean))
  }

  /** Summary in microseconds, as natscli reports latencies. */
  summary(): LatencySummary {
    const us = (ns: number) => Math.round(ns / 10) / 100
    return {
      min: us(this.count ? this.min : 0),
      avg: us(this.mean()),
      max: us(this.max),
      stddev: us(this.stddev()),
      p50: us(this.percentile(50)),
      p90: us(this.percentile(90)),
      p99: us(this.percentile(99)),
      p99_9: us(this.percentile(99.9)),
    }
  }

  /** Non-empty buckets as [low, high, count], lowest first (for plotting). */
  nonEmpty(): Array<[number, number, number]> {
    const out: Array<[number, number, number]> = []
    for (let i = 0; i < BUCKETS; i++) {
      if (this.counts[i] > 0) {
        const [low, high] = bucketRange(i)
        out.push([low, high, this.counts[i]])
      }
    }
    return out
  }

  toJSON(): HistogramData {
    const buckets: Array<[number, number]> = []
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i] > 0) buckets.push([i, this.counts[i]])
    return {count: this.count, min: this.count ? this.min : 0, max: this.max, sum: this.sum, sumSquares: this.sumSquares, buckets}
  }
}
