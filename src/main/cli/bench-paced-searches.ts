// Bench: hybrid searches timed one after another with a pause between them (a person typing, not a flood), for the
// sections that compare search latency while the engine works against the same searches idle.
import type { Engine } from '../engine/engine'

/** One timed search: its query, its wall time and when it started (performance.now()), ms. */
export interface TimedSearch {
  query: string
  latencyMs: number
  startedAt: number
}

/** How a series runs: `count` searches, or while `until()` does not hold (checked before each one, so possibly none). */
export type SeriesLength = { count: number } | { until: () => boolean }

export interface PacedSeries {
  /** Pause after each search, ms. */
  gapMs: number
  length: SeriesLength
  /** Index in `queries` of the first search; the series goes round them (default 0). */
  firstQuery?: number
}

/** Runs a series of hybrid searches (10 hits, no sentence scoring) over `queries`, paced as `series` says. */
export async function pacedSearches(engine: Engine, queries: readonly string[], series: PacedSeries): Promise<TimedSearch[]> {
  const timed: TimedSearch[] = []
  const first = series.firstQuery ?? 0
  const more = (): boolean => ('count' in series.length ? timed.length < series.length.count : !series.length.until())
  while (more()) {
    const query = queries[(first + timed.length) % queries.length]!
    const startedAt = performance.now()
    await engine.call('search', { query, mode: 'hybrid', limit: 10, scoreSentences: false })
    timed.push({ query, latencyMs: performance.now() - startedAt, startedAt })
    await new Promise((resolve) => setTimeout(resolve, series.gapMs))
  }
  return timed
}

/** The latencies of a series, ms. */
export function latenciesOf(timed: readonly TimedSearch[]): number[] {
  return timed.map((search) => search.latencyMs)
}
