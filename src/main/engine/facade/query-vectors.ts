// Query embeddings for search and the sentence tint: the last query's vector is kept, since highlightSentence follows its search.
import type { QueryLexiconSource } from '../lexicon/query-lexicon'
import { isKorean } from '../lexicon/korean-stem'
import { koreanInEnglish } from '../lexicon/translate'
import type { Embedder } from '../model/embedder'
import { embeddingSentenceScorer } from '../search/sentence-scorer'

/**
 * Remembers the last query embedded (one), so the tint asked right after a search reuses its vector. For a pack that
 * reads queries through its lexicon, the query's Korean words are embedded with their English readings (koreanInEnglish).
 */
export class QueryVectors {
  private last: { embedder: Embedder; query: string; vector: Promise<Float32Array> } | null = null

  constructor(private readonly lexicon?: QueryLexiconSource) {}

  vectorFor(embedder: Embedder, query: string): Promise<Float32Array> {
    if (this.last?.embedder !== embedder || this.last.query !== query) {
      const vector = this.modelText(embedder, query).then((text) => embedder.embedQueries([text])).then(([v]) => v!)
      this.last = { embedder, query, vector }
      vector.catch(() => {
        if (this.last?.vector === vector) this.last = null // a failed embedding is not kept
      })
    }
    return this.last.vector
  }

  /** The text the model embeds for `query`. */
  private async modelText(embedder: Embedder, query: string): Promise<string> {
    if (!embedder.readsQueriesThroughLexicon || !this.lexicon || !isKorean(query)) return query
    const lexicon = await this.lexicon.get()
    return (lexicon && koreanInEnglish(lexicon, query)) ?? query
  }
}

/** Scores sentences by closeness in meaning to `vector`, at query priority (a search or a result is waiting on it). */
export function sentenceScorer(embedder: Embedder, vector: Float32Array): (sentences: string[]) => Promise<number[]> {
  return embeddingSentenceScorer((texts) => embedder.embedPassages(texts, { priority: 'query' }), vector)
}
