// Indexer file reads: the same skips and rows whether files are read on the reader's worker or, if it fails, on this thread.
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Indexer } from '../../src/main/engine/index/indexer'
import type { ChunkStorePort, FileWrite, PrepareNote } from '../../src/main/engine/index/ports'

const store = (): ChunkStorePort & { written: string[] } => {
  const written: string[] = []
  return {
    written,
    listFiles: async () => [],
    async writeBatch(files: FileWrite[]) {
      written.push(...files.map((f) => `${f.facts.path.split('/').pop()}:${f.chunks[0]!.text}`))
      return { files: files.map((f) => f.chunks.map((_, i) => `${f.facts.path}#${i}`)), renames: [] }
    },
    writeFileInParts: async () => {
      throw new Error('no large notes here')
    },
    touchFile: async () => undefined,
    deleteFiles: async () => undefined,
    moveRoot: async () => undefined,
    vectorsOf: async () => new Map()
  }
}
const prepare: PrepareNote = (_path, bytes) => ({
  ok: true,
  title: '',
  lang: 'en',
  warnings: [],
  chunks: [{ text: bytes.toString(), embedText: bytes.toString(), embedKey: bytes.toString(), heading: '', lineStart: 1, lineEnd: 1 }]
})

describe('Indexer reads', () => {
  let dir = ''
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  for (const worker of [true, false]) {
    it(`indexes files and skips links and large files ${worker ? 'on the reader worker' : 'when the reader worker failed'}`, async () => {
      dir = await mkdtemp(join(tmpdir(), 'semnote-reads-'))
      await writeFile(join(dir, 'a.md'), 'alpha')
      await writeFile(join(dir, 'big.md'), 'x'.repeat(500))
      await symlink(join(dir, 'a.md'), join(dir, 'link.md'))
      const s = store()
      const indexer = await Indexer.open({ store: s, prepare, embedder: () => null, maxFileBytes: 100 })
      if (!worker) await (indexer as unknown as { reader: { close(): Promise<void> } }).reader.close()
      indexer.addFiles(['a.md', 'big.md', 'link.md', 'gone.md'].map((name, i) => ({ path: join(dir, name), root: dir, mtimeMs: 10 - i })))
      await indexer.whenIdle()
      expect(s.written).toEqual(['a.md:alpha'])
      expect([...indexer.skipped.values()].map((k) => [k.path.split('/').pop(), k.reason]).sort()).toEqual([
        ['big.md', 'too-large'],
        ['link.md', 'not-a-file']
      ])
      await indexer.close()
    })
  }
})
