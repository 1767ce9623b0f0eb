// Reciprocal-rank fusion and note grouping on constructed rankings.
import { describe, expect, it } from 'vitest'
import { fuseNotes, reciprocalRankFusion, RRF_K } from '../../src/main/engine/search/fusion'

const chunk = (chunkId: string, noteKey: string) => ({ chunkId, noteKey })

describe('reciprocalRankFusion', () => {
  it('sums weight / (k + rank) over rankings', () => {
    const scores = reciprocalRankFusion([{ ids: ['a', 'b', 'c'] }, { ids: ['c', 'a'], weight: 0.5 }])
    expect(scores.get('a')).toBeCloseTo(1 / 61 + 0.5 / 62, 12)
    expect(scores.get('b')).toBeCloseTo(1 / 62, 12)
    expect(scores.get('c')).toBeCloseTo(1 / 63 + 0.5 / 61, 12)
    expect(RRF_K).toBe(60)
  })

  it('counts a repeated id once at its best rank and supports per-id weights', () => {
    const scores = reciprocalRankFusion([{ ids: ['a', 'b', 'a'], weight: (id) => (id === 'a' ? 2 : 1) }], 10)
    expect(scores.get('a')).toBeCloseTo(2 / 11, 12)
    expect(scores.get('b')).toBeCloseTo(1 / 12, 12)
  })

  it('prefers an item both lists agree on over the top of one list', () => {
    const scores = reciprocalRankFusion([{ ids: ['x', 'both'] }, { ids: ['y', 'both'] }])
    const order = [...scores.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id)
    expect(order[0]).toBe('both')
  })
})

describe('fuseNotes', () => {
  it('ranks notes by their best chunk per leg, so many chunks of one note do not crowd out others', () => {
    const keyword = [chunk('a1', 'A'), chunk('a2', 'A'), chunk('a3', 'A'), chunk('b1', 'B')]
    const semantic = [chunk('b2', 'B'), chunk('a2', 'A')]
    const notes = fuseNotes([
      { reason: 'keyword', chunks: keyword },
      { reason: 'semantic', chunks: semantic }
    ])
    // A: keyword rank 1, semantic rank 2; B: keyword rank 2, semantic rank 1 -> equal scores, tie broken by best rank order.
    expect(notes.map((n) => n.noteKey)).toEqual(['A', 'B'])
    expect(notes[0]!.score).toBeCloseTo(1 / 61 + 1 / 62, 12)
    expect(notes[1]!.score).toBeCloseTo(1 / 62 + 1 / 61, 12)
    expect(notes[0]!.ranks).toEqual({ keyword: 1, semantic: 2 })
    // Within A, chunk a2 is in both legs and beats a1 (keyword rank 1 only).
    expect(notes[0]!.chunks.map((c) => c.chunkId)).toEqual(['a2', 'a1', 'a3'])
    expect(notes[1]!.chunks.map((c) => c.chunkId)).toEqual(['b2', 'b1'])
    expect(notes[1]!.reasons).toEqual(['keyword', 'semantic'])
  })

  it('scales a leg by per-chunk weights (a weak keyword hit cannot outrank the top semantic hit)', () => {
    const notes = fuseNotes<{ chunkId: string; noteKey: string; w: number }>([
      { reason: 'keyword', chunks: [{ chunkId: 'k', noteKey: 'K', w: 0.2 }], weight: (c) => c.w },
      { reason: 'semantic', chunks: [{ chunkId: 's', noteKey: 'S', w: 1 }] }
    ])
    expect(notes.map((n) => [n.noteKey, n.reasons])).toEqual([['S', ['semantic']], ['K', ['keyword']]])
    expect(notes[1]!.score).toBeCloseTo(0.2 / 61, 12)
  })

  it('returns nothing for empty legs', () => {
    expect(fuseNotes([{ reason: 'keyword', chunks: [] }])).toEqual([])
  })
})
