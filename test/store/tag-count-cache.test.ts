// Tag counts are cached between writes; a count read while a write runs must not be kept (it may miss that write).
import { afterEach, describe, expect, it } from 'vitest'
import { ChunkStore } from '../../src/main/engine/store/chunk-store'
import { DIM, noteRows, tempDataDir } from './rows'

let cleanup: (() => Promise<void>) | undefined
afterEach(async () => cleanup?.())

const tagged = (path: string, tags: string[]) => noteRows({ path, texts: [`about ${path}`] }).map((row) => ({ ...row, tags }))

describe('tag counts beside writes', () => {
  it('counts read during writes never hide a tag written after them', async () => {
    const temp = await tempDataDir()
    cleanup = temp.cleanup
    const store = await ChunkStore.open(temp.dir, { modelId: 'tags/cache', dimension: DIM })
    try {
      await store.replaceFile('/notes/first.md', tagged('/notes/first.md', ['first']))
      // Counts asked while each write is queued or running (as status does while indexing).
      for (let i = 0; i < 12; i++) {
        const path = `/notes/n${i}.md`
        await Promise.all([store.tagCounts(), store.replaceFile(path, tagged(path, [`tag${i}`])), store.tagCounts()])
      }
      const counts = await store.tagCounts()
      expect(counts.map((c) => c.tag).sort()).toEqual(['first', ...Array.from({ length: 12 }, (_, i) => `tag${i}`)].sort())
      await store.deleteFiles(['/notes/n0.md'])
      expect((await store.tagCounts()).some((c) => c.tag === 'tag0')).toBe(false)
    } finally {
      await store.close()
    }
  })
})
