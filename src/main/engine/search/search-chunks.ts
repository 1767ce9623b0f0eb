// Search over a chunk store: vector and full-text legs with the same filters, fused by reciprocal rank, grouped by note, highlighted.
import { withSentence } from '../../../shared/passage'
import type { MatchReason, NoteHit, Passage, SearchFilters, SearchMode, SearchResponse, TextSpan } from '../../../shared/types'
import type { ChunkCandidate, ChunkStore } from '../store/chunk-store'
import { unmatchedWords } from '../store/unmatched-words'
import { filtersToWhere, sqlAnd, sqlString } from '../store/sql'
import { fuseNotes, type FusedNote } from './fusion'
import { splitStopWords } from '../store/stop-words'
import { fold, queryTerms, respelling, sentenceByTerms, sentences, termCoverage, termHighlights } from './terms'

export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 100
/** Further passages shown per note. */
export const MORE_PASSAGES = 2
/** A note counts as a semantic match when it ranks this high by meaning (or was found by meaning alone). */
export const SEMANTIC_REASON_RANK = 10
/**
 * Floor of a keyword hit's weight in hybrid mode. A keyword hit's RRF contribution is scaled by the share of query terms its
 * note passage contains, so stray partial matches (a number, one common word) cannot push a note found by meaning, e.g.
 * across languages, out of the first page; a hit matching every term keeps full weight.
 */
export const MIN_KEYWORD_WEIGHT = 0.2
/**
 * In hybrid mode a keyword hit's coverage is taken relative to the best-covered keyword hit, scaled up by at most
 * 1 / COVERAGE_REFERENCE. A same-language query rarely repeats every word of the note it asks about (questions cover ~half
 * their answer's terms), so its best keyword hits keep (near) full weight beside the semantic leg; when no hit covers much
 * of the query (e.g. a query in another language matching a number), stray matches stay damped.
 */
export const COVERAGE_REFERENCE = 0.7
/**
 * Floor of a vector hit's weight in hybrid mode. A vector hit's contribution is scaled by its similarity relative to the best
 * and the last candidate, so the long tail of the vector leg (every note has some rank by meaning) does not hand each stray
 * keyword match an "agreement" bonus that lifts it over the notes closest in meaning.
 */
export const MIN_SEMANTIC_WEIGHT = 0.2
/** Best keyword hits searched for the spelling the notes use of a misspelt query word. */
export const RESPELLING_HITS = 20

export interface SearchChunksRequest {
  query: string
  /** The query embedded with the model's query prefix; absent when no model is ready (search then runs as keyword). */
  queryVector?: Float32Array | null
  mode?: SearchMode
  filters?: SearchFilters
  /** Notes per page (default 20, at most 100). */
  limit?: number
  /** Notes to skip. */
  offset?: number
}

export interface SearchChunksOptions {
  /**
   * Scores sentences by closeness in meaning to the query (higher is closer), e.g. cosine of sentence embeddings to the query
   * vector. Used only for the best-sentence highlight of semantic hits that share no term with the query.
   */
  scoreSentences?: (sentences: string[]) => Promise<number[]>
  /**
   * How many such hits (from the top of the page) get their sentences scored (default 1). Each is one embedding call on
   * the query path: with an e5-small-sized model on 2 cores, 5 short sentences take ~20 ms (a query ~5 ms), so keep it low
   * (or leave scoreSentences out) where query latency matters.
   */
  scoredSentenceHits?: number
}

interface Candidate extends ChunkCandidate {
  chunkId: string
  noteKey: string
}

/** Runs one search. In keyword-only stores, or without a query vector, hybrid and semantic run as keyword (semanticAvailable false). */
export async function searchChunks(store: ChunkStore, request: SearchChunksRequest, options: SearchChunksOptions = {}): Promise<SearchResponse> {
  const started = performance.now()
  const limit = clampInt(request.limit, 1, MAX_LIMIT, DEFAULT_LIMIT)
  const offset = clampInt(request.offset, 0, Number.MAX_SAFE_INTEGER, 0)
  const semanticAvailable = !store.keywordOnly && !!request.queryVector && request.queryVector.length === store.dimension
  const requested = request.mode ?? 'hybrid'
  const mode: SearchMode = semanticAvailable ? requested : 'keyword'
  const query = request.query.trim()
  const respond = (hits: NoteHit[], total: number): SearchResponse => ({
    query: request.query, mode, hits, total, offset, tookMs: Math.round((performance.now() - started) * 10) / 10, semanticAvailable
  })
  if (query === '') return respond([], 0)

  const where = filtersToWhere(request.filters, store.hasTags)
  // Chunks fetched per leg: enough for the requested notes once grouped. The vector leg gets fewer (each candidate is
  // re-scored with its exact vector), the full-text leg more (cheap, and its candidates are only weighted, never re-read).
  const keywordPool = Math.min(1000, Math.max(60, (offset + limit) * 5))
  const vectorPool = Math.min(600, Math.max(40, (offset + limit) * 3))
  const [keywordHits, vectorHits, indexTerms] = await Promise.all([
    mode === 'semantic' ? [] : store.keywordSearch(query, { where, limit: keywordPool }),
    mode === 'keyword' ? [] : store.vectorSearch(request.queryVector!, { where, limit: vectorPool }),
    store.indexTerms(query)
  ])
  const terms = withRespelling(queryTerms(query, indexTerms), query, keywordHits)
  const hybrid = mode === 'hybrid'
  const coverage = new Map(keywordHits.map((h) => [h.id, termCoverage(`${h.title}\n${h.text}`, terms)]))
  const coverageScale = Math.max(COVERAGE_REFERENCE, ...coverage.values())
  const fused = fuseNotes<Candidate>([
    { reason: 'keyword', chunks: keywordHits.map(asCandidate), weight: hybrid ? (c) => Math.max(MIN_KEYWORD_WEIGHT, coverage.get(c.id)! / coverageScale) : undefined },
    // Weighted by similarity in semantic mode too: the order stays that of the similarities, and scores follow them instead of ranks.
    { reason: 'semantic', chunks: vectorHits.map(asCandidate), weight: relativeSimilarity(vectorHits) }
  ])
  const best = fused[0]?.score ?? 0
  const page = fused.slice(offset, offset + limit)
  const hits = page.map((note) => toNoteHit(note, best, terms, mode))
  await addSentenceHighlights(hits, terms, options)
  return respond(hits, fused.length)
}

/** Notes closest in meaning to `path` (mean of its chunk vectors), itself excluded; in keyword-only stores, by its title and opening words. */
export async function relatedNotes(
  store: ChunkStore,
  path: string,
  options: { limit?: number; filters?: SearchFilters } = {}
): Promise<NoteHit[]> {
  const limit = clampInt(options.limit, 1, MAX_LIMIT, 10)
  const where = sqlAnd([filtersToWhere(options.filters, store.hasTags), `path <> ${sqlString(path)}`])
  const pool = Math.min(1000, limit * 8)
  const mean = await store.meanVectorOf(path)
  let fused: FusedNote<Candidate>[]
  let reason: MatchReason
  if (mean) {
    reason = 'semantic'
    const hits = await store.vectorSearch(mean, { where, limit: pool })
    fused = fuseNotes([{ reason, chunks: hits.map(asCandidate), weight: relativeSimilarity(hits) }])
  } else {
    const [first] = await store.rowsOf(path, false)
    if (!first) return []
    reason = 'keyword'
    const query = `${first.title} ${first.text.slice(0, 300)}`
    fused = fuseNotes([{ reason, chunks: (await store.keywordSearch(query, { where, limit: pool })).map(asCandidate) }])
  }
  const best = fused[0]?.score ?? 0
  return fused.slice(0, limit).map((note) => toNoteHit(note, best, [], reason === 'semantic' ? 'semantic' : 'keyword'))
}

/**
 * When one query word is in none of the keyword hits (the full-text leg then matched it by edit distance, see
 * ChunkStore.keywordSearch), its term is replaced by the spelling the best hits use ("ghandi" -> "gandhi"), so that
 * spelling is highlighted and counts as found.
 */
function withRespelling(terms: string[], query: string, keywordHits: readonly ChunkCandidate[]): string[] {
  if (keywordHits.length === 0) return terms // semantic mode, or nothing matched: no spelling to learn from
  const unmatched = unmatchedWords(splitStopWords(query).content, keywordHits)
  if (unmatched.length !== 1) return terms
  const misspelt = fold(unmatched[0]!)
  const spelling = respelling(misspelt, keywordHits.slice(0, RESPELLING_HITS).map((h) => `${h.title}\n${h.text}`))
  if (!spelling) return terms
  return [...new Set(terms.map((term) => (misspelt.startsWith(term) || term.startsWith(misspelt) ? spelling : term)))]
}

/** `value` as an integer within [min, max]; `fallback` when it is missing or not a number. */
function clampInt(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback
  return Math.min(max, Math.max(min, Math.floor(value)))
}

/** Weight of a vector hit: its similarity scaled between the last (0) and the best (1) candidate, at least MIN_SEMANTIC_WEIGHT. */
function relativeSimilarity(hits: ChunkCandidate[]): (c: ChunkCandidate) => number {
  const top = hits[0]?.score ?? 0
  const last = hits.at(-1)?.score ?? 0
  const span = top - last
  return (c) => (span > 1e-6 ? Math.max(MIN_SEMANTIC_WEIGHT, (c.score - last) / span) : 1)
}

function asCandidate(hit: ChunkCandidate): Candidate {
  return { ...hit, chunkId: hit.id, noteKey: hit.path }
}

function toNoteHit(note: FusedNote<Candidate>, bestScore: number, terms: string[], mode: SearchMode): NoteHit {
  const [top, ...rest] = note.chunks
  const reasons = note.reasons.filter(
    (r) => r === 'keyword' || mode === 'semantic' || (note.ranks.semantic ?? Infinity) <= SEMANTIC_REASON_RANK || !note.reasons.includes('keyword')
  )
  return {
    path: top!.path,
    root: top!.root,
    title: top!.title,
    ext: top!.ext,
    mtime: top!.mtime,
    size: top!.size,
    score: bestScore > 0 ? note.score / bestScore : 0,
    reasons,
    ...(top!.tags?.length ? { tags: top!.tags } : {}),
    passage: toPassage(top!, terms),
    morePassages: rest.slice(0, MORE_PASSAGES).map((c) => toPassage(c, terms))
  }
}

function toPassage(chunk: Candidate, terms: string[]): Passage {
  return {
    chunkId: chunk.id,
    text: chunk.text,
    heading: chunk.heading,
    lineStart: chunk.lineStart,
    lineEnd: chunk.lineEnd,
    ...(chunk.page ? { page: chunk.page } : {}),
    highlights: termHighlights(chunk.text, terms)
  }
}

/** Semantic hits get their best-matching sentence: the one with most query terms, else (optionally) the one scored closest in meaning. */
async function addSentenceHighlights(hits: NoteHit[], terms: string[], options: SearchChunksOptions): Promise<void> {
  let scoredBudget = options.scoreSentences ? (options.scoredSentenceHits ?? 1) : 0
  for (const hit of hits) {
    if (!hit.reasons.includes('semantic')) continue
    const passage = hit.passage
    let span = sentenceByTerms(passage.text, terms)
    if (!span && scoredBudget > 0) {
      scoredBudget--
      span = await closestSentence(passage.text, options.scoreSentences!)
    }
    if (span) passage.highlights = withSentence(passage.highlights, span)
  }
}

/** The sentence of `text` that `scoreSentences` rates highest (closest in meaning); null when `text` has no sentence. */
export async function closestSentence(text: string, scoreSentences: (sentences: string[]) => Promise<number[]>): Promise<TextSpan | null> {
  const spans = sentences(text)
  if (spans.length === 0) return null
  const scores = await scoreSentences(spans.map((s) => text.slice(s.start, s.end)))
  return spans[scores.indexOf(Math.max(...scores))] ?? null
}
