// Indexer pipelining: the next batch is prepared while the previous one is embedded and written, without reordering writes.
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Indexer } from '../../src/main/engine/index/indexer'
import type { ChunkStorePort, FileWrite, PrepareNote } from '../../src/main/engine/index/ports'

/** A store whose writes wait until the test releases them; it logs every operation in order. */
function gatedStore() {
  const log: string[] = []
  const gates: (() => void)[] = []
  const store: ChunkStorePort = {
    listFiles: async () => [],
    async writeBatch(files: FileWrite[]) {
      log.push(`write-start ${files.map((f) => f.facts.path.split('/').pop()).join(',')}`)
      await new Promise<void>((release) => gates.push(release))
      log.push('write-end')
      return { files: files.map((f) => f.chunks.map((_, i) => `${f.facts.path}#${i}`)), renames: [] }
    },
    writeFileInParts: async () => {
      throw new Error('no large notes here')
    },
    touchFile: async () => undefined,
    async deleteFiles(paths: string[]) {
      log.push(`delete ${paths.map((p) => p.split('/').pop()).join(',')}`)
    },
    moveRoot: async () => undefined,
    vectorsOf: async () => new Map()
  }
  return { store, log, gates }
}

const prepareLogging = (log: string[]): PrepareNote => (path, bytes) => {
  log.push(`prepare ${path.split('/').pop()}`)
  return { ok: true, title: path, lang: 'en', warnings: [], chunks: [{ text: bytes.toString(), embedText: bytes.toString(), embedKey: bytes.toString(), heading: '', lineStart: 1, lineEnd: 1 }] }
}

const embedder = { id: 'test', embedChunks: async (chunks: readonly unknown[]) => chunks.map(() => new Float32Array([1, 0])) }

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((settle) => setTimeout(settle, 5))
  expect(condition()).toBe(true)
}

describe('Indexer pipelining', () => {
  let dir = ''
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  async function notes(count: number): Promise<{ path: string; mtimeMs: number }[]> {
    dir = await mkdtemp(join(tmpdir(), 'semnote-overlap-'))
    const files = []
    for (let i = 0; i < count; i++) {
      const path = join(dir, `n${String(i).padStart(3, '0')}.md`)
      await writeFile(path, `note ${i}`)
      // Newer files are indexed first: give n000 the newest time so files go in name order.
      const time = new Date(Date.UTC(2026, 0, 1) - i * 1000)
      await utimes(path, time, time)
      files.push({ path, mtimeMs: time.getTime() })
    }
    return files
  }

  it('prepares the next batch while the previous one is being written, and writes batches in order', async () => {
    const files = await notes(70)
    const { store, log, gates } = gatedStore()
    const indexer = await Indexer.open({ store, prepare: prepareLogging(log), embedder: () => embedder, maxFileBytes: 1e6, batchChunks: 64 })
    indexer.addFiles(files.map((f) => ({ ...f, root: dir })))
    await until(() => gates.length === 1)
    // The first batch (64 files) is held in its write; the remaining 6 files are prepared meanwhile.
    await until(() => log.filter((l) => l.startsWith('prepare')).length === 70)
    expect(log.filter((l) => l.startsWith('write-start'))).toHaveLength(1)
    gates.shift()!()
    await until(() => gates.length === 1)
    gates.shift()!()
    await indexer.whenIdle()
    expect(log.filter((l) => l.startsWith('write'))).toEqual([expect.stringMatching(/^write-start n000.md,.*n063.md$/), 'write-end', 'write-start n064.md,n065.md,n066.md,n067.md,n068.md,n069.md', 'write-end'])
    expect(indexer.manifest.size).toBe(70)
    await indexer.close()
  })

  it('prepares a file of the batch in flight again only after that batch is committed', async () => {
    const files = await notes(2)
    const { store, log, gates } = gatedStore()
    const indexer = await Indexer.open({ store, prepare: prepareLogging(log), embedder: () => embedder, maxFileBytes: 1e6, batchChunks: 64, renameWindowMs: 0 })
    indexer.addFiles(files.map((f) => ({ ...f, root: dir })))
    await until(() => gates.length === 1)
    await writeFile(files[0]!.path, 'note 0, edited')
    indexer.addFiles([{ ...files[0]!, root: dir }])
    await new Promise((settle) => setTimeout(settle, 50))
    expect(log.filter((l) => l === 'prepare n000.md')).toHaveLength(1)
    gates.shift()!()
    await until(() => gates.length === 1)
    gates.shift()!()
    await indexer.whenIdle()
    expect(log).toEqual([
      'prepare n000.md',
      'prepare n001.md',
      'write-start n000.md,n001.md',
      'write-end',
      'prepare n000.md',
      'write-start n000.md',
      'write-end'
    ])
    expect(indexer.manifest.size).toBe(2)
    await indexer.close()
  })
})
