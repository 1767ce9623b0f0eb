// The embedding sentence scorer with the real tiny model: semantic hits highlight the sentence closest to the query vector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Embedder } from '../../src/main/engine/model/embedder'
import { ChunkStore } from '../../src/main/engine/store/chunk-store'
import { searchChunks } from '../../src/main/engine/search/search-chunks'
import { embeddingSentenceScorer } from '../../src/main/engine/search/sentence-scorer'
import { getTinyPack } from '../helpers/test-model'
import { noteRows, tempDataDir } from '../store/rows'

let embedder: Embedder
let store: ChunkStore
let cleanup: () => Promise<void>

beforeAll(async () => {
  embedder = await Embedder.create(await getTinyPack(), { threads: 1 })
  const temp = await tempDataDir()
  cleanup = temp.cleanup
  store = await ChunkStore.open(temp.dir, { modelId: embedder.id, dimension: embedder.dimension })
})

afterAll(async () => {
  await store?.close()
  await embedder?.dispose()
  await cleanup?.()
})

describe('embeddingSentenceScorer', () => {
  it('marks the sentence whose embedding is closest to the query vector, with real embeddings in a real store', async () => {
    const text = 'The harbour opens at dawn. 猫はこたつで丸くなる。 Prices rose sharply in spring.'
    const rows = noteRows({ path: '/n/a.md', texts: [text] }, false)
    const [vector] = await embedder.embedPassages([text])
    rows[0]!.vector = vector
    await store.replaceFile('/n/a.md', rows)
    // A query vector equal to one sentence's own embedding: that sentence must win.
    const [target] = await embedder.embedPassages(['猫はこたつで丸くなる。'])
    const scorer = embeddingSentenceScorer((t) => embedder.embedPassages(t), target!)
    const scores = await scorer(['The harbour opens at dawn.', '猫はこたつで丸くなる。'])
    expect(scores[1]).toBeCloseTo(1, 4)
    expect(scores[0]).toBeLessThan(scores[1]!)
    const result = await searchChunks(store, { query: 'zzz', queryVector: target, mode: 'semantic' }, { scoreSentences: scorer })
    const passage = result.hits[0]!.passage
    expect(passage.highlights.map((h) => [passage.text.slice(h.start, h.end), h.kind])).toEqual([['猫はこたつで丸くなる。', 'sentence']])
  })
})
