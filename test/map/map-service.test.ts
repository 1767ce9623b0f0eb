// The map through the real engine (LanceDB, the bundled lite pack, the layout worker thread): computed in the
// background with progress, deterministic, cached per model table, later notes placed onto it, recomputed once enough
// changed, queries located, and searches answered while a layout is computed.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { translationPairs } from '../../src/main/engine/map/map-service'
import type { MapLayout, MapProgressEvent, MapView } from '../../src/shared/map'
import { eventually, tempFolders } from '../engine/helpers'

const PACKS = resolve(__dirname, '../../resources/models')
const SAMPLES = resolve(__dirname, '../../resources/samples')
const temp = tempFolders()
afterAll(() => temp.cleanup())

async function openEngine(dataDir: string): Promise<Engine> {
  return Engine.open({ dataDir, modelDirs: [PACKS], modelId: 'semnote-lite-multi', threads: 1 }, { settleMs: 100 })
}

function layoutOf(view: MapView): MapLayout {
  if (view.state !== 'ready') throw new Error(`map not ready: ${JSON.stringify(view)}`)
  return view.layout
}

/** Notes on sourdough, gardens and trains (English and Chinese), to grow a folder of notes past the samples. */
function writeTopicNotes(dir: string, count: number, from = 0): void {
  const topics = [
    'Sourdough bread: feed the starter with flour and water, let the dough rise overnight, bake in a hot oven.',
    '番茄和黄瓜的菜园：浇水、施肥、给幼苗搭架子，夏天收获蔬菜。',
    'Train timetable: the railway station, platforms, delays and connections for the morning commute.'
  ]
  for (let i = from; i < from + count; i++) writeFileSync(join(dir, `topic-${i}.md`), `# Note ${i}\n\n${topics[i % 3]} Detail ${i}.\n`)
}

describe('the map through the engine', () => {
  it('is computed in the background with progress, then served from the cache, identical for the same index', async () => {
    const notes = temp.make('map-notes')
    cpSync(SAMPLES, notes, { recursive: true })
    writeTopicNotes(notes, 30)
    const dataDir = temp.make('map-data')
    const engine = await openEngine(dataDir)
    await engine.call('addRoots', { paths: [notes] })
    await engine.whenIdle()
    const events: MapProgressEvent[] = []
    engine.on('mapProgress', (event) => events.push(event))

    const first = await engine.call('map', {})
    expect(first.state).toBe('computing')
    // Searches are answered while the layout is computed.
    const hits = await engine.call('search', { query: 'sourdough starter', limit: 3 })
    expect(hits.hits[0]?.path).toMatch(/sourdough|topic-/)
    const layout = layoutOf(await engine.call('map', { wait: true }))
    expect(layout.notes.path).toHaveLength(41)
    expect(new Set(layout.notes.path).size).toBe(41)
    expect(layout.placed).toBe(0)
    expect(events.some((e) => 'phase' in e && e.phase === 'layout' && e.done === e.total)).toBe(true)
    expect(events.at(-1)).toEqual({ finished: true })
    expect(layout.clusters.length).toBeGreaterThan(0)
    // Notes on one topic sit together: the 10 sourdough notes are closer to each other than to the train notes.
    const at = (name: string) => layout.notes.path.indexOf(join(notes, name))
    const distance = (a: number, b: number) => Math.hypot(layout.notes.x[a]! - layout.notes.x[b]!, layout.notes.y[a]! - layout.notes.y[b]!)
    expect(distance(at('topic-0.md'), at('topic-3.md'))).toBeLessThan(distance(at('topic-0.md'), at('topic-2.md')))
    await engine.close()

    // Reopened: the cached layout, no recomputation.
    const reopened = await openEngine(dataDir)
    const reopenedEvents: MapProgressEvent[] = []
    reopened.on('mapProgress', (event) => reopenedEvents.push(event))
    const cached = layoutOf(await reopened.call('map', {}))
    expect(cached.computedAt).toBe(layout.computedAt)
    expect(cached.notes).toEqual(layout.notes)
    expect(reopenedEvents).toEqual([])
    await reopened.close()

    // The same notes indexed elsewhere give the same map.
    const copy = temp.make('map-notes-copy')
    cpSync(notes, copy, { recursive: true })
    const otherData = temp.make('map-data-copy')
    const other = await openEngine(otherData)
    await other.call('addRoots', { paths: [copy] })
    await other.whenIdle()
    const again = layoutOf(await other.call('map', { wait: true }))
    expect(again.notes.x).toEqual(layout.notes.x)
    expect(again.notes.y).toEqual(layout.notes.y)
    expect(again.clusters.map((c) => c.terms)).toEqual(layout.clusters.map((c) => c.terms))
    await other.close()
  })

  it('places notes added later, drops removed ones, recomputes once many changed, and locates queries', async () => {
    const notes = temp.make('map-grow')
    writeTopicNotes(notes, 30)
    const dataDir = temp.make('map-grow-data')
    const engine = await openEngine(dataDir)
    await engine.call('addRoots', { paths: [notes] })
    await engine.whenIdle()
    expect(await engine.call('mapLocate', { query: 'bread' })).toBeNull()
    const base = layoutOf(await engine.call('map', { wait: true }))

    writeTopicNotes(notes, 3, 30)
    rmSync(join(notes, 'topic-1.md'))
    await eventually(async () => (await engine.call('status', undefined)).files === 32 || undefined, 'the changes indexed')
    await engine.whenIdle()
    const grown = layoutOf(await engine.call('map', {}))
    expect(grown.computedAt).toBe(base.computedAt)
    expect(grown.placed).toBe(4)
    expect(grown.notes.path).toHaveLength(32)
    expect(grown.notes.path).not.toContain(join(notes, 'topic-1.md'))
    // A new sourdough note lands among the sourdough notes, in their cluster.
    const i = grown.notes.path.indexOf(join(notes, 'topic-30.md'))
    const nearest = grown.notes.path
      .map((path, j) => ({ path, d: Math.hypot(grown.notes.x[j]! - grown.notes.x[i]!, grown.notes.y[j]! - grown.notes.y[i]!) }))
      .filter(({ path }) => path !== grown.notes.path[i])
      .sort((a, b) => a.d - b.d)
      .slice(0, 3)
    for (const { path } of nearest) expect(Number(/topic-(\d+)/.exec(path)![1]) % 3).toBe(0)

    // A query sits by the notes it is about.
    const point = (await engine.call('mapLocate', { query: 'railway station platform' }))!
    const closest = grown.notes.path
      .map((path, j) => ({ path, d: Math.hypot(grown.notes.x[j]! - point.x, grown.notes.y[j]! - point.y) }))
      .sort((a, b) => a.d - b.d)[0]!
    expect(Number(/topic-(\d+)/.exec(closest.path)![1]) % 3).toBe(2)

    // Many changes: served at once, and a new layout is computed in the background.
    writeTopicNotes(notes, 20, 40)
    await eventually(async () => (await engine.call('status', undefined)).files === 52 || undefined, 'more notes indexed')
    await engine.whenIdle()
    const busy = await engine.call('map', {})
    expect(busy.state).toBe('ready')
    if (busy.state === 'ready') expect(busy.recomputing).toBeDefined()
    const fresh = layoutOf(await engine.call('map', { wait: true }))
    expect(fresh.computedAt).toBeGreaterThan(base.computedAt)
    expect(fresh.placed).toBe(0)
    expect(fresh.notes.path).toHaveLength(52)
    await engine.close()
  })

  it('recomputes a damaged cache file and says why there is no map without notes or a model', async () => {
    const notes = temp.make('map-damaged')
    writeTopicNotes(notes, 12)
    const dataDir = temp.make('map-damaged-data')
    const engine = await openEngine(dataDir)
    expect(await engine.call('map', {})).toEqual({ state: 'unavailable', reason: 'no-notes' })
    await engine.call('addRoots', { paths: [notes] })
    await engine.whenIdle()
    const layout = layoutOf(await engine.call('map', { wait: true }))
    await engine.close()
    const mapDir = join(dataDir, 'map')
    for (const name of readdirSync(mapDir)) {
      const file = join(mapDir, name)
      writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200))
    }
    const reopened = await openEngine(dataDir)
    expect((await reopened.call('map', {})).state).toBe('computing')
    const recomputed = layoutOf(await reopened.call('map', { wait: true }))
    expect(recomputed.notes.x).toEqual(layout.notes.x)
    await reopened.close()

    const noModels = temp.make('map-no-models')
    mkdirSync(join(noModels, 'empty'))
    const keywordOnly = await Engine.open({ dataDir: temp.make('map-kw-data'), modelDirs: [join(noModels, 'empty')], threads: 1 })
    expect(await keywordOnly.call('map', {})).toEqual({ state: 'unavailable', reason: 'no-model' })
    await keywordOnly.close()
  })
})

describe('translationPairs', () => {
  it('pairs the same relative path under different folders in different languages the guess told', () => {
    const notes = {
      root: ['/en', '/de', '/en2', '/x', '/zh'],
      path: ['/en/a.md', '/de/a.md', '/en2/a.md', '/x/a.md', '/zh/b.md'],
      lang: ['en', 'de', 'en', 'und', 'zh']
    }
    // /en2/a.md is in the same language as /en/a.md (a copy, not a translation); /x/a.md's language is unknown.
    expect(translationPairs(notes)).toEqual([[0, 1], [1, 2]])
  })
})
