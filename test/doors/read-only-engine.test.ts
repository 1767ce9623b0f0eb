// The doors' read-only engine: opened lazily without the lock, and reopened when the indexing process replaces its table.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ReadOnlyEngine } from '../../src/main/doors/read-only-engine'
import { Engine } from '../../src/main/engine/engine'
import { ChunkStore } from '../../src/main/engine/store/chunk-store'
import { eventually, tempFolders } from '../engine/helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

describe('ReadOnlyEngine', () => {
  it('keeps answering after the indexing process drops and rebuilds the table under it', async () => {
    const notes = temp.make('roe-notes')
    const dataDir = temp.make('roe-data')
    writeFileSync(join(notes, 'a.md'), '# Anchor\n\nThe ship drops anchor in the bay.\n')
    let writer = await Engine.open({ dataDir, modelDirs: [], watch: false })
    await writer.call('addRoots', { paths: [notes] })
    await writer.whenSettled()
    const reader = new ReadOnlyEngine({ dataDir, modelDirs: [], watch: false })
    try {
      const find = async () => (await reader.call('search', { query: 'anchor', mode: 'keyword' })).hits.map((h) => h.path)
      expect(await find()).toEqual([join(notes, 'a.md')])
      expect(await reader.indexer()).toBe(process.pid)
      // The writer's table goes away and is rebuilt from the notes (as after damage, or a model switch back and forth).
      const table = (await ChunkStore.listTables(dataDir))[0]!
      await writer.close()
      await ChunkStore.dropTable(dataDir, table)
      writeFileSync(join(notes, 'b.md'), '# Bay\n\nA second anchor, for the storm.\n')
      writer = await Engine.open({ dataDir, modelDirs: [], watch: false })
      await writer.whenSettled()
      await eventually(async () => (await find()).length === 2, 'the reader to search the rebuilt table', 30_000)
    } finally {
      await reader.close()
      await writer.close()
    }
  })
})
