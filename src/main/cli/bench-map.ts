// Bench section "map": the layout of many notes (lite pack, synthetic notes), placing 100 new notes onto it, and search
// latency while a layout is computed against idle, in the same run. CPU time (all threads of the process) beside wall time.
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { MapPhase, MapProgressEvent } from '../../shared/map'
import { Engine } from '../engine/engine'
import { loadPack } from '../engine/model/pack'
import { writeSyntheticNotes } from './bench-notes'
import type { BenchConfig } from './bench-setup'
import { evalQueries, evenSample, listFiles } from './bench-setup'
import { latenciesOf, pacedSearches } from './bench-paced-searches'
import { percentiles, round, type Percentiles } from './bench-stats'

/** Notes placed onto the finished layout. */
const PLACED_NOTES = 100
/** Pause between searches, idle and while the layout runs (a person typing, not a flood). */
const SEARCH_GAP_MS = 40
/** Searches in each idle series: long enough that other load on the machine averages out as it does during the layout. */
const IDLE_SEARCHES = 200

export interface MapBenchResult {
  notes: number
  dimension: number
  /** phaseStartsMs: when each phase began, ms after the layout was asked for. */
  layout: { wallMs: number; cpuMs: number; phaseStartsMs: Partial<Record<MapPhase, number>>; clusters: number }
  placement: { notes: number; wallMs: number; cpuMs: number; shareOfLayout: number }
  search: {
    queries: number
    idle: Percentiles
    /** Searches run while a full layout of the same notes was computed, and split by the phase they started in. */
    duringLayout: Percentiles
    duringPhase: Partial<Record<MapPhase, Percentiles>>
    idleAfter: Percentiles
    /** p95 during the layout / p95 idle (the mean of the idle series before and after it). */
    ratioP95: number
    idleCpuMsPerQuery: number
  }
}

/** Wall and CPU time (all threads) of `work`, in ms. */
async function measured<T>(work: () => Promise<T>): Promise<[T, number, number]> {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const value = await work()
  const used = process.cpuUsage(cpu)
  return [value, performance.now() - start, (used.user + used.system) / 1000]
}

/** Resolves once the engine reports the layout finished; records when each phase started, ms after `start`. */
function layoutFinished(engine: Engine, phases: Partial<Record<MapPhase, number>>, start: number): Promise<void> {
  return new Promise((resolve) => {
    const stop = engine.on('mapProgress', (event: MapProgressEvent) => {
      if ('finished' in event) {
        stop()
        resolve()
      } else phases[event.phase] ??= round(performance.now() - start)
    })
  })
}

/** The phase a layout was in `ms` after it was asked for (the last one begun by then), or null before the first. */
function phaseAt(phaseStarts: Partial<Record<MapPhase, number>>, ms: number): MapPhase | null {
  let current: MapPhase | null = null
  let currentStart = -Infinity
  for (const [phase, start] of Object.entries(phaseStarts) as [MapPhase, number][]) {
    if (start <= ms && start >= currentStart) [current, currentStart] = [phase, start]
  }
  return current
}

export async function benchMap(config: BenchConfig): Promise<MapBenchResult | null> {
  if (!config.litePackDir) return null
  const notes = config.mapNotes
  const corpus = join(config.workDir, 'map-corpus')
  const pack = await loadPack(config.litePackDir)
  const vocab = pack.file(pack.manifest.tokenizer.type === 'word-segmenter' ? pack.manifest.tokenizer.vocab : 'vocab.txt')
  await writeSyntheticNotes(corpus, vocab, notes, 31)
  const dataDir = join(config.workDir, 'map-data')
  const options = { dataDir, modelDirs: [join(config.litePackDir, '..')], modelId: pack.manifest.id, threads: config.threads, watch: false }
  let engine = await Engine.open(options)
  await engine.call('addRoots', { paths: [corpus] })
  await engine.whenSettled()
  const queries = evenSample(await evalQueries(config.evalDir), config.quick ? 20 : 60)

  // 1. The layout alone.
  const phases: Partial<Record<MapPhase, number>> = {}
  void layoutFinished(engine, phases, performance.now())
  const [view, layoutWall, layoutCpu] = await measured(() => engine.call('map', { wait: true }))
  if (view.state !== 'ready') throw new Error(`bench: the map was not computed (${view.state})`)

  // 2. Placing new notes onto it.
  const extra = join(corpus, 'added')
  await writeSyntheticNotes(extra, vocab, PLACED_NOTES, 77)
  await engine.call('indexFiles', { paths: await listFiles(extra) })
  await engine.whenIdle()
  const [placed, placeWall, placeCpu] = await measured(() => engine.call('map', {}))
  if (placed.state !== 'ready' || placed.layout.placed !== PLACED_NOTES) throw new Error('bench: the new notes were not placed onto the map')

  // 3. Searches while a full layout of the same notes is computed (cache removed, engine reopened), against idle.
  await engine.close()
  await rm(join(dataDir, 'map'), { recursive: true, force: true })
  engine = await Engine.open(options)
  const idleSearches = config.quick ? 30 : IDLE_SEARCHES
  const idleSeries = () => pacedSearches(engine, queries, { gapMs: SEARCH_GAP_MS, length: { count: idleSearches } })
  await pacedSearches(engine, queries, { gapMs: SEARCH_GAP_MS, length: { count: 5 } })
  const [idle, , idleCpu] = await measured(async () => latenciesOf(await idleSeries()))
  const layoutStart = performance.now()
  const duringPhases: Partial<Record<MapPhase, number>> = {}
  let finished = false
  const done = layoutFinished(engine, duringPhases, layoutStart).then(() => (finished = true))
  await engine.call('map', {})
  const duringSearches = await pacedSearches(engine, queries, { gapMs: SEARCH_GAP_MS, length: { until: () => finished } })
  await done
  const during = latenciesOf(duringSearches)
  const byPhase = new Map<MapPhase, number[]>()
  for (const search of duringSearches) {
    const phase = phaseAt(duringPhases, search.startedAt - layoutStart)
    if (phase) byPhase.set(phase, [...(byPhase.get(phase) ?? []), search.latencyMs])
  }
  const idleAfter = latenciesOf(await idleSeries())
  await engine.close()

  const idleP = percentiles(idle)
  const afterP = percentiles(idleAfter)
  const duringP = percentiles(during)
  return {
    notes: view.layout.notes.path.length,
    dimension: pack.manifest.dimension,
    layout: { wallMs: round(layoutWall), cpuMs: round(layoutCpu), phaseStartsMs: phases, clusters: view.layout.clusters.length },
    placement: { notes: PLACED_NOTES, wallMs: round(placeWall), cpuMs: round(placeCpu), shareOfLayout: round(placeWall / layoutWall, 4) },
    search: {
      queries: during.length,
      idle: idleP,
      duringLayout: duringP,
      duringPhase: Object.fromEntries([...byPhase].map(([name, latencies]) => [name, percentiles(latencies)])),
      idleAfter: afterP,
      ratioP95: round(duringP.p95 / ((idleP.p95 + afterP.p95) / 2)),
      idleCpuMsPerQuery: round(idleCpu / idle.length)
    }
  }
}
