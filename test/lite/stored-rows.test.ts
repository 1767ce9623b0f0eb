// Every stored row is what the straightforward path gives: notes of the dev corpora indexed by the engine (prepare workers,
// each note tokenized once, the model in its worker) against each note chunked by counting strings and each passage
// embedded from its text, here on one thread. Same passages, same ids, same vectors.
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { createPrepare } from '../../src/main/engine/facade/pipeline'
import { Embedder } from '../../src/main/engine/model/embedder'
import { loadPack } from '../../src/main/engine/model/pack'
import { PassageEncoder } from '../../src/main/engine/model/passage-encoder'
import { createTokenizer, type TextTokenizer } from '../../src/main/engine/model/tokenizer'
import { ChunkStore } from '../../src/main/engine/store/chunk-store'
import { makeChunkId } from '../../src/main/engine/store/schema'

const MODELS = resolve(__dirname, '..', '..', 'resources', 'models')
const LITE = 'semnote-lite-multi'
const EVAL_DIR = resolve(__dirname, '..', '..', '..', 'shared', 'eval')
const NOTES_PER_SET = 5
const folders: string[] = []

afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })))
})

/** The tokenizer without its tokenize-once path: every count and every passage is tokenized from its own string. */
function stringsOnly(tokenizer: TextTokenizer): TextTokenizer {
  return { encode: (text, max) => tokenizer.encode(text, max), count: (text) => tokenizer.count(text), maxId: tokenizer.maxId, padId: tokenizer.padId, spec: tokenizer.spec }
}

describe('stored rows of the dev corpora (lite pack)', () => {
  it('are those of chunking by string counts and embedding each passage from its text', async () => {
    const root = await mkdtemp(join(tmpdir(), 'semnote-rows-notes-'))
    const dataDir = await mkdtemp(join(tmpdir(), 'semnote-rows-data-'))
    folders.push(root, dataDir)
    for (const set of (await readdir(EVAL_DIR)).sort()) {
      const corpus = join(EVAL_DIR, set, 'corpus')
      const names = (await readdir(corpus, { recursive: true }).catch(() => [] as string[])).filter((name) => /\.(md|txt|html?)$/.test(name)).sort()
      // An even sample across the set (the k8s and tldr corpora nest their notes in folders by topic).
      const step = Math.max(1, Math.floor(names.length / NOTES_PER_SET))
      for (const name of names.filter((_, i) => i % step === 0).slice(0, NOTES_PER_SET)) await cp(join(corpus, name), join(root, set, name))
    }

    const engine = await Engine.open({ dataDir, modelDirs: [MODELS], modelId: LITE, watch: false, prepareThreads: 2 })
    try {
      await engine.call('addRoots', { paths: [root] })
      await engine.whenIdle()
    } finally {
      await engine.close()
    }

    const pack = await loadPack(join(MODELS, LITE))
    const reference = createPrepare(256, new PassageEncoder(stringsOnly(await createTokenizer(pack)), pack.manifest.passagePrefix, pack.manifest.maxTokens))
    const embedder = await Embedder.create(pack.dir, { threads: 1 })
    const store = await ChunkStore.open(dataDir, { modelId: LITE, dimension: pack.manifest.dimension })
    try {
      const paths = (await store.listPaths()).map((file) => file.path).sort()
      expect(paths.length).toBeGreaterThan(50)
      let rows = 0
      for (const path of paths) {
        const expected = await reference(path, await readFile(path))
        if (!expected.ok) throw new Error(`${path}: ${expected.detail}`)
        const stored = await store.rowsOf(path, true)
        expect(stored.map((row) => row.ordinal), path).toEqual(expected.chunks.map((_, ordinal) => ordinal))
        const vectors = await embedder.embedPassages(expected.chunks.map((chunk) => chunk.embedText))
        for (const [ordinal, chunk] of expected.chunks.entries()) {
          const row = stored[ordinal]!
          expect({ text: row.text, heading: row.heading, lines: [row.lineStart, row.lineEnd], embedKey: row.embedKey, id: row.id }, `${path} #${ordinal}`).toEqual({
            text: chunk.text,
            heading: chunk.heading,
            lines: [chunk.lineStart, chunk.lineEnd],
            embedKey: chunk.embedKey,
            id: makeChunkId(path, ordinal, chunk.embedKey)
          })
          expect(Buffer.from(row.vector!.buffer, row.vector!.byteOffset, row.vector!.byteLength).equals(Buffer.from(vectors[ordinal]!.buffer, vectors[ordinal]!.byteOffset, vectors[ordinal]!.byteLength)), `${path} #${ordinal} vector`).toBe(true)
          rows++
        }
      }
      expect(rows).toBeGreaterThan(100)
    } finally {
      await store.close()
      await embedder.dispose()
    }
  }, 300_000)
})
