// Language-neutral note vectors for the map: each note's vector minus the mean vector of the notes in its language
// (Libovický, Rosa & Fraser 2020: the language-specific mean is what keeps translations apart), renormalised. A language
// with few notes has its mean shrunk towards zero (by n / (n + SHRINK_NOTES)), so a lone note is not cancelled out.
import type { VectorSet } from './neighbours'

const SHRINK_NOTES = 10

function languageKey(lang: string): string {
  return (lang.toLowerCase().split('-')[0] ?? '') || 'und'
}

export class LanguageCentring {
  private constructor(
    private readonly dim: number,
    /** Shrunk mean per language key. */
    private readonly means: Map<string, Float32Array>,
    /** Shrunk mean of all notes: for vectors of a language the layout does not hold. */
    private readonly overall: Float32Array
  ) {}

  /** Fits the per-language means of `vectors` (row i in language langs[i]). */
  static fit(vectors: VectorSet, langs: readonly string[]): LanguageCentring {
    const { dim, count, values } = vectors
    const sums = new Map<string, { sum: Float64Array; count: number }>()
    const all = new Float64Array(dim)
    for (let i = 0; i < count; i++) {
      const key = languageKey(langs[i] ?? '')
      let entry = sums.get(key)
      if (!entry) sums.set(key, (entry = { sum: new Float64Array(dim), count: 0 }))
      entry.count++
      for (let d = 0; d < dim; d++) {
        entry.sum[d]! += values[i * dim + d]!
        all[d]! += values[i * dim + d]!
      }
    }
    const shrunk = (sum: Float64Array, n: number) => Float32Array.from(sum, (v) => (v / Math.max(1, n)) * (n / (n + SHRINK_NOTES)))
    const means = new Map([...sums].map(([key, entry]) => [key, shrunk(entry.sum, entry.count)]))
    return new LanguageCentring(dim, means, shrunk(all, count))
  }

  /** The centred, renormalised copy of `vectors`, and the norm each row had before renormalising (see restore). */
  apply(vectors: VectorSet, langs: readonly string[]): { centred: VectorSet; norms: Float32Array } {
    const { dim, count, values } = vectors
    const out = new Float32Array(count * dim)
    const norms = new Float32Array(count)
    for (let i = 0; i < count; i++) {
      const mean = this.meanOf(langs[i] ?? '')
      let norm = 0
      for (let d = 0; d < dim; d++) {
        const v = values[i * dim + d]! - mean[d]!
        out[i * dim + d] = v
        norm += v * v
      }
      norm = Math.sqrt(norm) || 1
      norms[i] = norm
      for (let d = 0; d < dim; d++) out[i * dim + d]! /= norm
    }
    return { centred: { values: out, count, dim }, norms }
  }

  /** The original vectors back from `apply`'s output. */
  restore(centred: VectorSet, norms: Float32Array, langs: readonly string[]): VectorSet {
    const { dim, count, values } = centred
    const out = new Float32Array(count * dim)
    for (let i = 0; i < count; i++) {
      const mean = this.meanOf(langs[i] ?? '')
      for (let d = 0; d < dim; d++) out[i * dim + d] = values[i * dim + d]! * norms[i]! + mean[d]!
    }
    return { values: out, count, dim }
  }

  private meanOf(lang: string): Float32Array {
    if (this.dim === 0) return new Float32Array(0)
    return this.means.get(languageKey(lang)) ?? this.overall
  }
}
