// Embedder behaviour on the tiny generated model: shape, order, determinism, cancellation, priorities and bad-pack errors.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SemnoteError } from '../../src/shared/errors'
import { Embedder } from '../../src/main/engine/model/embedder'
import { writeTestPack } from '../../scripts/testmodel/pack'
import { getTinyPack } from '../helpers/test-model'
import { copyPack } from './pack-copy'

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((sum, x, i) => sum + x * b[i]!, 0)

async function createError(dir: string): Promise<SemnoteError> {
  const error = await Embedder.create(dir, { threads: 1 }).then(
    async (embedder) => {
      await embedder.dispose()
      return undefined
    },
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(SemnoteError)
  return error as SemnoteError
}

describe('Embedder', () => {
  let packDir: string
  let embedder: Embedder

  beforeAll(async () => {
    packDir = await getTinyPack()
    embedder = await Embedder.create(packDir, { threads: 1 })
  })

  afterAll(async () => {
    await embedder?.dispose()
  })

  it('describes its model and returns unit vectors of the manifest dimension', async () => {
    expect(embedder.id).toBe('semnote-test-tiny')
    expect(embedder.dimension).toBe(32)
    expect(embedder.maxTokens).toBe(512)
    const vectors = await embedder.embedPassages(['hello world', '我喜欢机器学习', ''])
    expect(vectors).toHaveLength(3)
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array)
      expect(vector).toHaveLength(32)
      expect(dot(vector, vector)).toBeCloseTo(1, 5)
    }
    expect(await embedder.embedPassages([])).toEqual([])
  })

  it('counts tokens with prefix and special tokens, without truncating', () => {
    // <s> ▁pass age : ... </s>: the count grows with the text and ignores maxTokens.
    const short = embedder.countTokens('hello world')
    expect(short).toBeGreaterThan(2)
    expect(embedder.countTokens('hello world hello world')).toBe(short + 2)
    expect(embedder.countTokens('note '.repeat(1000))).toBeGreaterThan(1000)
  })

  it('keeps input order across length-sorted batches (same vectors as one text at a time)', async () => {
    const texts = Array.from({ length: 150 }, (_, i) => `${'note budget 会议 '.repeat((i * 37) % 60)} item ${i}`)
    const together = await embedder.embedPassages(texts)
    const picks = [0, 1, 17, 58, 99, 149]
    for (const i of picks) {
      const [alone] = await embedder.embedPassages([texts[i]!])
      expect(dot(together[i]!, alone!)).toBeGreaterThan(0.99999)
    }
    // And they are not all the same vector.
    expect(dot(together[0]!, together[58]!)).toBeLessThan(0.999)
  })

  it('is deterministic across calls and across fresh generator runs', async () => {
    const texts = ['determinism', '東京で会議があります']
    const first = await embedder.embedPassages(texts)
    const second = await embedder.embedPassages(texts)
    expect(second).toEqual(first)
    const copy = await copyPack(packDir)
    try {
      const manifest = await writeTestPack(copy.dir, { preset: 'tiny' })
      expect(manifest.sha256).toEqual((await copy.manifest()).sha256)
      expect(JSON.parse(await readFile(join(packDir, 'semnote-pack.json'), 'utf8')).sha256).toEqual(manifest.sha256)
    } finally {
      await copy.remove()
    }
  })

  it('cancels before the first batch and between batches', async () => {
    const aborted = new AbortController()
    aborted.abort()
    await expect(embedder.embedPassages(['x'], { signal: aborted.signal })).rejects.toMatchObject({ code: 'CANCELLED' })

    // 300 texts of ~130 tokens need several batches; abort while the first one runs.
    const controller = new AbortController()
    const texts = Array.from({ length: 300 }, (_, i) => `${'meeting notes '.repeat(60)}${i}`)
    const pending = embedder.embedPassages(texts, { signal: controller.signal })
    controller.abort()
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' })
    // The embedder stays usable.
    expect(await embedder.embedQueries(['still works'])).toHaveLength(1)
  })

  it('lets a query overtake queued passage batches', async () => {
    const finished: string[] = []
    const texts = Array.from({ length: 60 }, (_, i) => `${'travel plans '.repeat(60)}${i}`)
    const passages = embedder.embedPassages(texts).then(() => finished.push('passages'))
    const query = embedder.embedQueries(['where is my travel plan']).then(() => finished.push('query'))
    await Promise.all([passages, query])
    expect(finished).toEqual(['query', 'passages'])
  })

  it('lets passages a search waits on (priority query) overtake queued passage batches, with the same vectors', async () => {
    const finished: string[] = []
    const texts = Array.from({ length: 60 }, (_, i) => `${'travel plans '.repeat(60)}${i}`)
    const sentences = ['The hotel is near the station.', 'Bring the passport.']
    const passages = embedder.embedPassages(texts).then(() => finished.push('passages'))
    const urgent = embedder.embedPassages(sentences, { priority: 'query' }).then((vectors) => (finished.push('sentences'), vectors))
    const [, urgentVectors] = await Promise.all([passages, urgent])
    expect(finished).toEqual(['sentences', 'passages'])
    expect(urgentVectors).toEqual(await embedder.embedPassages(sentences))
  })

  it('shares one session between embedders of the same pack and survives disposing one of them', async () => {
    const other = await Embedder.create(packDir, { threads: 1 })
    const [a] = await other.embedQueries(['shared'])
    await other.dispose()
    await expect(other.embedQueries(['gone'])).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' })
    const [b] = await embedder.embedQueries(['shared'])
    expect(b).toEqual(a)
  })
})

describe('Embedder with a word-segmenter pack (pooling none)', () => {
  it('dispatches to the word-segmenter tokenizer and reads the pooled output directly', async () => {
    const lite = await Embedder.create(join('resources', 'models', 'semnote-lite-multi'), { threads: 1 })
    try {
      expect(lite.id).toBe('semnote-lite-multi')
      const [cat, catJa, budget] = await lite.embedPassages(['the cat sleeps on the sofa', '猫がソファで寝ている', 'budget report'])
      const [query] = await lite.embedQueries(['cat sleeping'])
      for (const vector of [cat!, catJa!, budget!, query!]) {
        expect(vector).toHaveLength(lite.dimension)
        expect(dot(vector, vector)).toBeCloseTo(1, 5)
      }
      expect(dot(query!, cat!)).toBeGreaterThan(dot(query!, budget!))
      expect(lite.countTokens('the cat sleeps')).toBe(3)
    } finally {
      await lite.dispose()
    }
  })
})

describe('Embedder.dispose', () => {
  it('stops an embedding in progress and frees the session only after the running batch', async () => {
    // A private copy, so this embedder owns its session (sessions are shared per model file).
    const copy = await copyPack(await getTinyPack())
    try {
      const own = await Embedder.create(copy.dir, { threads: 1 })
      const texts = Array.from({ length: 200 }, (_, i) => `${'project budget '.repeat(60)}${i}`)
      // The embedding rejects while dispose waits for the running batch: its expectation is attached before that wait.
      const stopped = expect(own.embedPassages(texts)).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' })
      await own.dispose()
      await stopped
      await expect(own.embedQueries(['after'])).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' })
      // A new embedder on the same files opens a fresh session and works.
      const again = await Embedder.create(copy.dir, { threads: 1 })
      expect(await again.embedQueries(['again'])).toHaveLength(1)
      await again.dispose()
    } finally {
      await copy.remove()
    }
  })
})

describe('Embedder.create with a bad pack', () => {
  let packDir: string

  beforeAll(async () => {
    packDir = await getTinyPack()
  })

  it('rejects a manifest dimension that differs from the graph output', async () => {
    const copy = await copyPack(packDir)
    try {
      await copy.editManifest((m) => ({ ...m, dimension: 384 }))
      const error = await createError(copy.dir)
      expect(error.code).toBe('MODEL_INVALID')
      expect(error.message).toContain('says dimension 384')
      expect(error.message).toContain('outputs 32-dimensional vectors')
      expect(error.message).toContain('Fix: set "dimension": 32')
    } finally {
      await copy.remove()
    }
  })

  it('rejects a tokenizer whose ids do not fit the embedding table', async () => {
    const copy = await copyPack(packDir)
    try {
      const tokenizer = JSON.parse(await readFile(join(copy.dir, 'tokenizer.json'), 'utf8'))
      const extra = Array.from({ length: 5000 }, (_, i): [string, number] => [`▁extra${i}`, -12])
      const vocab = tokenizer.model.vocab as Array<[string, number]>
      const mask = vocab.pop()!
      tokenizer.model.vocab = [...vocab, ...extra, mask]
      tokenizer.added_tokens.at(-1).id = tokenizer.model.vocab.length - 1
      await copy.replaceFile('tokenizer.json', JSON.stringify(tokenizer))
      const error = await createError(copy.dir)
      expect(error.code).toBe('MODEL_INVALID')
      expect(error.message).toContain(`Tokenizer ${join(copy.dir, 'tokenizer.json')} does not match the model`)
      expect(error.message).toContain('Fix:')
    } finally {
      await copy.remove()
    }
  })

  it('rejects a tokenizer.json that is JSON but not a tokenizer, naming it', async () => {
    const copy = await copyPack(packDir)
    try {
      await copy.replaceFile('tokenizer.json', '{"version": "1.0"}')
      const error = await createError(copy.dir)
      expect(error.code).toBe('MODEL_INVALID')
      expect(error.message).toContain(`Tokenizer ${join(copy.dir, 'tokenizer.json')} cannot be used`)
    } finally {
      await copy.remove()
    }
  })

  it('rejects maxTokens beyond the position table', async () => {
    const copy = await copyPack(packDir)
    try {
      await copy.editManifest((m) => ({ ...m, maxTokens: 600 }))
      const error = await createError(copy.dir)
      expect(error.code).toBe('MODEL_INVALID')
      expect(error.message).toContain('cannot take 600 tokens')
    } finally {
      await copy.remove()
    }
  })

  it('rejects an output name the graph does not have', async () => {
    const copy = await copyPack(packDir)
    try {
      await copy.editManifest((m) => ({ ...m, output: 'sentence_embedding' }))
      const error = await createError(copy.dir)
      expect(error.message).toContain('has no output named sentence_embedding (it has last_hidden_state)')
    } finally {
      await copy.remove()
    }
  })

  it('rejects a model file that is not ONNX, naming it', async () => {
    const copy = await copyPack(packDir)
    try {
      await copy.replaceFile('onnx/model.onnx', 'not a model')
      const error = await createError(copy.dir)
      expect(error.code).toBe('MODEL_INVALID')
      expect(error.message).toContain(`cannot load the model ${join(copy.dir, 'onnx/model.onnx')}`)
    } finally {
      await copy.remove()
    }
  })
})
