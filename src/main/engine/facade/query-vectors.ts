// Query embeddings for search and the sentence tint: the last query's vector is kept, since highlightSentence follows its search.
import type { Embedder } from '../model/embedder'
import { embeddingSentenceScorer } from '../search/sentence-scorer'

/** Remembers the last query embedded (one), so the tint asked right after a search reuses its vector. */
export class QueryVectors {
  private last: { embedder: Embedder; query: string; vector: Promise<Float32Array> } | null = null

  vectorFor(embedder: Embedder, query: string): Promise<Float32Array> {
    if (this.last?.embedder !== embedder || this.last.query !== query) {
      const vector = embedder.embedQueries([query]).then(([v]) => v!)
      this.last = { embedder, query, vector }
      vector.catch(() => {
        if (this.last?.vector === vector) this.last = null // a failed embedding is not kept
      })
    }
    return this.last.vector
  }
}

/** Scores sentences by closeness in meaning to `vector`, at query priority (a search or a result is waiting on it). */
export function sentenceScorer(embedder: Embedder, vector: Float32Array): (sentences: string[]) => Promise<number[]> {
  return embeddingSentenceScorer((texts) => embedder.embedPassages(texts, { priority: 'query' }), vector)
}
