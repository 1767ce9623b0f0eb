// Standardized-score fusion and note grouping on constructed candidates.
import { describe, expect, it } from 'vitest'
import { fusedReasons, fuseNotes, type ScoredChunk } from '../../src/main/engine/search/fusion'

const chunk = (chunkId: string, noteKey: string, keyword: number, semantic: number | null): ScoredChunk => ({ chunkId, noteKey, keyword, semantic })

/** Twenty notes found by meaning only, with cosines spread from 0.5 down to 0.31. */
const meaningOnly = Array.from({ length: 20 }, (_, i) => chunk(`m${i}`, `M${i}`, 0, 0.5 - i * 0.01))

describe('fuseNotes', () => {
  it('scores a note by its best chunk per leg and sums the legs standardized over the candidates', () => {
    const notes = fuseNotes([chunk('a1', 'A', 4, 0.2), chunk('a2', 'A', 1, 0.6), chunk('b1', 'B', 0, 0.5), chunk('c1', 'C', 2, 0.1)], 'hybrid')
    const byKey = new Map(notes.map((n) => [n.noteKey, n]))
    expect(byKey.get('A')!.keyword).toBe(4)
    expect(byKey.get('A')!.semantic).toBe(0.6)
    // keyword over A, B, C: 4, 0, 2 (mean 2, sd 1.633); semantic: 0.6, 0.5, 0.1 (mean 0.4, sd 0.216)
    const z = (v: number, mean: number, sd: number) => (v - mean) / sd
    const kSd = Math.sqrt(8 / 3)
    const sSd = Math.sqrt(((0.2 ** 2) + (0.1 ** 2) + (0.3 ** 2)) / 3)
    expect(byKey.get('A')!.score).toBeCloseTo(z(4, 2, kSd) + z(0.6, 0.4, sSd), 9)
    expect(byKey.get('C')!.score).toBeCloseTo(z(2, 2, kSd) + z(0.1, 0.4, sSd), 9)
    expect(notes.map((n) => n.noteKey)).toEqual(['A', 'B', 'C'])
    // Within A, the chunk with the better fused score comes first: a2 is closer in meaning by more deviations than a1 leads in words.
    expect(byKey.get('A')!.chunks.map((c) => c.chunkId)).toEqual(['a2', 'a1'])
    expect(byKey.get('B')!.semanticRank).toBe(2)
  })

  it('lets a rare exact word match outrank the top note by meaning when meaning barely tells the notes apart', () => {
    const exact = chunk('x', 'X', 9, 0.4)
    const notes = fuseNotes([exact, ...meaningOnly], 'hybrid')
    expect(notes[0]!.noteKey).toBe('X')
  })

  it('keeps the top note by meaning first when a few notes far in meaning match one word', () => {
    const strays = ['S1', 'S2', 'S3'].map((key) => chunk(key, key, 1, 0.3))
    const notes = fuseNotes([...meaningOnly, ...strays], 'hybrid')
    expect(notes[0]!.noteKey).toBe('M0')
  })

  it('ranks by one leg in keyword and semantic mode', () => {
    const found = [chunk('a', 'A', 1, 0.9), chunk('b', 'B', 5, 0.1), chunk('c', 'C', 3, 0.5)]
    expect(fuseNotes(found, 'keyword').map((n) => n.noteKey)).toEqual(['B', 'C', 'A'])
    expect(fuseNotes(found, 'semantic').map((n) => n.noteKey)).toEqual(['A', 'C', 'B'])
  })

  it('survives a leg without spread and returns nothing for no candidates', () => {
    expect(fuseNotes([chunk('a', 'A', 2, null)], 'keyword').map((n) => [n.noteKey, n.score])).toEqual([['A', 0]])
    expect(fuseNotes([], 'hybrid')).toEqual([])
  })
})

describe('fusedReasons', () => {
  it('labels words and meaning honestly', () => {
    const notes = fuseNotes([chunk('w', 'W', 3, 0.1), chunk('s', 'S', 0, 0.9), chunk('b', 'B', 2, 0.8)], 'hybrid')
    const reasons = new Map(notes.map((n) => [n.noteKey, fusedReasons(n, 'hybrid', 2)]))
    expect(reasons.get('S')).toEqual(['semantic'])
    expect(reasons.get('B')).toEqual(['keyword', 'semantic'])
    expect(reasons.get('W')).toEqual(['keyword'])
    expect(fusedReasons(notes[0]!, 'semantic', 2)).toEqual(['semantic'])
  })
})
