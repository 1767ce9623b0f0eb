// Watcher storms beyond test/engine/storm.test.ts (issue 7 item 3): a root deleted and recreated, and memory bounded during a creation storm.
// Full run: SEMNOTE_STORM_FILES=10000 (npm run reliability); CI uses a few hundred files.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { getTinyPack } from '../helpers/test-model'
import { eventually, tempFolders } from '../engine/helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())
const FILES = Number(process.env.SEMNOTE_STORM_FILES ?? 300)
/** Generous ceiling for the heap growth of the engine's process during a storm: a fixed part plus a little per file. */
const HEAP_GROWTH_LIMIT_BYTES = 200 * 1024 * 1024 + FILES * 8 * 1024

const note = (i: number, version: string) => `# Storm ${i}\n\nStorm note ${i} ${version} mentions s${i}${version}q.\n`

/** Writes `count` notes spread over 10 folders of `dir`. */
function writeNotes(dir: string, count: number, version: (i: number) => string): void {
  for (let f = 0; f < 10; f++) mkdirSync(join(dir, `f${f}`), { recursive: true })
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `f${i % 10}`, `s${i}.md`), note(i, version(i)))
}

async function openWatching(dataDir: string) {
  return Engine.open({ dataDir, modelDirs: [await getTinyPack()], watch: true, threads: 1 }, { settleMs: 150, rootCheckMs: 300 })
}

async function hitPaths(engine: Engine, query: string): Promise<string[]> {
  return (await engine.call('search', { query, mode: 'keyword', limit: 10 })).hits.map((h) => h.path)
}

describe(`watcher storms (${FILES} files)`, () => {
  for (const gap of ['immediately', 'after the engine noticed it missing'] as const) {
    it(`a root deleted and recreated ${gap}: each file indexed exactly once, changed ones re-embedded, nothing stale, later edits still seen`, async () => {
      const root = temp.make('storm-root')
      const dataDir = temp.make('storm-root-data')
      const count = Math.max(30, Math.floor(FILES / 3))
      writeNotes(root, count, () => 'v1')
      const engine = await openWatching(dataDir)
      try {
        await engine.call('addRoots', { paths: [root] })
        await engine.whenIdle()
        expect((await engine.call('status', undefined)).files).toBe(count)
        const embeddedBefore = engine.embeddedChunks

        // Delete the whole root, then recreate it: a third unchanged, a third changed, a third gone, plus new notes.
        const staging = temp.make('storm-staging')
        const kept = (i: number) => i % 3 === 0
        const changed = (i: number) => i % 3 === 1
        writeNotes(staging, count, (i) => (kept(i) ? 'v1' : 'v2'))
        for (let i = 0; i < count; i++) if (!kept(i) && !changed(i)) rmSync(join(staging, `f${i % 10}`, `s${i}.md`))
        const added = Math.floor(count / 3)
        for (let i = count; i < count + added; i++) writeFileSync(join(staging, `f${i % 10}`, `s${i}.md`), note(i, 'v2'))
        rmSync(root, { recursive: true })
        if (gap !== 'immediately') await eventually(async () => (await engine.call('status', undefined)).roots[0]!.state === 'missing', 'root missing')
        renameSync(staging, root)

        const expected = new Set<string>()
        for (let i = 0; i < count + added; i++) if (i >= count || kept(i) || changed(i)) expected.add(join(root, `f${i % 10}`, `s${i}.md`))
        const sameSet = (paths: Iterable<string>) => [...paths].sort().join('\n') === [...expected].sort().join('\n')
        await eventually(async () => {
          const status = await engine.call('status', undefined)
          return sameSet((await engine.chunkCounts()).keys()) && status.roots[0]!.state === 'watching' && status.progress.phase === 'idle' ? true : undefined
        }, `the ${expected.size} notes of the recreated root indexed`, 30_000 + FILES * 20).catch(() => undefined)
        await engine.whenIdle()
        const indexed = new Set((await engine.chunkCounts()).keys())
        expect([...indexed].sort()).toEqual([...expected].sort())
        const changedCount = [...Array(count).keys()].filter(changed).length
        // Unchanged notes keep their vectors; changed and new ones are embedded once each (one chunk per note).
        expect(engine.embeddedChunks - embeddedBefore).toBe(changedCount + added)
        for (const i of [0, 1, 2, count]) {
          const stale = await hitPaths(engine, `s${i}v1q`)
          const fresh = await hitPaths(engine, `s${i}v2q`)
          if (i < count && kept(i)) expect(stale, `note ${i}`).toEqual([join(root, `f${i % 10}`, `s${i}.md`)])
          else expect(stale, `note ${i}: no stale version`).toEqual([])
          if (i >= count || changed(i)) expect(fresh, `note ${i}`).toEqual([join(root, `f${i % 10}`, `s${i}.md`)])
        }

        // The recreated root is watched for real: a later edit and a later new file are picked up.
        writeFileSync(join(root, 'f0', 's0.md'), note(0, 'v3'))
        writeFileSync(join(root, 'late.md'), '# Late\n\nWritten after the root came back: latearrivalq.\n')
        await eventually(async () => ((await hitPaths(engine, 's0v3q')).length === 1 && (await hitPaths(engine, 'latearrivalq')).length === 1) || undefined, 'edits after recreation indexed', 15_000)
        await engine.whenIdle()
        expect((await engine.check()).problems).toEqual([])
      } finally {
        await engine.close()
      }
    })
  }

  it(`memory stays bounded while ${FILES} notes are created at once and then renamed at once`, async () => {
    const root = temp.make('storm-memory')
    const dataDir = temp.make('storm-memory-data')
    const engine = await openWatching(dataDir)
    let peakHeap = 0
    let peakRss = 0
    const sampler = setInterval(() => {
      const usage = process.memoryUsage()
      peakHeap = Math.max(peakHeap, usage.heapUsed)
      peakRss = Math.max(peakRss, usage.rss)
    }, 50)
    try {
      await engine.call('addRoots', { paths: [root] })
      await engine.whenIdle()
      global.gc?.()
      const baseHeap = process.memoryUsage().heapUsed
      writeNotes(join(root, 'a'), FILES, () => 'm')
      await eventually(async () => ((await engine.call('status', undefined)).files === FILES && (await engine.call('status', undefined)).progress.phase === 'idle') || undefined, `${FILES} notes indexed`, 600_000)
      await engine.whenIdle()
      renameSync(join(root, 'a'), join(root, 'b'))
      await eventually(async () => {
        const counts = await engine.chunkCounts()
        return (counts.size === FILES && [...counts.keys()].every((p) => p.startsWith(join(root, 'b')))) || undefined
      }, 'folder rename settled', 600_000)
      await engine.whenIdle()
      expect(engine.embeddedChunks).toBe(FILES) // the rename re-embedded nothing
      expect((await engine.check()).problems).toEqual([])
      const growth = peakHeap - baseHeap
      console.log(`storm memory: ${FILES} files, heap growth ${(growth / 1048576).toFixed(0)} MB (limit ${(HEAP_GROWTH_LIMIT_BYTES / 1048576).toFixed(0)} MB), peak RSS ${(peakRss / 1048576).toFixed(0)} MB`)
      expect(growth).toBeLessThan(HEAP_GROWTH_LIMIT_BYTES)
    } finally {
      clearInterval(sampler)
      await engine.close()
    }
  })
})
