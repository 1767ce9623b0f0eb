// Watcher storms, scaled down for CI: hundreds of notes created at once, then a branch-switch-like mass rename.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { getTinyPack } from '../helpers/test-model'
import { eventually, tempFolders } from './helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())
const CREATED = Number(process.env.SEMNOTE_STORM_FILES ?? 400)
const RENAMED = Math.floor(CREATED / 2)
const WAIT_MS = Math.max(60_000, CREATED * 20)

describe('watcher storms', () => {
  it(`indexes ${CREATED} notes created in a burst exactly once, and ${RENAMED} renamed at once without re-embedding`, async () => {
    const pack = await getTinyPack()
    const root = temp.make('storm')
    const dataDir = temp.make('storm-data')
    const engine = await Engine.open({ dataDir, modelDirs: [pack], watch: true, threads: 1 }, { settleMs: 200, rootCheckMs: 1000 })
    try {
      await engine.call('addRoots', { paths: [root] })
      await engine.whenIdle()
      mkdirSync(join(root, 'a'))
      mkdirSync(join(root, 'b'))
      for (let i = 0; i < CREATED; i++) writeFileSync(join(root, 'a', `s${i}.md`), `# Storm ${i}\n\nStorm note number ${i} mentions token${i}x.\n`)
      await eventually(async () => (await engine.call('status', undefined)).files === CREATED || undefined, `${CREATED} notes indexed`, WAIT_MS)
      await engine.whenIdle()
      const embeddedAfterCreate = engine.embeddedChunks
      expect(embeddedAfterCreate).toBe(CREATED) // one chunk each, nothing embedded twice

      for (let i = 0; i < RENAMED; i++) renameSync(join(root, 'a', `s${i}.md`), join(root, 'b', `s${i}.md`))
      await eventually(async () => {
        const status = await engine.call('status', undefined)
        return status.roots[0].files === CREATED && status.progress.phase === 'idle' && (await engine.chunkCounts()).has(join(root, 'b', `s${RENAMED - 1}.md`)) ? true : undefined
      }, 'renames settled', WAIT_MS)
      await engine.whenSettled() // 400 rows written at once: keyword search finds them once the full-text index has them
      const hits = await engine.call('search', { query: `token${RENAMED - 1}x`, mode: 'keyword' })
      expect(hits.hits.map((h) => h.path)).toEqual([join(root, 'b', `s${RENAMED - 1}.md`)])
      expect(engine.embeddedChunks - embeddedAfterCreate).toBe(0) // renames keep their vectors
      const report = await engine.check()
      expect(report.problems).toEqual([])
      expect(report.filesInIndex).toBe(CREATED)
    } finally {
      await engine.close()
    }
  }, 3 * WAIT_MS)
})
