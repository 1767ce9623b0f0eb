// Scores sentences by closeness in meaning to the query: embeds them and takes the dot product with the query vector.

/** Embeds texts as passages into unit vectors (the embedder's embedPassages). */
export type EmbedPassages = (texts: string[]) => Promise<Float32Array[]>

/**
 * A `scoreSentences` function for searchChunks: cosine similarity of each sentence's embedding to `queryVector`
 * (both unit length). Costs one embedding call per passage it is asked about, so searchChunks limits it to a few.
 */
export function embeddingSentenceScorer(embed: EmbedPassages, queryVector: Float32Array): (sentences: string[]) => Promise<number[]> {
  return async (sentences) => {
    const vectors = await embed(sentences)
    return vectors.map((vector) => {
      let sum = 0
      for (let i = 0; i < vector.length; i++) sum += vector[i]! * queryVector[i]!
      return sum
    })
  }
}
