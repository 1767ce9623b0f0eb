// Reciprocal-rank fusion of the search legs and grouping of chunk hits into ranked notes.
import type { MatchReason } from '../../../shared/types'

/** The usual RRF constant: dampens the gap between the first ranks so neither leg dominates with one hit. */
export const RRF_K = 60

/** One ranked list to fuse: ids best first; `weight` scales its contribution (per id or for all). */
export interface Ranking {
  ids: readonly string[]
  weight?: number | ((id: string) => number)
}

/** RRF: score(id) = sum over rankings of weight / (k + rank), rank from 1. An id listed twice in one ranking counts once (its best rank). */
export function reciprocalRankFusion(rankings: readonly Ranking[], k = RRF_K): Map<string, number> {
  const scores = new Map<string, number>()
  for (const ranking of rankings) {
    const seen = new Set<string>()
    ranking.ids.forEach((id, index) => {
      if (seen.has(id)) return
      seen.add(id)
      const weight = typeof ranking.weight === 'function' ? ranking.weight(id) : (ranking.weight ?? 1)
      scores.set(id, (scores.get(id) ?? 0) + weight / (k + index + 1))
    })
  }
  return scores
}

/** A chunk from one or both legs. */
export interface LegChunk {
  chunkId: string
  noteKey: string
}

/** One search leg's chunk list, best first. */
export interface Leg<C extends LegChunk> {
  reason: MatchReason
  chunks: readonly C[]
  /** Contribution weight of a chunk (default 1); a note takes its best-ranked chunk's weight. */
  weight?: (chunk: C) => number
}

/** A note after fusion: its chunks ordered by their own fused score, best first. */
export interface FusedNote<C extends LegChunk> {
  noteKey: string
  score: number
  reasons: MatchReason[]
  /** Best rank of the note in each leg it appears in (1-based). */
  ranks: Partial<Record<MatchReason, number>>
  chunks: C[]
}

/**
 * Fuses legs at note level: each leg ranks notes by their best chunk, those note rankings are fused by RRF (so a note with
 * many matching chunks does not crowd out others), and within a note chunks are ordered by chunk-level RRF.
 * Notes are returned best first; ties keep the note that ranked higher in any leg first.
 */
export function fuseNotes<C extends LegChunk>(legs: readonly Leg<C>[], k = RRF_K): FusedNote<C>[] {
  const notes = new Map<string, FusedNote<C>>()
  const chunkById = new Map<string, C>()
  const noteRankings: Ranking[] = []
  const chunkRankings: Ranking[] = []
  for (const leg of legs) {
    const noteIds: string[] = []
    const noteWeight = new Map<string, number>()
    for (const chunk of leg.chunks) {
      chunkById.set(chunk.chunkId, chunkById.get(chunk.chunkId) ?? chunk)
      if (noteWeight.has(chunk.noteKey)) continue
      noteIds.push(chunk.noteKey)
      noteWeight.set(chunk.noteKey, leg.weight ? leg.weight(chunk) : 1)
      const note = notes.get(chunk.noteKey) ?? { noteKey: chunk.noteKey, score: 0, reasons: [], ranks: {}, chunks: [] }
      note.reasons.push(leg.reason)
      note.ranks[leg.reason] = noteIds.length
      notes.set(chunk.noteKey, note)
    }
    noteRankings.push({ ids: noteIds, weight: (id) => noteWeight.get(id)! })
    const weights = new Map(leg.chunks.map((c) => [c.chunkId, leg.weight ? leg.weight(c) : 1]))
    chunkRankings.push({ ids: leg.chunks.map((c) => c.chunkId), weight: (id) => weights.get(id)! })
  }
  const noteScores = reciprocalRankFusion(noteRankings, k)
  const chunkScores = reciprocalRankFusion(chunkRankings, k)
  for (const [chunkId, chunk] of chunkById) notes.get(chunk.noteKey)!.chunks.push(chunkById.get(chunkId)!)
  const bestRank = (n: FusedNote<C>) => Math.min(...Object.values(n.ranks))
  const fused = [...notes.values()]
  for (const note of fused) {
    note.score = noteScores.get(note.noteKey) ?? 0
    note.chunks.sort((a, b) => chunkScores.get(b.chunkId)! - chunkScores.get(a.chunkId)!)
  }
  return fused.sort((a, b) => b.score - a.score || bestRank(a) - bestRank(b))
}
