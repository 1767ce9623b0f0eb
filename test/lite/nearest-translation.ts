// Shared by the lite-pack word tests: each word's vector is nearest its own translation's among the other translations.
import { resolve } from 'node:path'
import { expect } from 'vitest'
import type { Embedder } from '../../src/main/engine/model/embedder'

export const LITE_PACK = resolve(__dirname, '..', '..', 'resources', 'models', 'semnote-lite-multi')

/**
 * For every [word, translation] pair: the cosine of the two is above 0.3 (a word the pack hashes sits near nothing,
 * about 0.0) and above the word's cosine with every other pair's translation.
 */
export async function expectEachNearestItsTranslation(embedder: Embedder, pairs: readonly (readonly [string, string])[]): Promise<void> {
  const words = await embedder.embedPassages(pairs.map(([word]) => word))
  const translations = await embedder.embedPassages(pairs.map(([, translation]) => translation))
  const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((sum, value, i) => sum + value * b[i]!, 0)
  pairs.forEach(([word, translation], i) => {
    const closeness = translations.map((vector) => cosine(words[i]!, vector))
    expect(closeness[i], `${word} / ${translation}`).toBeGreaterThan(0.3)
    const others = closeness.filter((_, j) => j !== i)
    expect(Math.max(...others), `${word}: another word is as close as ${translation}`).toBeLessThan(closeness[i]!)
  })
}
