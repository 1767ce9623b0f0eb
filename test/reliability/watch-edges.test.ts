// Issue 19.7, 19.10, 19.11: a note that becomes a folder leaves no ghost; a note made unreadable loses its rows at the
// next index run; a root renamed away keeps its notes until it returns, and is not re-embedded when it does.
import { chmodSync, renameSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { getTinyPack } from '../helpers/test-model'
import { eventually, tempFolders } from '../engine/helpers'
import { DrivenEngine } from './driven-engine'

const temp = tempFolders()
afterAll(() => temp.cleanup())

const WATCH = { settleMs: 100, rootCheckMs: 300 }

describe('watcher edge cases (issue 19.7, 19.10, 19.11)', () => {
  it('a note replaced by a folder of the same name leaves no ghost (19.7)', async () => {
    const root = temp.make('ghost')
    writeFileSync(join(root, 'c.md'), '# C\n\nThe old text about quaggas.\n')
    writeFileSync(join(root, 'keep.md'), '# Keep\n\nA note that stays.\n')
    writeFileSync(join(root, 'd.md'), '# D\n\nAnother old text about zebus.\n')
    const engine = await Engine.open({ dataDir: temp.make('ghost-data'), modelDirs: [], watch: true }, WATCH)
    try {
      await engine.call('addRoots', { paths: [root] })
      await engine.whenIdle()
      execFileSync('sh', ['-c', `rm '${root}/c.md'; mkdir '${root}/c.md'; echo 'new text about okapis' > '${root}/c.md/x.md'; rm '${root}/d.md'; mkdir '${root}/d.md'`])
      await eventually(async () => (await engine.call('search', { query: 'okapis', mode: 'keyword' })).total === 1 || undefined, 'c.md/x.md indexed')
      await new Promise((r) => setTimeout(r, 2000)) // past the rename window in which a vanished note's rows wait
      await engine.whenIdle()
      expect((await engine.call('search', { query: 'quaggas', mode: 'keyword' })).hits).toEqual([])
      expect((await engine.call('search', { query: 'zebus', mode: 'keyword' })).hits).toEqual([]) // an empty folder now
      expect([...(await engine.chunkCounts()).keys()].sort()).toEqual([join(root, 'c.md', 'x.md'), join(root, 'keep.md')])
      expect((await engine.check()).problems).toEqual([])
    } finally {
      await engine.close()
    }
  })

  it('a note made unreadable after indexing loses its rows at the next index run, which check then confirms (19.10)', async () => {
    const root = temp.make('unreadable')
    const dataDir = temp.make('unreadable-data')
    writeFileSync(join(root, 'open.md'), '# Open\n\nA readable note about badgers.\n')
    writeFileSync(join(root, 'closed.md'), '# Closed\n\nSoon unreadable: wombats.\n')
    const setup = { options: { dataDir, modelDirs: [], watch: false } }
    const first = await DrivenEngine.start(setup, { unprivileged: true })
    await first.call('addRoots', { paths: [root] })
    await first.whenIdle()
    expect((await first.call('search', { query: 'wombats', mode: 'keyword' })).total).toBe(1)
    await first.close()

    chmodSync(join(root, 'closed.md'), 0)
    try {
      const reader = await DrivenEngine.start({ ...setup, internals: { resumeIndexing: false } }, { unprivileged: true })
      expect((await reader.check()).problems.join('\n')).toMatch(/closed\.md/) // check sees it before the next run
      await reader.close()

      const again = await DrivenEngine.start(setup, { unprivileged: true })
      try {
        await again.whenIdle()
        expect((await again.call('search', { query: 'wombats', mode: 'keyword' })).total).toBe(0)
        const status = await again.call('status', undefined)
        expect(status.skipped.map((s) => [s.path, s.reason])).toEqual([[join(root, 'closed.md'), 'unreadable']])
        expect((await again.check()).problems).toEqual([])
      } finally {
        await again.close()
      }
    } finally {
      chmodSync(join(root, 'closed.md'), 0o644)
    }
    const readable = await DrivenEngine.start(setup, { unprivileged: true })
    try {
      await readable.whenIdle()
      expect((await readable.call('search', { query: 'wombats', mode: 'keyword' })).total).toBe(1)
    } finally {
      await readable.close()
    }
  })

  it('a watched root renamed away keeps its notes until it returns, and nothing is embedded again (19.11)', async () => {
    const parent = temp.make('renamed-root')
    const root = join(parent, 'notes')
    const away = join(parent, 'notes-away')
    execFileSync('mkdir', ['-p', join(root, 'sub')])
    for (let i = 0; i < 12; i++) writeFileSync(join(root, i % 2 ? 'sub' : '', `n${i}.md`), `# Note ${i}\n\nA note about ibises number i${i}x.\n`)
    const engine = await Engine.open({ dataDir: temp.make('renamed-root-data'), modelDirs: [await getTinyPack()], watch: true, threads: 1 }, WATCH)
    try {
      await engine.call('addRoots', { paths: [root] })
      await engine.whenIdle()
      const embedded = engine.embeddedChunks
      expect(embedded).toBeGreaterThan(0)

      renameSync(root, away)
      await eventually(async () => (await engine.call('status', undefined)).roots[0]?.state === 'missing' || undefined, 'the root reported missing')
      await new Promise((r) => setTimeout(r, 2500)) // past the rename window for the files' own events
      await engine.whenIdle()
      expect((await engine.chunkCounts()).size).toBe(12) // kept, as status says
      expect((await engine.call('status', undefined)).healthDetail).toMatch(/kept until it returns/)

      renameSync(away, root)
      await eventually(async () => (await engine.call('status', undefined)).roots[0]?.state === 'watching' || undefined, 'the root back')
      await engine.whenIdle()
      expect((await engine.call('search', { query: 'i7x', mode: 'keyword' })).hits.map((h) => h.path)).toEqual([join(root, 'sub', 'n7.md')])
      expect(engine.embeddedChunks - embedded).toBe(0)
      expect((await engine.check()).problems).toEqual([])
    } finally {
      await engine.close()
    }
  })
})
