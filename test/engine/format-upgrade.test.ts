// An index of the previous format with a transformer pack: searched while the new table fills, its vectors carried over (none embedded again).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { Embedder } from '../../src/main/engine/model/embedder'
import { ChunkStore } from '../../src/main/engine/store/chunk-store'
import { loadLanceDb } from '../../src/main/engine/store/lancedb'
import { rowsToArrow, SCHEMA_VERSION, tableNameFor } from '../../src/main/engine/store/schema'
import { getTinyPack } from '../helpers/test-model'
import { tempFolders } from './helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

describe('an index of the previous format with a transformer pack', () => {
  it('answers searches while the new table fills, carries every vector over, then is dropped', async () => {
    const pack = await getTinyPack()
    const notes = temp.make('upgrade-notes')
    for (let i = 0; i < 12; i++) writeFileSync(join(notes, `n${i}.md`), `# Lighthouse ${i}\n\nKeeper's log, night ${i}: the lamp turned until dawn.\n`)
    const dataDir = temp.make('upgrade-data')
    const first = await Engine.open({ dataDir, modelDirs: [pack], watch: false })
    let model: { id: string; dimension: number }
    try {
      await first.call('addRoots', { paths: [notes] })
      await first.whenSettled()
      const status = (await first.call('status', undefined)).model
      if (status.state !== 'ready') throw new Error(`the tiny pack did not load: ${JSON.stringify(status)}`)
      model = { id: status.id, dimension: status.dimension }
    } finally {
      await first.close()
    }

    // The same rows in a table of the previous version, as the Semnote before the update left them.
    const current = await ChunkStore.open(dataDir, { modelId: model.id, dimension: model.dimension })
    const rows = (await Promise.all((await current.listPaths()).map((file) => current.rowsOf(file.path)))).flat()
    await current.close()
    expect(rows.length).toBeGreaterThanOrEqual(12)
    const sdk = await loadLanceDb()
    const db = await sdk.connect(join(dataDir, 'lancedb'))
    ;(await db.createTable(tableNameFor(model.id, SCHEMA_VERSION - 1), rowsToArrow(rows, model.dimension))).close()
    db.close()
    await ChunkStore.dropTable(dataDir, tableNameFor(model.id))

    const embedded = vi.spyOn(Embedder.prototype, 'embedPassageIds')
    const upgraded = await Engine.open({ dataDir, modelDirs: [pack], watch: false })
    try {
      await upgraded.call('pauseIndexing', undefined)
      expect((await upgraded.call('status', undefined)).health).toBe('rebuilding')
      expect((await upgraded.call('search', { query: 'lighthouse lamp', mode: 'semantic' })).hits.length).toBeGreaterThan(0)
      await upgraded.call('resumeIndexing', undefined)
      await upgraded.whenIdle()
      expect((await upgraded.call('status', undefined)).health).toBe('ok')
      expect(await ChunkStore.listTables(dataDir)).toEqual([tableNameFor(model.id)])
      // Same pack files, same text: the vectors came from the previous table (the query embeddings aside).
      const passagesEmbedded = embedded.mock.calls.filter(([, options]) => options?.priority !== 'query').reduce((sum, [ids]) => sum + ids.length, 0)
      expect(passagesEmbedded).toBe(0)
      expect((await upgraded.call('search', { query: 'lighthouse lamp', mode: 'semantic' })).hits.length).toBe(12)
    } finally {
      embedded.mockRestore()
      await upgraded.close()
    }
  })
})
