// Shared by the lite-pack word tests: the lite embedder, and the check that each word's vector is nearest its own translation's among the others.
import { resolve } from 'node:path'
import { afterAll, beforeAll, expect } from 'vitest'
import { Embedder } from '../../src/main/engine/model/embedder'

export const LITE_PACK = resolve(__dirname, '..', '..', 'resources', 'models', 'semnote-lite-multi')

/** The lite pack's embedder for the calling test file: made before its tests, disposed after them. */
export function liteEmbedder(): () => Embedder {
  let embedder: Embedder | undefined
  beforeAll(async () => {
    embedder = await Embedder.create(LITE_PACK)
  })
  afterAll(async () => {
    await embedder?.dispose()
  })
  return () => {
    if (!embedder) throw new Error('The lite embedder is made before the tests run')
    return embedder
  }
}

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
