// Searches come first: background work (indexing here, the map in test/map) steps aside while a search runs (search-signal.ts).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { SearchPause } from '../../src/main/engine/search-pause'
import { SEARCH_BURST_LINGER_MS, SearchSignal, searchSignal } from '../../src/main/engine/search-signal'
import { getTinyPack } from '../helpers/test-model'
import { tempFolders } from './helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

/** A search held running until `release()` is called. */
function heldSearch(signal: SearchSignal): { release: () => void; ended: Promise<void> } {
  let release!: () => void
  const ended = signal.whileSearching(() => new Promise<void>((resolve) => (release = resolve)))
  return { release, ended }
}

describe('SearchSignal', () => {
  it('settles at once without searches, waits while one runs and a little after, and gives up waiting after maxWaitMs', async () => {
    const signal = new SearchSignal()
    let settled = false
    await signal.settled()
    const search = heldSearch(signal)
    const waiting = signal.settled(60_000).then(() => (settled = true))
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(settled).toBe(false)
    search.release()
    await search.ended
    await waiting
    expect(settled).toBe(true)

    // Searches come in bursts: background work stays aside a little after one ends.
    const burst = heldSearch(signal)
    burst.release()
    await burst.ended
    const ended = performance.now()
    await signal.settled()
    expect(performance.now() - ended).toBeGreaterThanOrEqual(SEARCH_BURST_LINGER_MS - 5)

    const endless = heldSearch(signal)
    const start = performance.now()
    await signal.settled(200)
    expect(performance.now() - start).toBeGreaterThanOrEqual(195)
    endless.release()
    await endless.ended
  })

  it('pauses a thread while a search runs, at most maxPauseMs at once, then lets it work workAfterHoldMs', async () => {
    const signal = new SearchSignal()
    const pause = new SearchPause(signal.shared)
    const bounds = { lingerMs: 0, maxPauseMs: 250, workAfterHoldMs: 60_000 }
    let start = performance.now()
    pause.pause(bounds)
    expect(performance.now() - start).toBeLessThan(200)
    const search = heldSearch(signal)
    start = performance.now()
    pause.pause(bounds)
    expect(performance.now() - start).toBeGreaterThanOrEqual(245)
    // Held its longest: the next pauses let it work.
    start = performance.now()
    pause.pause(bounds)
    expect(performance.now() - start).toBeLessThan(200)
    search.release()
    await search.ended
  })
})

describe('Indexing while a search runs', () => {
  it('prepares, embeds and writes no note until the search ends, then indexes them all', { timeout: 60_000 }, async () => {
    const pack = await getTinyPack()
    const first = temp.make('first-root')
    const second = temp.make('second-root')
    writeFileSync(join(first, 'warm.md'), '# Warm\n\nThe first note starts the workers and the model.\n')
    mkdirSync(join(second, 'notes'))
    for (let i = 0; i < 20; i++) writeFileSync(join(second, 'notes', `n${i}.md`), `# Note ${i}\n\nA note about lighthouses, number ${i}.\n`)
    const engine = await Engine.open({ dataDir: temp.make('data'), modelDirs: [pack], watch: false })
    try {
      await engine.call('addRoots', { paths: [first] })
      await engine.whenIdle()
      expect((await engine.call('status', undefined)).files).toBe(1)

      const search = heldSearch(searchSignal)
      await engine.call('addRoots', { paths: [second] })
      // Held well below the 1 s a search can hold indexing back at once: nothing of the second root is written meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 600))
      expect((await engine.call('status', undefined)).files).toBe(1)
      search.release()
      await search.ended
      await engine.whenIdle()
      expect((await engine.call('status', undefined)).files).toBe(21)
      expect((await engine.call('search', { query: 'lighthouses', mode: 'keyword', limit: 50 })).hits).toHaveLength(20)
    } finally {
      await engine.close()
    }
  })
})
