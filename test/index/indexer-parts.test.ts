// A large note is embedded and written a part at a time, last part first: the vectors held at once stay within one part.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Indexer } from '../../src/main/engine/index/indexer'
import type { ChunkStorePort, FilePart, PrepareNote } from '../../src/main/engine/index/ports'

const PART = 10

/** Every line of a note is a chunk. */
const prepare: PrepareNote = (_path, bytes) => ({
  ok: true,
  title: '',
  lang: 'en',
  warnings: [],
  chunks: bytes
    .toString()
    .split('\n')
    .map((line, i) => ({ text: line, embedText: line, embedKey: `${line}#${i}`, heading: '', lineStart: i + 1, lineEnd: i + 1 }))
})

describe('Indexer: large notes in parts', () => {
  let dir = ''
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('embeds and writes at most one part of vectors at a time, last part first, and records every chunk', async () => {
    dir = await mkdtemp(join(tmpdir(), 'semnote-parts-'))
    const path = join(dir, 'big.md')
    await writeFile(path, Array.from({ length: 47 }, (_, i) => `line ${i}`).join('\n'))
    let embedded = 0
    let written = 0
    let mostHeld = 0
    const firsts: number[] = []
    const store: ChunkStorePort = {
      listFiles: async () => [],
      writeBatch: async () => {
        throw new Error('a large note is written in parts')
      },
      async writeFileInParts(facts, parts: AsyncIterable<FilePart>) {
        const ids: string[] = []
        for await (const part of parts) {
          expect(part.chunks.length).toBeLessThanOrEqual(PART)
          expect(part.vectors?.every((v) => v instanceof Float32Array)).toBe(true)
          firsts.push(part.first)
          part.chunks.forEach((chunk, i) => (ids[part.first + i] = `${facts.path}#${chunk.embedKey}`))
          written += part.chunks.length
        }
        return ids
      },
      touchFile: async () => undefined,
      deleteFiles: async () => undefined,
      moveRoot: async () => undefined,
      vectorsOf: async () => new Map()
    }
    const embedder = {
      id: 'test',
      embedChunks: async (chunks: readonly unknown[]) => {
        embedded += chunks.length
        mostHeld = Math.max(mostHeld, embedded - written)
        return chunks.map(() => new Float32Array([1, 0]))
      }
    }
    const indexer = await Indexer.open({ store, prepare, embedder: () => embedder, maxFileBytes: 1 << 20, notePartChunks: PART })
    indexer.addFiles([{ path, root: dir, mtimeMs: 1 }])
    await indexer.whenIdle()
    expect(firsts).toEqual([40, 30, 20, 10, 0])
    expect(mostHeld).toBeLessThanOrEqual(PART)
    expect(embedded).toBe(47)
    expect(indexer.manifest.get(path)?.chunkIds).toHaveLength(47)
    expect(indexer.manifest.get(path)?.chunkIds[0]).toBe(`${path}#line 0#0`)
    await indexer.close()
  })
})
