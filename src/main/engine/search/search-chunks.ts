// Search over a chunk store: vector and full-text (with query translation) legs under the same filters, fused on standardized scores, grouped by note, folded, highlighted.
import { withSentence } from '../../../shared/passage'
import type { MatchReason, NoteHit, Passage, SearchFilters, SearchMode, SearchResponse, TextSpan } from '../../../shared/types'
import type { ChunkStore } from '../store/chunk-store'
import type { ChunkCandidate } from '../store/search-legs'
import { withStraightApostrophes } from '../store/apostrophes'
import { unmatchedWords } from '../store/unmatched-words'
import { filtersToWhere, sqlAnd, sqlString } from '../store/sql'
import { splitStopWords } from '../store/stop-words'
import type { LexiconView } from '../lexicon/format'
import { fullTextSpellings, translateQuery, type QueryTranslation } from '../lexicon/translate'
import { strongCount } from './fold'
import { fusedReasons, fuseNotes, type FusedNote, type FusionLegs, type ScoredChunk } from './fusion'
import { fold, groupCoverage, queryTerms, respelling, sentenceByTerms, sentences, termCoverage, termHighlights } from './terms'

export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 100
/** Further passages shown per note. */
export const MORE_PASSAGES = 2
/** In hybrid mode a note found by words is also labelled a semantic match when it ranks this high by meaning. */
export const SEMANTIC_REASON_RANK = 10
/** Best keyword hits searched for the spelling the notes use of a misspelt query word. */
export const RESPELLING_HITS = 20
/**
 * Chunks fetched per leg at least (more for deep pages): the candidates fusion standardizes each leg over, so a query's
 * scores, order and fold do not depend on the page size asked for.
 */
export const KEYWORD_POOL = 100
export const VECTOR_POOL = 60

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
  /** The query-translation lexicon (loaded on first use); without it the keyword leg searches the query's own words only. */
  lexicon?: () => Promise<LexiconView | null>
}

/** A chunk candidate with what both legs say about it. */
interface Candidate extends ChunkCandidate, ScoredChunk {}

/** Runs one search. In keyword-only stores, or without a query vector, hybrid and semantic run as keyword (semanticAvailable false). */
export async function searchChunks(store: ChunkStore, request: SearchChunksRequest, options: SearchChunksOptions = {}): Promise<SearchResponse> {
  const started = performance.now()
  const limit = clampInt(request.limit, 1, MAX_LIMIT, DEFAULT_LIMIT)
  const offset = clampInt(request.offset, 0, Number.MAX_SAFE_INTEGER, 0)
  const semanticAvailable = !store.keywordOnly && !!request.queryVector && request.queryVector.length === store.dimension
  const requested = request.mode ?? 'hybrid'
  const mode: SearchMode = semanticAvailable ? requested : 'keyword'
  // Written as the index holds the notes' words (Apple’s as Apple's), so the full-text leg and highlights find them.
  const query = withStraightApostrophes(request.query.trim())
  const respond = (hits: NoteHit[], total: number): SearchResponse => ({
    query: request.query, mode, hits, total, offset, tookMs: Math.round((performance.now() - started) * 10) / 10, semanticAvailable
  })
  if (query === '') return respond([], 0)

  const where = filtersToWhere(request.filters, store.hasTags)
  const keywordPool = Math.min(1000, Math.max(KEYWORD_POOL, (offset + limit) * 5))
  const vectorPool = Math.min(600, Math.max(VECTOR_POOL, (offset + limit) * 3))
  const queryVector = semanticAvailable ? request.queryVector! : null
  // The vector leg and the query's index terms do not wait for the translation.
  const vectorLeg = mode === 'keyword' ? Promise.resolve([]) : store.vectorSearch(queryVector!, { where, limit: vectorPool })
  const termsLeg = store.indexTerms(query)
  vectorLeg.catch(() => undefined)
  termsLeg.catch(() => undefined)
  const translation = mode === 'semantic' ? NO_TRANSLATION : await translationFor(store, query, where, options.lexicon)
  const [keywordHits, vectorHits, indexTerms] = await Promise.all([
    mode === 'semantic' ? [] : store.keywordSearch(query, { where, limit: keywordPool, withVectors: mode === 'hybrid' }, fullTextSpellings(translation.terms)),
    vectorLeg,
    termsLeg
  ])
  // The query's words as the notes may write them: respelt where misspelt, and in their other English spelling (colour: color).
  const otherSpellings = translation.terms.filter((t) => t.otherSpelling).map((t) => fold(t.text))
  const ownTerms = [...new Set([...withRespelling(queryTerms(query, indexTerms), query, keywordHits), ...otherSpellings])].filter((t) => t !== '')
  const translatedTerms = [...new Set(translation.terms.map((t) => fold(t.text)))].filter((t) => t !== '' && !ownTerms.includes(t))
  const terms = [...ownTerms, ...translatedTerms]
  // Hybrid weighs each keyword hit by the share of the query's words it holds; keyword mode keeps BM25's own order.
  const groups = wordGroups(ownTerms, translation)
  const coverage = mode === 'hybrid' ? (hit: ChunkCandidate) => groupCoverage(`${hit.title}\n${hit.text}`, groups) : () => 1
  const fused = fuseNotes(candidates(keywordHits, vectorHits, queryVector, coverage), mode)
  const strong = strongCount(fused.map((n) => n.score))
  const scale = scoreScale(fused)
  const hits = fused.slice(offset, offset + limit).map((note, i) =>
    toNoteHit(note, { strong: offset + i < strong, score: scale(note.score), reasons: withTranslated(fusedReasons(note, mode, SEMANTIC_REASON_RANK), note, ownTerms, translatedTerms), terms })
  )
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
  const pool = Math.min(1000, Math.max(VECTOR_POOL, limit * 8))
  const mean = await store.meanVectorOf(path)
  let legs: FusionLegs
  let found: Candidate[]
  if (mean) {
    legs = 'semantic'
    found = candidates([], await store.vectorSearch(mean, { where, limit: pool }), mean, () => 1)
  } else {
    const [first] = await store.rowsOf(path, false)
    if (!first) return []
    legs = 'keyword'
    found = candidates(await store.keywordSearch(`${first.title} ${first.text.slice(0, 300)}`, { where, limit: pool }), [], null, () => 1)
  }
  const fused = fuseNotes(found, legs)
  const strong = strongCount(fused.map((n) => n.score))
  const scale = scoreScale(fused)
  return fused.slice(0, limit).map((note, i) => toNoteHit(note, { strong: i < strong, score: scale(note.score), reasons: fusedReasons(note, legs, SEMANTIC_REASON_RANK), terms: [] }))
}

/**
 * Both legs' chunks as fusion candidates: keyword hits with their BM25 score times `coverage` and (hybrid) their cosine
 * to the query, vector hits with their cosine and no keyword score. A chunk both legs found is one candidate.
 *
 * Why BM25 times coverage in hybrid mode (the share of the query's words a passage holds, a translation counting for its
 * word): BM25 adds up term scores, so a short passage repeating two of three words can outscore the one passage that
 * holds all three ("undefined behavior sanitizer"), and a stray name or number can stand out far across languages;
 * coordination-level weighting puts the passages holding more of the query first. Measured on the dev sets (lite pack,
 * issue 14): hybrid R@1 +0.02 to +0.10 on every cross-language set, same-language sets unchanged or better. Keyword
 * mode keeps BM25's order: there it moved same-language MRR@10 down by 0.001 (xquad-en2en).
 */
function candidates(
  keywordHits: readonly ChunkCandidate[],
  vectorHits: readonly ChunkCandidate[],
  queryVector: Float32Array | null,
  coverage: (hit: ChunkCandidate) => number
): Candidate[] {
  const byId = new Map<string, Candidate>()
  for (const hit of keywordHits) {
    const semantic = hit.vector && queryVector ? cosine(hit.vector, queryVector) : null
    const { vector: _vector, ...rest } = hit
    byId.set(hit.id, { ...rest, chunkId: hit.id, noteKey: hit.path, keyword: hit.score * coverage(hit), semantic })
  }
  for (const hit of vectorHits) {
    const known = byId.get(hit.id)
    if (known) known.semantic = hit.score
    else byId.set(hit.id, { ...hit, chunkId: hit.id, noteKey: hit.path, keyword: 0, semantic: hit.score })
  }
  return [...byId.values()]
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0
  let aa = 0
  let bb = 0
  for (let i = 0; i < a.length; i++) (dot += a[i]! * b[i]!), (aa += a[i]! * a[i]!), (bb += b[i]! * b[i]!)
  return aa > 0 && bb > 0 ? dot / Math.sqrt(aa * bb) : 0
}

/** Maps fused scores to the [0, 1] relevance shown: 1 for the best note, 0 for the weakest candidate. */
function scoreScale(fused: readonly FusedNote<Candidate>[]): (score: number) => number {
  const best = fused[0]?.score ?? 0
  const worst = fused.at(-1)?.score ?? 0
  return (score) => (best - worst > 1e-12 ? (score - worst) / (best - worst) : 1)
}

const NO_TRANSLATION: QueryTranslation = { words: [], terms: [] }

/**
 * The query's words as groups of spellings a passage may hold: each translated word with its own stem(s) and its
 * translations; every other index term of the query on its own.
 */
function wordGroups(ownTerms: readonly string[], translation: QueryTranslation): string[][] {
  const groups = translation.words.map((word, index) => {
    const surface = fold(word.text)
    const stems = ownTerms.filter((term) => surface.startsWith(term) || term.startsWith(surface))
    return [...new Set([surface, ...stems, ...translation.terms.filter((t) => t.source === index).map((t) => fold(t.text))])].filter((t) => t !== '')
  })
  for (const term of ownTerms) if (!groups.some((group) => group.includes(term))) groups.push([term])
  return groups.filter((group) => group.length > 0)
}

/** The query's translations into the languages of the notes in scope (none without a lexicon or other languages). */
async function translationFor(store: ChunkStore, query: string, where: string | undefined, lexicon: SearchChunksOptions['lexicon']): Promise<QueryTranslation> {
  if (!lexicon) return NO_TRANSLATION
  const languages = await store.languages(where)
  if (languages.length === 0) return NO_TRANSLATION
  const view = await lexicon()
  return view ? translateQuery(view, query, languages) : NO_TRANSLATION
}

/**
 * Honest word reasons: a note found by words is labelled `keyword` when it holds one of the query's own words and
 * `translated` when it holds a translation of one (both when both).
 */
function withTranslated(reasons: MatchReason[], note: FusedNote<Candidate>, ownTerms: readonly string[], translatedTerms: readonly string[]): MatchReason[] {
  if (!reasons.includes('keyword') || translatedTerms.length === 0) return reasons
  // Everything the full-text leg searched: title, aliases (a word may match only there) and text.
  const text = note.chunks.filter((c) => c.keyword > 0).map((c) => [c.title, ...(c.aliases ?? []), c.text].join('\n')).join('\n')
  const viaTranslation = termCoverage(text, translatedTerms) > 0
  const own = !viaTranslation || termCoverage(text, ownTerms) > 0
  return [...(own ? ['keyword' as const] : []), ...(viaTranslation ? ['translated' as const] : []), ...reasons.filter((r) => r !== 'keyword')]
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

function toNoteHit(note: FusedNote<Candidate>, fold: { strong: boolean; score: number; reasons: MatchReason[]; terms: readonly string[] }): NoteHit {
  const [top, ...rest] = note.chunks
  return {
    path: top!.path,
    root: top!.root,
    title: top!.title,
    ext: top!.ext,
    mtime: top!.mtime,
    size: top!.size,
    score: fold.score,
    strong: fold.strong,
    reasons: fold.reasons,
    ...(top!.tags?.length ? { tags: top!.tags } : {}),
    passage: toPassage(top!, fold.terms),
    morePassages: rest.slice(0, MORE_PASSAGES).map((c) => toPassage(c, fold.terms))
  }
}

function toPassage(chunk: Candidate, terms: readonly string[]): Passage {
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
async function addSentenceHighlights(hits: NoteHit[], terms: readonly string[], options: SearchChunksOptions): Promise<void> {
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
