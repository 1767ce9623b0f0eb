// The committed lite pack: loads with verified checksums, runs in onnxruntime-node, and places translations together.
import { resolve } from 'node:path'
import { InferenceSession, Tensor } from 'onnxruntime-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadPack } from '../../src/main/engine/model/pack'
import { createWordTokenizer, type WordTokenizer } from '../../src/main/engine/model/word-tokenizer'

const PACK_DIR = resolve(__dirname, '../../resources/models/semnote-lite-multi')

let session: InferenceSession
let tokenizer: WordTokenizer
let dimension: number

beforeAll(async () => {
  const pack = await loadPack(PACK_DIR)
  tokenizer = await createWordTokenizer(pack)
  session = await InferenceSession.create(pack.file(pack.manifest.model), { intraOpNumThreads: 1 })
  dimension = pack.manifest.dimension
})

afterAll(async () => {
  await session?.release()
})

async function embed(texts: readonly string[]): Promise<Float32Array[]> {
  const rows = texts.map((t) => tokenizer.encode(t, 2048))
  const width = Math.max(1, ...rows.map((r) => r.length))
  const ids = new BigInt64Array(rows.length * width).fill(BigInt(tokenizer.padId))
  const mask = new BigInt64Array(rows.length * width)
  rows.forEach((row, i) =>
    row.forEach((id, t) => {
      ids[i * width + t] = BigInt(id)
      mask[i * width + t] = 1n
    })
  )
  const dims = [rows.length, width]
  const out = await session.run({ input_ids: new Tensor('int64', ids, dims), attention_mask: new Tensor('int64', mask, dims) })
  const data = out.sentence_embedding!.data as Float32Array
  expect(out.sentence_embedding!.dims).toEqual([rows.length, dimension])
  return rows.map((_, i) => data.slice(i * dimension, (i + 1) * dimension))
}

const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((s, v, i) => s + v * b[i]!, 0)

describe('semnote-lite-multi pack', () => {
  it('loads: manifest valid, checksums verified, tokenizer ids within the graph table', async () => {
    const pack = await loadPack(PACK_DIR)
    expect(pack.manifest.tokenizer.type).toBe('word-segmenter')
    expect(pack.manifest.pooling).toBe('none')
    const [vector] = await embed(['x'])
    expect(vector!.length).toBe(dimension)
    const [last] = await embedIdsDirect([tokenizer.maxId])
    expect(last!.every(Number.isFinite)).toBe(true)
  })

  it('puts "loud music at night" next to its Chinese and Japanese translations, above unrelated sentences', async () => {
    const texts = ['loud music at night', '晚上音乐很吵', '夜に音楽がうるさい', 'the tax is due in April', '我喜欢吃苹果', 'Die Steuer ist im April fällig']
    const [en, zh, ja, ...unrelated] = await embed(texts)
    for (const [a, b] of [
      [en!, zh!],
      [en!, ja!],
      [zh!, ja!]
    ] as const) {
      for (const other of unrelated) {
        expect(cosine(a, b)).toBeGreaterThan(cosine(a, other) + 0.2)
        expect(cosine(a, b)).toBeGreaterThan(cosine(b, other) + 0.2)
      }
    }
  })

  it('matches German, Spanish and English sentences on the same topic', async () => {
    const [de, en, es, zh] = await embed(['Die Steuer ist im April fällig', 'the tax is due in April', 'El impuesto vence en abril', '晚上音乐很吵'])
    expect(cosine(de!, en!)).toBeGreaterThan(cosine(de!, zh!) + 0.2)
    expect(cosine(es!, en!)).toBeGreaterThan(cosine(es!, zh!) + 0.2)
    expect(cosine(es!, de!)).toBeGreaterThan(cosine(es!, zh!) + 0.2)
  })

  it('gives the same vector for a text however it is batched', async () => {
    const [alone] = await embed(['夜に音楽がうるさい'])
    const [, batched] = await embed(['a much longer first text so that the second one is padded in this batch', '夜に音楽がうるさい'])
    for (let i = 0; i < dimension; i++) expect(batched![i]).toBeCloseTo(alone![i]!, 6)
  })
})

async function embedIdsDirect(ids: readonly number[]): Promise<Float32Array[]> {
  const dims = [1, ids.length]
  const out = await session.run({
    input_ids: new Tensor('int64', BigInt64Array.from(ids, (id) => BigInt(id)), dims),
    attention_mask: new Tensor('int64', new BigInt64Array(ids.length).fill(1n), dims)
  })
  return [out.sentence_embedding!.data as Float32Array]
}
