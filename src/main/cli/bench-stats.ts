// Bench helpers: timing, percentiles, medians, memory readings and a seeded random source (numbers only, no I/O).

/** Latency summary in milliseconds. */
export interface Percentiles {
  count: number
  p50: number
  p95: number
  p99: number
  mean: number
}

/** Rounds to `digits` decimals (for readable JSON). */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}

/** p50/p95/p99 (nearest rank) and mean of `samples`. */
export function percentiles(samples: readonly number[]): Percentiles {
  if (samples.length === 0) throw new Error('no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!)
  return { count: samples.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), mean: round(samples.reduce((a, b) => a + b, 0) / samples.length) }
}

/** Median of `values` (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('no values')
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Median over rounds of numerator[r] / denominator[r]: runs of the same round happen back to back, so each ratio sees about
 * the same load from other processes, which a ratio of separate medians does not.
 */
export function pairedRatio(numerator: readonly number[], denominator: readonly number[]): number {
  return round(median(numerator.map((n, r) => n / denominator[r]!)))
}

/** Runs `work` and returns its value with the elapsed wall time in ms. */
export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const value = await work()
  return [value, performance.now() - start]
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024, 1)
}

/** Current resident set size of this process, in MB. */
export function rssMb(): number {
  return round(process.memoryUsage().rss / 1024 / 1024, 1)
}

/** Deterministic pseudo-random numbers in [0, 1) (LCG), so runs are comparable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
}
