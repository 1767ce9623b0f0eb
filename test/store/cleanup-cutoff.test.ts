// Upkeep keeps every table version a reader may still hold: retention counts from when a version was superseded.
import { describe, expect, it } from 'vitest'
import { safeCleanupCutoff } from '../../src/main/engine/store/index-policy'

const at = (...seconds: number[]) => seconds.map((s) => ({ timestamp: new Date(s * 1000) }))

describe('safeCleanupCutoff', () => {
  it('keeps a version written long ago but superseded a moment ago (idle upkeep after a quiet minute)', () => {
    // v1 at 0 s, v2 (the latest) at 10 s; upkeep at 100 s with 60 s retention: its compaction supersedes v2 now.
    const cutoff = safeCleanupCutoff(at(0, 10), 100_000, 60_000)
    expect(cutoff.getTime()).toBe(10_000) // v1 goes (superseded 90 s ago), v2 stays (older-than is strict)
  })

  it('keeps the versions superseded within the retention, drops the ones before', () => {
    // v1 0 s, v2 20 s, v3 70 s, v4 95 s; now 100 s, retention 60 s: v1 was superseded at 20 s (80 s ago), v2 at 70 s (30 s ago).
    const cutoff = safeCleanupCutoff(at(0, 20, 70, 95), 100_000, 60_000)
    expect(cutoff.getTime()).toBe(20_000)
  })

  it('drops nothing when no version is older than the retention', () => {
    const cutoff = safeCleanupCutoff(at(50, 70, 95), 100_000, 60_000)
    expect(cutoff.getTime()).toBe(50_000)
  })

  it('with no retention keeps only the latest version (and whatever this upkeep writes)', () => {
    expect(safeCleanupCutoff(at(95, 0, 20), 100_000, 0).getTime()).toBe(95_000)
  })
})
