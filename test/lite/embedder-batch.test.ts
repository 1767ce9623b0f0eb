// The Embedder honours a pack's batch limits (the lite pack asks for large runs): fewer onnxruntime runs, the same vectors.
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Embedder } from '../../src/main/engine/model/embedder'
import { loadPack } from '../../src/main/engine/model/pack'

const PACK_DIR = resolve(__dirname, '../../resources/models/semnote-lite-multi')

let embedder: Embedder

beforeAll(async () => {
  embedder = await Embedder.create(PACK_DIR, { threads: 1 })
})

afterAll(async () => {
  await embedder?.dispose()
})

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((sum, v, i) => sum + v * b[i]!, 0)

describe('Embedder batches of the lite pack', () => {
  it('runs up to the manifest batch size per onnxruntime run, with the same vectors as one text at a time', async () => {
    const { batch } = (await loadPack(PACK_DIR)).manifest
    expect(batch).toEqual({ tokens: 8192, texts: 128 })
    const texts = Array.from({ length: 300 }, (_, i) => `note ${i}: loud music at night 晚上音乐很吵 ${'garden '.repeat(i % 7)}`)
    const runsBefore = embedder.modelStats.runs
    const together = await embedder.embedPassages(texts)
    // 300 short texts: 3 runs of at most 128 (the transformer default of 32 per run would take 10).
    expect(embedder.modelStats.runs - runsBefore).toBe(3)
    for (const i of [0, 1, 127, 128, 200, 299]) {
      const [alone] = await embedder.embedPassages([texts[i]!])
      expect(dot(together[i]!, alone!)).toBeGreaterThan(0.99999)
    }
    expect(dot(together[0]!, together[6]!)).toBeLessThan(0.999)
  })
})
