// The engine on real files with real LanceDB, chokidar and onnxruntime: live changes reach search; a restart re-embeds nothing.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import type { IndexProgress } from '../../src/shared/types'
import { getTinyPack } from '../helpers/test-model'
import { eventually, tempFolders } from './helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

async function pathsFor(engine: Engine, query: string): Promise<string[]> {
  const response = await engine.call('search', { query, mode: 'keyword', limit: 20 })
  return response.hits.map((h) => h.path)
}

describe('Engine with a watched root', () => {
  it('reflects create, modify, rename and delete in search, keeps vectors on rename, and re-embeds nothing after a restart', async () => {
    const pack = await getTinyPack()
    const root = temp.make('notes')
    const dataDir = temp.make('data')
    mkdirSync(join(root, 'travel'))
    writeFileSync(join(root, 'music.md'), '# Neighbours\n\nLoud music at night keeps me awake.\n')
    writeFileSync(join(root, 'travel', 'kyoto.md'), '---\ntitle: 京都旅行\n---\n\n清水寺に朝早く行く。紅葉がきれい。\n')
    writeFileSync(join(root, 'bread.txt'), 'Sourdough starter needs feeding every evening.\n')

    const engine = await Engine.open({ dataDir, modelDirs: [pack], watch: true, threads: 1 }, { settleMs: 100, rootCheckMs: 300 })
    try {
      const model = (await engine.call('status', undefined)).model
      expect(model.state).toBe('ready') // the default pack is absent: the engine fell back to the tiny pack it found
      const progress: IndexProgress[] = []
      const off = engine.on('progress', (p) => progress.push(p))
      await engine.call('addRoots', { paths: [root] })
      await engine.whenIdle()
      off()
      const last = progress.at(-1)!
      expect(last).toEqual(expect.objectContaining({ phase: 'idle', filesDone: 3, filesTotal: 3, etaSeconds: 0 }))
      expect(last.chunksDone).toBeGreaterThanOrEqual(3)
      let status = await engine.call('status', undefined)
      expect(status.files).toBe(3)
      expect(status.roots).toEqual([expect.objectContaining({ path: root, state: 'watching', files: 3 })])
      expect(await pathsFor(engine, 'sourdough')).toEqual([join(root, 'bread.txt')])
      expect(await pathsFor(engine, '清水寺')).toEqual([join(root, 'travel', 'kyoto.md')])
      const semantic = await engine.call('search', { query: 'music at night', mode: 'semantic', limit: 5 })
      expect(semantic.semanticAvailable).toBe(true)
      expect(semantic.hits.length).toBeGreaterThan(0)
      const embeddedAfterScan = engine.embeddedChunks
      expect(embeddedAfterScan).toBeGreaterThanOrEqual(3)

      writeFileSync(join(root, 'fish.md'), '# Aquarium\n\nThe zebrafish eggs hatched today.\n')
      await eventually(async () => (await pathsFor(engine, 'zebrafish')).includes(join(root, 'fish.md')), 'created note in search')

      writeFileSync(join(root, 'fish.md'), '# Aquarium\n\nThe axolotl ate its dinner.\n')
      await eventually(async () => (await pathsFor(engine, 'axolotl')).includes(join(root, 'fish.md')), 'modified note in search')
      expect(await pathsFor(engine, 'zebrafish')).toEqual([])

      await engine.whenIdle()
      const embeddedBeforeRename = engine.embeddedChunks
      renameSync(join(root, 'fish.md'), join(root, 'travel', 'pets.md'))
      await eventually(async () => {
        const paths = await pathsFor(engine, 'axolotl')
        return paths.length === 1 && paths[0] === join(root, 'travel', 'pets.md')
      }, 'renamed note in search under its new path only')
      await engine.whenIdle()
      expect(engine.embeddedChunks).toBe(embeddedBeforeRename)

      // A .semnoteignore written while watching applies at once: matching notes leave the index.
      writeFileSync(join(root, '.semnoteignore'), 'bread.*\n')
      await eventually(async () => (await pathsFor(engine, 'sourdough')).length === 0, '.semnoteignore applied')
      rmSync(join(root, '.semnoteignore'))
      await eventually(async () => (await pathsFor(engine, 'sourdough')).length === 1, '.semnoteignore removed')

      rmSync(join(root, 'music.md'))
      await eventually(async () => (await pathsFor(engine, 'music')).length === 0, 'deleted note gone from search')
      await engine.whenIdle()
      status = await engine.call('status', undefined)
      expect(status.files).toBe(3)
      expect((await engine.check()).problems).toEqual([])
    } finally {
      await engine.close()
    }

    // Restart: roots come back from the data dir, nothing unchanged is embedded again.
    writeFileSync(join(root, 'new-while-closed.md'), 'A note written while the app was closed mentions quokkas.\n')
    const reopened = await Engine.open({ dataDir, modelDirs: [pack], watch: false, threads: 1 })
    try {
      await reopened.whenIdle()
      const status = await reopened.call('status', undefined)
      expect(status.roots.map((r) => r.path)).toEqual([root])
      expect(status.files).toBe(4)
      expect(await pathsFor(reopened, 'quokkas')).toEqual([join(root, 'new-while-closed.md')])
      expect(reopened.embeddedChunks).toBe(1)
      const report = await reopened.check()
      expect(report.problems).toEqual([])
      expect(report.ok).toBe(true)
    } finally {
      await reopened.close()
    }
  })

  it('files a root under a folder containing it that is added later, without embedding its notes again', async () => {
    const pack = await getTinyPack()
    const parent = temp.make('all-notes')
    const child = join(parent, 'work')
    mkdirSync(child)
    writeFileSync(join(child, 'budget.md'), '# Budget\n\nThe spreadsheet for finance is due Thursday.\n')
    writeFileSync(join(child, 'sync.md'), 'Weekly sync on Mondays with the design team.\n')
    writeFileSync(join(parent, 'garden.md'), 'Tomatoes need staking in June.\n')
    const engine = await Engine.open({ dataDir: temp.make('data-nested'), modelDirs: [pack], watch: false, threads: 1 })
    try {
      await engine.call('addRoots', { paths: [child] })
      await engine.whenIdle()
      const embeddedForChild = engine.embeddedChunks
      expect(embeddedForChild).toBeGreaterThanOrEqual(2)

      await engine.call('addRoots', { paths: [parent] })
      await engine.whenIdle()
      expect(engine.embeddedChunks - embeddedForChild).toBe(1) // garden.md only
      const status = await engine.call('status', undefined)
      expect(status.roots.map((r) => [r.path, r.files])).toEqual([[parent, 3]])
      const hits = (await engine.call('search', { query: 'spreadsheet finance', mode: 'keyword' })).hits
      expect(hits.map((h) => [h.path, h.root])).toEqual([[join(child, 'budget.md'), parent]])
      expect((await engine.call('search', { query: 'spreadsheet', mode: 'keyword', filters: { roots: [parent] } })).hits).toHaveLength(1)
      expect((await engine.check()).problems).toEqual([])
    } finally {
      await engine.close()
    }
  })
})
