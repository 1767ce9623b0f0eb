// Search over a ChunkStore for the engine: both legs fused by reciprocal rank, grouped by note, with highlights.
import type { HighlightRange, MatchReason, NoteHit, Passage, SearchRequest, SearchResponse } from '../../../shared/types'
import type { ChunkCandidate, ChunkStore } from '../store/chunk-store'
import { filtersToWhere, sqlAnd, sqlString } from '../store/sql'

const RRF_K = 60

interface Scored {
  chunk: ChunkCandidate
  score: number
  reasons: Set<MatchReason>
}

/** Runs one search request; `queryVector` null means keyword leg only. */
export async function searchChunks(store: ChunkStore, request: SearchRequest, queryVector: Float32Array | null): Promise<SearchResponse> {
  const started = Date.now()
  const mode = request.mode ?? 'hybrid'
  const limit = request.limit ?? 20
  const offset = request.offset ?? 0
  const depth = Math.max(50, (offset + limit) * 4)
  const where = filtersToWhere(request.filters)
  const useKeyword = mode !== 'semantic' || !queryVector
  const useVector = mode !== 'keyword' && queryVector !== null
  const [keyword, vector] = await Promise.all([
    useKeyword ? store.keywordSearch(request.query, { limit: depth, ...(where ? { where } : {}) }) : [],
    useVector ? store.vectorSearch(queryVector, { limit: depth, ...(where ? { where } : {}) }) : []
  ])
  const fused = new Map<string, Scored>()
  const add = (list: ChunkCandidate[], reason: MatchReason) =>
    list.forEach((chunk, rank) => {
      const entry = fused.get(chunk.id) ?? { chunk, score: 0, reasons: new Set<MatchReason>() }
      entry.score += 1 / (RRF_K + rank + 1)
      entry.reasons.add(reason)
      fused.set(chunk.id, entry)
    })
  add(keyword, 'keyword')
  add(vector, 'semantic')
  const terms = useKeyword ? await store.indexTerms(request.query) : []
  const notes = groupByNote([...fused.values()], terms)
  return {
    query: request.query,
    mode,
    hits: notes.slice(offset, offset + limit),
    total: notes.length,
    offset,
    tookMs: Date.now() - started,
    semanticAvailable: queryVector !== null
  }
}

/** Notes closest to the mean vector of the note at `path` (the note itself excluded). */
export async function relatedNotes(store: ChunkStore, path: string, limit: number): Promise<NoteHit[]> {
  const mean = await store.meanVectorOf(path)
  if (!mean) return []
  const chunks = await store.vectorSearch(mean, { limit: Math.max(50, limit * 5), where: sqlAnd([`path != ${sqlString(path)}`]) })
  const scored = chunks.map((chunk) => ({ chunk, score: chunk.score, reasons: new Set<MatchReason>(['semantic']) }))
  return groupByNote(scored, []).slice(0, limit)
}

function groupByNote(scored: Scored[], terms: string[]): NoteHit[] {
  const byPath = new Map<string, Scored[]>()
  for (const entry of scored.sort((a, b) => b.score - a.score)) {
    const list = byPath.get(entry.chunk.path) ?? []
    list.push(entry)
    byPath.set(entry.chunk.path, list)
  }
  const best = scored.length ? scored[0].score : 1
  return [...byPath.values()].map((list) => {
    const top = list[0].chunk
    const reasons = new Set<MatchReason>(list.flatMap((e) => [...e.reasons]))
    return {
      path: top.path,
      root: top.root,
      title: top.title,
      ext: top.ext,
      mtime: top.mtime,
      size: top.size,
      score: best > 0 ? list[0].score / best : 0,
      reasons: [...reasons],
      passage: passageOf(list[0].chunk, terms),
      morePassages: list.slice(1, 4).map((e) => passageOf(e.chunk, terms))
    }
  })
}

function passageOf(chunk: ChunkCandidate, terms: string[]): Passage {
  return { chunkId: chunk.id, text: chunk.text, heading: chunk.heading, lineStart: chunk.lineStart, lineEnd: chunk.lineEnd, highlights: termRanges(chunk.text, terms) }
}

/** Case-insensitive occurrences of the query terms in `text`. */
function termRanges(text: string, terms: string[]): HighlightRange[] {
  const lower = text.toLowerCase()
  const ranges: HighlightRange[] = []
  for (const term of terms) {
    if (!term) continue
    for (let at = lower.indexOf(term); at >= 0 && ranges.length < 50; at = lower.indexOf(term, at + term.length)) {
      ranges.push({ start: at, end: at + term.length, kind: 'term' })
    }
  }
  return ranges.sort((a, b) => a.start - b.start)
}
