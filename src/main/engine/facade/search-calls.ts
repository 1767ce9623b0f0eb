// The search calls: a query embedded once (and kept for the sentence highlight asked right after), related notes.
import { dirname } from 'node:path'
import { SemnoteError } from '../../../shared/errors'
import type { NoteHit, SearchRequest, SearchResponse, TextSpan } from '../../../shared/types'
import { closestSentence } from '../search/search-chunks'
import type { Embedder } from '../model/embedder'
import type { EngineCore } from './engine-core'
import { QueryVectors, sentenceScorer } from './query-vectors'

/** Runs searches against the complete table of `core` (the previous one while a model switch fills the new one). */
export class SearchCalls {
  /** The last query embedded: highlightSentence, asked right after a search, needs the same vector. */
  private readonly queryVectors: QueryVectors

  constructor(private readonly core: EngineCore) {
    this.queryVectors = new QueryVectors(core.lexicon)
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    const core = this.core
    if (!request || typeof request.query !== 'string') throw new SemnoteError('INVALID_PAYLOAD', 'search needs a query string.')
    const { store, embedder } = core.searchFrom ?? { store: core.store, embedder: core.embedder }
    const wantsVector = request.mode !== 'keyword' && embedder !== null && store.modelId !== null && request.query.trim() !== ''
    const vector = wantsVector ? await this.queryVectors.vectorFor(embedder, request.query) : null
    const scoreSentences = vector && embedder && request.scoreSentences !== false ? sentenceScorer(embedder, vector) : undefined
    const missing = new Set([...core.roots].filter(([, r]) => r.state === 'missing').map(([p]) => p))
    if (missing.size === 0) return store.search(request, vector, scoreSentences)
    // Notes of a vanished root are kept for its return but not shown: restrict the search to the roots that are there.
    const present = request.filters?.roots ?? [...[...core.roots.keys()].filter((r) => !missing.has(r)), ...core.state.files.map((f) => dirname(f))]
    const roots = present.filter((r) => !missing.has(r))
    if (roots.length === 0) return { query: request.query, mode: request.mode ?? 'hybrid', hits: [], total: 0, offset: request.offset ?? 0, tookMs: 0, semanticAvailable: vector !== null }
    return store.search({ ...request, filters: { ...request.filters, roots } }, vector, scoreSentences)
  }

  async highlightSentence(arg: { query: string; text: string }): Promise<TextSpan | null> {
    if (typeof arg?.query !== 'string' || typeof arg.text !== 'string') throw new SemnoteError('INVALID_PAYLOAD', 'highlightSentence needs a query and a text.')
    const embedder = this.core.searchFrom ? this.core.searchFrom.embedder : this.core.embedder
    if (!embedder || arg.query.trim() === '') return null
    return closestSentence(arg.text, sentenceScorer(embedder, await this.queryVectors.vectorFor(embedder, arg.query)))
  }

  /** The query's vector from `embedder` (the cached one when it was the last query embedded). */
  queryVector(embedder: Embedder, query: string): Promise<Float32Array> {
    return this.queryVectors.vectorFor(embedder, query)
  }

  related(path: string, limit: number | undefined): Promise<NoteHit[]> {
    return (this.core.searchFrom?.store ?? this.core.store).related(path, Math.max(1, Math.min(100, Math.floor(limit ?? 10))))
  }
}
