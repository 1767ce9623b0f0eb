// Fusion of the search legs at note level: each leg's scores standardized over the candidates of this query, then summed.
import type { MatchReason } from '../../../shared/types'

/** A chunk found by either leg, with what each leg says about it. */
export interface ScoredChunk {
  chunkId: string
  noteKey: string
  /** Full-text score (BM25); 0 when the keyword leg did not find the chunk. */
  keyword: number
  /** Cosine similarity to the query vector; null when unknown (no model). */
  semantic: number | null
}

/** Which legs count: hybrid sums both, the others rank by one. */
export type FusionLegs = 'hybrid' | 'keyword' | 'semantic'

/** A note after fusion: its chunks best first. */
export interface FusedNote<C extends ScoredChunk> {
  noteKey: string
  /** Fused evidence in standard deviations of the legs over this query's candidates (comparable within the query only). */
  score: number
  /** Best full-text score of its chunks (0: not found by words). */
  keyword: number
  /** Best cosine of its chunks (null: unknown). */
  semantic: number | null
  /** 1-based rank of the note by meaning among the candidates (null without cosines). */
  semanticRank: number | null
  chunks: C[]
}

/** Mean and standard deviation of a leg's note scores over the candidates. */
interface LegStats {
  mean: number
  deviation: number
}

/**
 * Fuses chunk candidates into ranked notes. A note's leg score is its best chunk's; each leg is standardized over all
 * candidate notes of the query (z = (score - mean) / deviation; a note the keyword leg did not find scores 0 there), and
 * hybrid sums the two z-scores (CombSUM of standardized scores). So each leg weighs by how far its evidence stands out for
 * this query: a rare word matching one note exactly is many deviations above the rest and wins even where meaning is
 * unsure; stray matches of a number or a name across languages stand out little and move little. Keyword and semantic
 * modes rank by their own leg (the same standardization, so the fold reads every mode alike). Within a note, chunks are
 * ordered by the same fused score. Ties keep the order of the candidates given (keyword leg first).
 */
export function fuseNotes<C extends ScoredChunk>(chunks: readonly C[], legs: FusionLegs): FusedNote<C>[] {
  const byNote = new Map<string, FusedNote<C>>()
  for (const chunk of chunks) {
    let note = byNote.get(chunk.noteKey)
    if (!note) byNote.set(chunk.noteKey, (note = { noteKey: chunk.noteKey, score: 0, keyword: 0, semantic: null, semanticRank: null, chunks: [] }))
    note.chunks.push(chunk)
    note.keyword = Math.max(note.keyword, chunk.keyword)
    if (chunk.semantic !== null) note.semantic = Math.max(note.semantic ?? -Infinity, chunk.semantic)
  }
  const notes = [...byNote.values()]
  const keywordStats = statsOf(notes.map((n) => n.keyword))
  const withMeaning = notes.filter((n) => n.semantic !== null)
  const semanticStats = statsOf(withMeaning.map((n) => n.semantic!))
  withMeaning.sort((a, b) => b.semantic! - a.semantic!).forEach((note, i) => (note.semanticRank = i + 1))
  const fusedScore = (keyword: number, semantic: number | null) => {
    const k = standardized(keyword, keywordStats)
    const s = semantic === null ? 0 : standardized(semantic, semanticStats)
    return legs === 'keyword' ? k : legs === 'semantic' ? s : k + s
  }
  for (const note of notes) {
    note.score = fusedScore(note.keyword, note.semantic)
    const chunkScores = new Map(note.chunks.map((c) => [c, fusedScore(c.keyword, c.semantic)]))
    note.chunks.sort((a, b) => chunkScores.get(b)! - chunkScores.get(a)!)
  }
  return notes.sort((a, b) => b.score - a.score)
}

/** Why a fused note matched: its words (if the keyword leg found it) and its meaning (if it ranks high by it, or only by it). */
export function fusedReasons(note: FusedNote<ScoredChunk>, legs: FusionLegs, semanticReasonRank: number): MatchReason[] {
  const reasons: MatchReason[] = []
  if (note.keyword > 0 && legs !== 'semantic') reasons.push('keyword')
  if (legs === 'semantic' || (legs === 'hybrid' && note.semantic !== null && (note.keyword === 0 || (note.semanticRank ?? Infinity) <= semanticReasonRank))) {
    reasons.push('semantic')
  }
  return reasons
}

function statsOf(values: readonly number[]): LegStats {
  if (values.length === 0) return { mean: 0, deviation: 1 }
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length
  return { mean, deviation: Math.sqrt(variance) }
}

/** (value - mean) / deviation; 0 when the leg cannot tell candidates apart (no spread). */
function standardized(value: number, stats: LegStats): number {
  return stats.deviation > 1e-12 ? (value - stats.mean) / stats.deviation : 0
}
