// Bad input never stops the engine: each case is skipped with a reason (or indexed with a warning) and other notes stay searchable.
import { chmodSync, mkdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { eventually, tempFolders } from './helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

describe('Engine on bad input (keyword-only, no model)', () => {
  it('reports binary, too-large, unreadable, symlink-loop and vanished files; survives odd names and a root that disappears', async () => {
    const root = temp.make('bad')
    const outside = temp.make('outside')
    const dataDir = temp.make('data')
    writeFileSync(join(root, 'good.md'), '# Good\n\nThe lighthouse keeper writes every night.\n')
    writeFileSync(join(root, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]))
    writeFileSync(join(root, 'empty.md'), '')
    writeFileSync(join(root, 'latin1.md'), Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(' au lait with marmalade\n')]))
    writeFileSync(join(root, 'huge.md'), '')
    truncateSync(join(root, 'huge.md'), 50 * 1024 * 1024) // 50 MB (sparse): over the 20 MB default cap
    writeFileSync(join(root, 'locked.md'), 'secret')
    chmodSync(join(root, 'locked.md'), 0)
    execFileSync('mkfifo', [join(root, 'pipe.md')])
    mkdirSync(join(root, 'sub'))
    symlinkSync(root, join(root, 'sub', 'loop'))
    symlinkSync(join(outside), join(root, 'escape'))
    const oddNames = ['caf\u0065\u0301-nfd.md', 'ｆｕｌｌ　ｗｉｄｔｈ.md', '日本語 メモ 📝.md', 'עברית-rtl.txt', 'new\nline.md']
    for (const name of oddNames) writeFileSync(join(root, name), `Odd name note about pelicans ${name.length}\n`)

    const engine = await Engine.open({ dataDir, modelDirs: [], watch: true }, { settleMs: 100, rootCheckMs: 200 })
    try {
      const status0 = await engine.call('status', undefined)
      expect(status0.model).toEqual(expect.objectContaining({ state: 'missing', reason: expect.stringContaining('keyword search works') }))
      await engine.call('addRoots', { paths: [root] })
      await engine.whenIdle()
      const status = await engine.call('status', undefined)
      const reasons = Object.fromEntries(status.skipped.map((s) => [s.path.slice(root.length + 1), s.reason]))
      expect(reasons['binary.md']).toBe('binary')
      expect(reasons['huge.md']).toBe('too-large')
      expect(reasons['sub/loop']).toBe('symlink-loop')
      expect(reasons['escape']).toBe('not-a-file')
      expect(reasons['pipe.md']).toBe('not-a-file')
      if (process.getuid?.() !== 0) expect(reasons['locked.md']).toBe('unreadable') // root reads anything
      for (const entry of status.skipped) expect(entry.detail.length).toBeGreaterThan(0)

      // Indexed despite problems: empty (by name) and invalid UTF-8 (replacement character, with a warning).
      const warned = Object.fromEntries((status.warnings ?? []).map((w) => [w.path.slice(root.length + 1), w.detail]))
      expect(warned['empty.md']).toMatch(/empty/)
      expect(warned['latin1.md']).toMatch(/UTF-8|invalid|replac/i)
      const marmalade = await engine.call('search', { query: 'marmalade', mode: 'keyword' })
      expect(marmalade.hits.map((h) => h.path)).toEqual([join(root, 'latin1.md')])

      const pelicans = await engine.call('search', { query: 'pelicans', mode: 'keyword', limit: 20 })
      expect(pelicans.hits.map((h) => h.path).sort()).toEqual(oddNames.map((n) => join(root, n)).sort())
      expect((await engine.call('search', { query: 'lighthouse', mode: 'keyword' })).hits).toHaveLength(1)

      // A file that vanishes before it is read: no rows, no crash.
      await engine.call('pauseIndexing', undefined)
      writeFileSync(join(root, 'fleeting.md'), 'here for a moment: ephemeral mayflies')
      await eventually(async () => (await engine.call('status', undefined)).progress.filesTotal > 0 || undefined, 'fleeting note queued')
      rmSync(join(root, 'fleeting.md'))
      await engine.call('resumeIndexing', undefined)
      await engine.whenIdle()
      expect((await engine.call('search', { query: 'mayflies', mode: 'keyword' })).hits).toEqual([])
      const gone = await engine.call('indexFiles', { paths: [join(outside, 'never-existed.md')] })
      expect(gone.skipped).toContainEqual(expect.objectContaining({ path: join(outside, 'never-existed.md'), reason: 'vanished' }))

      // The root disappears: state missing, its notes hidden from search; it comes back: indexed again.
      rmSync(root, { recursive: true, force: true })
      await eventually(async () => (await engine.call('status', undefined)).roots[0].state === 'missing', 'root missing')
      expect((await engine.call('search', { query: 'lighthouse', mode: 'keyword' })).hits).toEqual([])
      mkdirSync(root)
      writeFileSync(join(root, 'good.md'), '# Good\n\nThe lighthouse keeper is back.\n')
      await eventually(async () => (await engine.call('status', undefined)).roots[0].state === 'watching', 'root back')
      await engine.whenIdle()
      const back = await engine.call('search', { query: 'lighthouse', mode: 'keyword' })
      expect(back.hits.map((h) => h.path)).toEqual([join(root, 'good.md')])
      await engine.whenIdle()
      const after = await engine.call('status', undefined)
      expect(after.files).toBe(1)
      expect((await engine.check()).problems).toEqual([])
    } finally {
      await engine.close()
    }
  })
})
