// The search legs over a chunk table: full-text (BM25, stop words, Greek spellings, one fuzzy retry) and vector (cosine), filtered before ranking.
import type { FullTextQuery, LanceDbModule, Occur, Table } from './lancedb'
import { recordToRow, toFloat32, type ChunkRow, type StoredRecord } from './schema'
import { otherGreekSpellings } from '../lexicon/greek-accent'
import { fuzzyTermQuery } from './fuzzy-query'
import { VECTOR_REFINE_FACTOR } from './index-policy'
import { splitStopWords } from './stop-words'
import { unmatchedWords } from './unmatched-words'

/**
 * A chunk found by a search leg. `score`: BM25 for keyword hits, cosine similarity for vector hits. `vector`: only on
 * keyword hits asked `withVectors` (so fusion can tell how close in meaning every candidate is).
 */
export type ChunkCandidate = Omit<ChunkRow, 'vector'> & { score: number; vector?: Float32Array }

export interface LegOptions {
  /** SQL WHERE clause (see sql.ts), applied before ranking. */
  where?: string
  limit: number
  /** Keyword leg: return each hit's vector too (ignored in keyword-only tables). */
  withVectors?: boolean
}

/** A keyword search's options, and whether it searches only the rows in the full-text index (see keywordSearch). */
type KeywordScope = LegOptions & { indexedOnly?: boolean }

type FullTextClause = [Occur, FullTextQuery]
/**
 * How a term's weight enters the full-text query: BM25 adds a query word's score once per occurrence of the word in the
 * query (measured: "a a b" scores a twice), so a translation of weight w is written round(TERM_REPEATS * w) times (none
 * below 1 / (2 * TERM_REPEATS)) and the query's own words TERM_REPEATS times: weights in quarters. One match query with
 * repeated words runs about as fast as the plain query (its top-k pruning stays on); a boolean query of clauses boosted
 * per weight measured 2-3x slower at 100k chunks, which is most of what translating cost.
 */
export const TERM_REPEATS = 4

/** A term added to the full-text query with a weight in (0, 1] (a translation, or another spelling, of a query word). */
export interface WeightedTerm {
  text: string
  weight: number
}

/** The read-only search legs of one chunk table (ChunkStore owns the table and delegates to these). */
export class SearchLegs {
  constructor(
    private readonly sdk: LanceDbModule,
    private readonly table: Table,
    /** True once the table's full-text indexes exist (keyword search finds nothing before). */
    private readonly fullTextReady: () => Promise<boolean>,
    /** True while the rows not yet in the full-text index are few enough to scan in every keyword search (see FULL_TEXT_SCAN_MAX_ROWS). */
    private readonly scanUnindexed: () => Promise<boolean>,
    /** Rows carry no vectors (no model). */
    private readonly keywordOnly: boolean,
    /** Columns the table has (an older schema's table has fewer): those returned, and those full-text indexed. */
    private readonly columns: { result: readonly string[]; fullText: readonly string[] }
  ) {}

  /**
   * Full-text leg: chunks ranked by BM25 over text and title (ICU-tokenized, any term may match), filtered by `where` before
   * ranking. The query is taken as plain words: quotes, AND/OR and other query syntax are not interpreted.
   * - Content words rank; stop words (of the query's language, see stop-words.ts) do not: even at a tenth of a content
   *   word's weight they cost tldr-en2mixed R@1 0.647 -> 0.626 (English notes win on "the", "to" over the note in another
   *   language that shares the name searched for) and xquad-es2de R@1 0.480 -> 0.457.
   * - When exactly one word of FUZZY_MIN_LETTERS+ letters is found in none of the hits, nor anywhere in scope, it is likely
   *   misspelt ("Ghandi"): that word is also matched by edit distance in the note text, its scores added to the hits'. (A
   *   word the notes hold but the top hits lack is a real word, not a typo: checking costs one posting lookup, ~2 ms at
   *   100k chunks, against 5-10 ms for the edit-distance match.) (With more such words the
   *   query is rather in another language than the notes; retrying those too lifted xquad-es2de keyword R@10 0.47 -> 0.66
   *   but ran on ~70% of the bench's mixed-language queries: keyword leg p95 at 100k chunks 18 -> ~50 ms.)
   * - Only when nothing matches at all, or the query is only stop words ("Cypiddids are not what?", "the who"), its stop
   *   words are searched: a weak lead beats an empty page.
   * - Rows written since the last upkeep are not in the full-text index yet and LanceDB scans them in every query: while
   *   they are more than FULL_TEXT_SCAN_MAX_ROWS (a bulk indexing run), only indexed rows are searched by words, and the
   *   new ones are found by meaning (the vector leg) until upkeep folds them in.
   */
  async keywordSearch(query: string, options: LegOptions, translations: readonly WeightedTerm[] = []): Promise<ChunkCandidate[]> {
    if (query.trim() === '' || !(await this.fullTextReady())) return []
    const scope: KeywordScope = { ...options, indexedOnly: !(await this.scanUnindexed()) }
    const { content, stopWords } = splitStopWords(query)
    let hits: ChunkCandidate[] = []
    if (content !== '') {
      const added = [...translations, ...greekSpellings(content)]
      const repeats = added.length > 0 ? TERM_REPEATS : 1
      const exact: FullTextClause = [this.sdk.Occur.Should, new this.sdk.MultiMatchQuery(weightedText(content, added), [...this.columns.fullText])]
      hits = await this.runFullText([exact], scope)
      const unmatched = unmatchedWords(content, hits)
      const fuzzy = unmatched.length === 1 ? fuzzyTermQuery(this.sdk, unmatched[0]!, repeats) : null
      if (fuzzy && !(await this.occursInScope(unmatched[0]!, scope))) {
        hits = withAddedScores(hits, await this.runFullText([[this.sdk.Occur.Should, fuzzy]], scope), options.limit)
      }
    }
    if (hits.length > 0 || stopWords.length === 0) return hits
    return this.runFullText([[this.sdk.Occur.Should, new this.sdk.MultiMatchQuery(stopWords.join(' '), [...this.columns.fullText])]], scope)
  }

  /** True when some note in scope holds `word` as the full-text index sees it (one posting lookup, a row's id read). */
  private async occursInScope(word: string, options: KeywordScope): Promise<boolean> {
    let q = this.table.query().fullTextSearch(new this.sdk.MultiMatchQuery(word, [...this.columns.fullText])).select(['id']).limit(1)
    if (options.where) q = q.where(options.where)
    if (options.indexedOnly) q = q.fastSearch()
    return (await q.toArray()).length > 0
  }

  private async runFullText(clauses: FullTextClause[], options: KeywordScope): Promise<ChunkCandidate[]> {
    const query = clauses.length === 1 ? clauses[0]![1] : new this.sdk.BooleanQuery(clauses)
    const vectors = options.withVectors === true && !this.keywordOnly
    let q = this.table.query().fullTextSearch(query).select([...this.columns.result, ...(vectors ? ['vector'] : []), '_score']).limit(options.limit)
    if (options.where) q = q.where(options.where)
    if (options.indexedOnly) q = q.fastSearch()
    const records = (await q.toArray()) as StoredRecord[]
    return records.map((r) => ({ ...omitVector(recordToRow(r)), score: Number(r._score), ...(vectors ? { vector: toFloat32(r.vector) } : {}) }))
  }

  /** Vector leg: chunks ranked by cosine similarity to `vector`, filtered by `where` before ranking. [] in keyword-only mode. */
  async vectorSearch(vector: Float32Array, options: LegOptions): Promise<ChunkCandidate[]> {
    if (this.keywordOnly) return []
    let q = this.table
      .query()
      .nearestTo(vector)
      .distanceType('cosine')
      .refineFactor(VECTOR_REFINE_FACTOR)
      .select([...this.columns.result, '_distance'])
      .limit(options.limit)
    if (options.where) q = q.where(options.where)
    const records = (await q.toArray()) as StoredRecord[]
    return records.map((r) => ({ ...omitVector(recordToRow(r)), score: 1 - Number(r._distance) }))
  }

  /** The query's content terms as the full-text index sees them (ICU words, lower-cased, folded, stemmed; stop words dropped). */
  async indexTerms(query: string): Promise<string[]> {
    if (query.trim() === '' || !(await this.fullTextReady())) return []
    const { content } = splitStopWords(query)
    if (content === '') return []
    const tokens = await this.table.tokenize(content, { column: 'text' })
    return [...new Set(tokens.map((t) => t.text))]
  }
}

/**
 * The hits of two full-text queries as one boolean query of both would rank them: a chunk both found scores the sum,
 * best `limit` kept. (Running the fuzzy clause alone and adding costs a third of re-running the whole query with it.)
 */
function withAddedScores(first: ChunkCandidate[], second: ChunkCandidate[], limit: number): ChunkCandidate[] {
  const byId = new Map(first.map((hit) => [hit.id, { ...hit }]))
  for (const hit of second) {
    const seen = byId.get(hit.id)
    if (seen) seen.score += hit.score
    else byId.set(hit.id, hit)
  }
  return [...byId.values()].sort((a, b) => b.score - a.score).slice(0, limit)
}

/** A Greek word (Greek is written with spaces between words). */
const GREEK_WORD = /\p{Script=Greek}+/gu

/** Other spellings of a query's Greek words searched at most (a query of many Greek words stays a bounded query). */
const MAX_GREEK_SPELLINGS = 64

/**
 * The other spellings of the Greek words of `content`, each weighing like the word: the full-text index keeps Greek
 * accents, and Greek written in capitals or typed quickly has none, so μουσικη and μουσική would never meet.
 */
function greekSpellings(content: string): WeightedTerm[] {
  const spellings = new Set<string>()
  for (const word of content.normalize('NFC').toLowerCase().match(GREEK_WORD) ?? []) {
    for (const spelling of otherGreekSpellings(word)) spellings.add(spelling)
    if (spellings.size >= MAX_GREEK_SPELLINGS) break
  }
  return [...spellings].slice(0, MAX_GREEK_SPELLINGS).map((text) => ({ text, weight: 1 }))
}

/** The full-text query text: `content` alone, or, with translations, written with each term repeated by its weight (see TERM_REPEATS). */
function weightedText(content: string, translations: readonly WeightedTerm[]): string {
  if (translations.length === 0) return content
  const parts = Array.from({ length: TERM_REPEATS }, () => content)
  for (const term of translations) {
    const text = term.text.trim()
    const repeats = Math.round(TERM_REPEATS * Math.min(1, Math.max(0, term.weight)))
    for (let i = 0; i < repeats && text !== ''; i++) parts.push(text)
  }
  return parts.join(' ')
}

function omitVector(row: ChunkRow): Omit<ChunkRow, 'vector'> {
  const { vector: _vector, ...rest } = row
  return rest
}
