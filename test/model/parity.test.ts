// Parity: Semnote's embedder gives the same vectors as @huggingface/transformers' feature-extraction pipeline on the tiny pack.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { env, mean_pooling, pipeline, Tensor, type FeatureExtractionPipeline } from '@huggingface/transformers'
import { Embedder } from '../../src/main/engine/model/embedder'
import { getTestPack, getTinyPack } from '../helpers/test-model'

const LONG_TEXT = Array.from({ length: 2000 }, (_, i) => ['note', 'meeting', 'budget', '会议', 'travel', 'データ', 'river'][i % 7]).join(' ')

const TEXTS = [
  'hello world',
  'The quick brown fox jumps over the lazy dog.',
  'Meeting notes: budget plan for the project, draft report due Friday.',
  'Recipe: bread with cheese and apples',
  'Ich habe heute keine Zeit für das Treffen.',
  "Le rapport est prêt pour la réunion de l'équipe.",
  'El presupuesto del proyecto es muy alto.',
  'Мы читаем книгу в саду.',
  '我喜欢机器学习',
  '今天北京的天气非常好，我们去旅行吧。',
  '東京で会議があります',
  '明日は雨ですか？ありがとうございます。',
  'コーヒーとパンを食べました',
  'Party tonight 🎉🎉 👍',
  'unknown emoji 🦄🧪 everywhere',
  'mixed 中文 and English 日本語 text',
  '   lots   of\twhite\nspace   ',
  'ÀÉÎÕÜ ﬁ ｆｕｌｌｗｉｄｔｈ ①',
  'x',
  '12345 67.89 @#$%',
  'a'.repeat(300),
  'short one'
]

/** Largest absolute difference between two vectors. */
function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!))
  return worst
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0
  let na = 0
  let nb = 0
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!
    na += a[i]! * a[i]!
    nb += b[i]! * b[i]!
  }
  return dot / Math.sqrt(na * nb)
}

/** Rows of a [n, d] reference tensor. */
function rows(tensor: Tensor): Float32Array[] {
  const [n, d] = tensor.dims as [number, number]
  const data = tensor.data as Float32Array
  return Array.from({ length: n }, (_, i) => data.slice(i * d, (i + 1) * d))
}

/** transformers.js reading the pack folder offline: onnx/model.onnx (fp32) or onnx/model_quantized.onnx (q8). */
async function referencePipeline(packDir: string, dtype: 'fp32' | 'q8' = 'fp32'): Promise<FeatureExtractionPipeline> {
  env.allowRemoteModels = false
  env.allowLocalModels = true
  env.localModelPath = dirname(packDir)
  return pipeline('feature-extraction', basename(packDir), { dtype, device: 'cpu' })
}

describe('parity with @huggingface/transformers feature-extraction (mean pooling, normalize)', () => {
  let packDir: string
  let embedder: Embedder
  let reference: FeatureExtractionPipeline

  beforeAll(async () => {
    packDir = await getTinyPack()
    embedder = await Embedder.create(packDir, { threads: 1 })
    reference = await referencePipeline(packDir)
  })

  afterAll(async () => {
    await embedder?.dispose()
    await reference?.dispose()
  })

  it(`matches on ${TEXTS.length} passages in many scripts (cosine >= 0.9999)`, async () => {
    const ours = await embedder.embedPassages(TEXTS)
    const theirs = rows(await reference(TEXTS.map((t) => `passage: ${t}`), { pooling: 'mean', normalize: true }))
    expect(ours).toHaveLength(TEXTS.length)
    for (let i = 0; i < TEXTS.length; i++) {
      expect(ours[i]).toHaveLength(embedder.dimension)
      expect(cosine(ours[i]!, theirs[i]!), TEXTS[i]).toBeGreaterThanOrEqual(0.9999)
      expect(maxDifference(ours[i]!, theirs[i]!), TEXTS[i]).toBeLessThan(1e-5)
    }
  })

  it('matches on queries (query prefix applied)', async () => {
    const queries = TEXTS.slice(0, 6)
    const ours = await embedder.embedQueries(queries)
    const theirs = rows(await reference(queries.map((t) => `query: ${t}`), { pooling: 'mean', normalize: true }))
    queries.forEach((_, i) => expect(cosine(ours[i]!, theirs[i]!)).toBeGreaterThanOrEqual(0.9999))
    // The prefix matters: a query vector differs from the passage vector of the same text.
    const [asPassage] = await embedder.embedPassages([queries[0]!])
    expect(cosine(ours[0]!, asPassage!)).toBeLessThan(0.9999)
  })

  it('matches on a 2,000-word text truncated to maxTokens, keeping the final </s> as Hugging Face Python does', async () => {
    const text = `passage: ${LONG_TEXT}`
    expect(embedder.countTokens(LONG_TEXT)).toBeGreaterThan(embedder.maxTokens)
    // transformers.js' own truncation cuts the final </s>; build the reference input the Python way from its tokenizer.
    const ids = reference.tokenizer(text, { add_special_tokens: true, truncation: false }).input_ids.tolist()[0] as bigint[]
    const truncated = [...ids.slice(0, embedder.maxTokens - 1), ids[ids.length - 1]!]
    expect(truncated[truncated.length - 1]).toBe(2n)
    const inputIds = new Tensor('int64', BigInt64Array.from(truncated), [1, truncated.length])
    const attentionMask = new Tensor('int64', new BigInt64Array(truncated.length).fill(1n), [1, truncated.length])
    const { last_hidden_state } = await reference.model({ input_ids: inputIds, attention_mask: attentionMask })
    const theirs = rows(mean_pooling(last_hidden_state, attentionMask).normalize(2, -1))[0]!
    const [ours] = await embedder.embedPassages([LONG_TEXT])
    expect(cosine(ours!, theirs)).toBeGreaterThanOrEqual(0.9999)
    // One token in 512 moves a mean only slightly: also require element-wise agreement, which a lost </s> breaks.
    expect(maxDifference(ours!, theirs)).toBeLessThan(1e-5)
  })

  it('matches on an empty string (pack without prefixes)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'semnote-parity-'))
    const copy = join(dir, 'no-prefix')
    await cp(packDir, copy, { recursive: true })
    const manifestPath = join(copy, 'semnote-pack.json')
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'))
    await writeFile(manifestPath, JSON.stringify({ ...manifest, queryPrefix: '', passagePrefix: '' }))
    const plain = await Embedder.create(copy, { threads: 1 })
    try {
      const inputs = ['', 'hello world', '我喜欢机器学习']
      const ours = await plain.embedPassages(inputs)
      const theirs = rows(await reference(inputs, { pooling: 'mean', normalize: true }))
      inputs.forEach((_, i) => expect(cosine(ours[i]!, theirs[i]!)).toBeGreaterThanOrEqual(0.9999))
    } finally {
      await plain.dispose()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it.each([
    ['declares token_type_ids (fed as zeros)', 'tiny-token-types', 'fp32'],
    ['is int8-quantized like e5-small (DynamicQuantizeLinear + MatMulInteger)', 'tiny-int8', 'q8']
  ] as const)('matches on a graph that %s', async (_, preset, dtype) => {
    const otherDir = await getTestPack(preset)
    const other = await Embedder.create(otherDir, { threads: 1 })
    const otherReference = await referencePipeline(otherDir, dtype)
    try {
      const inputs = TEXTS.slice(6, 12)
      const ours = await other.embedPassages(inputs)
      const theirs = rows(await otherReference(inputs.map((t) => `passage: ${t}`), { pooling: 'mean', normalize: true }))
      inputs.forEach((_, i) => expect(cosine(ours[i]!, theirs[i]!)).toBeGreaterThanOrEqual(0.9999))
    } finally {
      await other.dispose()
      await otherReference.dispose()
    }
  })
})
