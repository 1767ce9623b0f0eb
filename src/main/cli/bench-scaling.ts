// Bench section 11: indexing at 1, 2 and more prepare workers (as many as the machine has), with CPU time split by thread
// (engine thread, prepare workers, model worker, the rest), the ceiling that split projects per core count, and search
// latency while indexing against idle; for the lite pack and the e5-shaped model.
import { availableParallelism } from 'node:os'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { Engine } from '../engine/engine'
import { defaultPrepareThreads } from '../engine/facade/prepare-pool'
import { Embedder } from '../engine/model/embedder'
import { loadPack } from '../engine/model/pack'
import { latenciesOf, pacedSearches } from './bench-paced-searches'
import type { BenchConfig } from './bench-setup'
import { corpusChunks, evalQueries, listFiles } from './bench-setup'
import { median, percentiles, round, type Percentiles } from './bench-stats'
import { groupThreadTimes, threadTimes, type ThreadGroups } from './thread-cpu'

/** CPU ms per passage, by thread. */
export interface CpuSplit {
  engineThread: number
  prepareWorkers: number
  modelWorker: number
  /** Everything else in the process: LanceDB's threads, the file reader, V8's helper threads. */
  other: number
  process: number
  /** `other` by thread, where /proc tells (Linux): LanceDB's threads, V8's helpers (GC, compiler), libuv's pool, the file reader, the rest. */
  otherByThread?: { lancedb: number; v8Helpers: number; libuv: number; fileReader: number; rest: number }
}

export interface WorkerRun {
  workers: number
  passages: number
  /** Median of the rounds. */
  passagesPerSecond: number
  cpuMsPerPassage: CpuSplit
  /** Engine thread / process CPU. */
  engineShare: number
  roundsMs: number[]
}

export interface ScalingPack {
  packId: string
  files: number
  runs: WorkerRun[]
  /** The same passages embedded alone (Embedder.embedPassages from text, tokenizing included), per second. */
  embedOnlyPassagesPerSecond: number
  /** Passages/s the measured split allows with C cores: min(engine thread alone, model worker alone, C cores for all CPU). */
  projectedCeiling: { cores: number; passagesPerSecond: number; boundBy: string }[]
}

export interface SearchWhileIndexing {
  packId: string
  workers: number
  /** Copies of the corpus indexed while searching (see searchWhileIndexing). */
  rounds: number
  queries: number
  /** Hybrid searches (the eval queries) while the corpus is being indexed, ms. */
  indexing: Percentiles
  /** The same queries, in the same order and pacing, once idle: before the copies are indexed, and after. */
  idle: Percentiles
  idleAfter: Percentiles
  /** indexing p95 / the mean of the two idle p95s. */
  p95Ratio: number
  /** Wall ms to index one changed copy with no searches, and per copy while the searches ran (indexing steps aside for them). */
  copyMsQuiet: number
  copyMsSearching: number
}

export interface ScalingResult {
  cores: number
  lite: ScalingPack | null
  e5: ScalingPack
  search: SearchWhileIndexing | null
}

/** Worker counts to measure: 1, 2, then doubling, up to the cores this machine has (and the cores themselves). */
export function workerCounts(cores = availableParallelism()): number[] {
  const counts = new Set([1, 2])
  for (let n = 4; n <= cores; n *= 2) counts.add(n)
  counts.add(Math.max(1, cores))
  return [...counts].sort((a, b) => a - b)
}

interface Sample {
  passages: number
  wallMs: number
  engineMs: number
  prepareMs: number
  modelMs: number
  processMs: number
  threads: ThreadGroups | null
}

/** One indexing run into a fresh data dir; CPU per thread over the run (addRoots -> idle). */
async function indexRun(config: BenchConfig, packDir: string, packId: string, corpusDir: string, workers: number, dataDir: string): Promise<Sample> {
  await rm(dataDir, { recursive: true, force: true })
  const engine = await Engine.open({ dataDir, modelDirs: [packDir], modelId: packId, threads: config.threads, prepareThreads: workers, watch: false })
  try {
    const workersBefore = engine.workerCpu()
    const processBefore = process.cpuUsage()
    const threadBefore = process.threadCpuUsage()
    const tasksBefore = threadTimes()
    const start = performance.now()
    await engine.call('addRoots', { paths: [corpusDir] })
    await engine.whenIdle()
    const wallMs = performance.now() - start
    const processUsed = process.cpuUsage(processBefore)
    const threadUsed = process.threadCpuUsage(threadBefore)
    const tasksAfter = threadTimes()
    const workersAfter = engine.workerCpu()
    const passages = [...(await engine.chunkCounts()).values()].reduce((a, b) => a + b, 0)
    return {
      passages,
      wallMs,
      engineMs: (threadUsed.user + threadUsed.system) / 1000,
      prepareMs: (workersAfter.prepareMicros - workersBefore.prepareMicros) / 1000,
      modelMs: (workersAfter.modelMicros - workersBefore.modelMicros) / 1000,
      processMs: (processUsed.user + processUsed.system) / 1000,
      threads: tasksBefore && tasksAfter ? groupThreadTimes(tasksBefore, tasksAfter) : null
    }
  } finally {
    await engine.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

/** Median run of one worker count, CPU split per passage. */
function summarize(workers: number, samples: Sample[]): WorkerRun {
  const passages = samples[0]!.passages
  const per = (pick: (s: Sample) => number) => round(median(samples.map(pick)) / passages, 3)
  const split: CpuSplit = {
    engineThread: per((s) => s.engineMs),
    prepareWorkers: per((s) => s.prepareMs),
    modelWorker: per((s) => s.modelMs),
    other: per((s) => Math.max(0, s.processMs - s.engineMs - s.prepareMs - s.modelMs)),
    process: per((s) => s.processMs)
  }
  if (samples.every((s) => s.threads)) {
    const byThread = {
      lancedb: per((s) => s.threads!.lancedb),
      v8Helpers: per((s) => s.threads!.v8Helpers),
      libuv: per((s) => s.threads!.libuv),
      fileReader: per((s) => Math.max(0, s.threads!.workerThreads - s.prepareMs - s.modelMs))
    }
    const named = byThread.lancedb + byThread.v8Helpers + byThread.libuv + byThread.fileReader
    split.otherByThread = { ...byThread, rest: round(Math.max(0, split.other - named), 3) }
  }
  return {
    workers,
    passages,
    passagesPerSecond: round(passages / (median(samples.map((s) => s.wallMs)) / 1000), 1),
    cpuMsPerPassage: split,
    engineShare: round(median(samples.map((s) => s.engineMs / s.processMs))),
    roundsMs: samples.map((s) => Math.round(s.wallMs))
  }
}

/**
 * What the split allows on C cores: the engine thread and the model worker are one thread each (neither can go faster than
 * its own CPU per passage allows); the rest spreads over the cores that are left.
 */
export function projectCeiling(split: CpuSplit, coreCounts: number[]): ScalingPack['projectedCeiling'] {
  return coreCounts.map((cores) => {
    const bounds: [string, number][] = [
      ['engine thread', 1000 / split.engineThread],
      ['model worker', 1000 / split.modelWorker],
      [`${cores} cores`, (cores * 1000) / split.process]
    ]
    const [boundBy, passagesPerSecond] = bounds.reduce((low, bound) => (bound[1] < low[1] ? bound : low))
    return { cores, passagesPerSecond: Math.round(passagesPerSecond), boundBy }
  })
}

/** Indexing at each worker count: a warm-up run, then `rounds` measured runs, one count after another. */
async function scalePack(config: BenchConfig, packDir: string, corpusDir: string, rounds: number): Promise<ScalingPack> {
  const { manifest } = await loadPack(packDir)
  const runs: WorkerRun[] = []
  for (const workers of workerCounts()) {
    const dataDir = join(config.workDir, `scaling-${manifest.id}-${workers}`)
    await indexRun(config, packDir, manifest.id, corpusDir, workers, dataDir) // warm-up: workers started, code compiled
    const samples: Sample[] = []
    for (let r = 0; r < rounds; r++) samples.push(await indexRun(config, packDir, manifest.id, corpusDir, workers, dataDir))
    runs.push(summarize(workers, samples))
  }
  const chunker = await Embedder.create(packDir, { threads: config.threads })
  const texts = await corpusChunks(corpusDir, chunker)
  await chunker.dispose()
  const embedMs: number[] = []
  for (let r = 0; r < rounds; r++) {
    const embedder = await Embedder.create(packDir, { threads: config.threads })
    const start = performance.now()
    await embedder.embedPassages(texts)
    embedMs.push(performance.now() - start)
    await embedder.dispose()
  }
  const best = runs.reduce((a, b) => (b.passagesPerSecond > a.passagesPerSecond ? b : a))
  return {
    packId: manifest.id,
    files: (await listFiles(corpusDir)).length,
    runs,
    embedOnlyPassagesPerSecond: round(texts.length / (median(embedMs) / 1000), 1),
    projectedCeiling: projectCeiling(best.cpuMsPerPassage, [2, 4, 8, 16])
  }
}

/** A copy of the corpus's notes with a line naming `round` added to each: new files and new text, so nothing is reused. */
async function changedCopy(corpusDir: string, copyDir: string, round: number): Promise<void> {
  await rm(copyDir, { recursive: true, force: true })
  for (const path of await listFiles(corpusDir)) {
    const target = join(copyDir, relative(corpusDir, path))
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, `${await readFile(path, 'utf8')}\n\nCopy ${round} made to measure search while indexing.\n`)
  }
}

/** Searches timed while indexing, at least: a p95 of this many is not one slow search. */
const MIN_BUSY_SEARCHES = 60
/** Copies indexed at most to reach MIN_BUSY_SEARCHES searches while indexing (one copy of 1,000 notes indexes in about a second with no searches). */
const MAX_INDEXING_ROUNDS = 6

/** Pause between two searches of a series, as a person typing would leave. */
const SEARCH_GAP_MS = 20

/**
 * Hybrid searches on the indexed corpus while a changed copy of it is indexed beside it (default workers), against the
 * same searches idle; wall ms each. The copy is removed again and another one indexed until MIN_BUSY_SEARCHES searches
 * ran during indexing (one round gives hundreds, as indexing steps aside for searches). The idle series are the same
 * queries in the same order with the same pause between searches, timed once before the copies (after a warm-up round:
 * first-use costs such as the query lexicon's load are not counted) and once after them, with the search indexes up to
 * date; the ratio takes the mean of the two idle p95s, so a change in the machine's load over the section weighs on
 * both sides. All series search at least the whole corpus; measured the other way round (searches during the first
 * indexing against idle after it), the idle searches paid the first-use costs and the busy ones searched a table still
 * nearly empty.
 */
async function searchWhileIndexing(config: BenchConfig, packDir: string, corpusDir: string): Promise<SearchWhileIndexing> {
  const { manifest } = await loadPack(packDir)
  const queries = (await evalQueries(config.evalDir)).slice(0, config.queries)
  const dataDir = join(config.workDir, `search-while-indexing-${manifest.id}`)
  const copyDir = join(config.workDir, `search-while-indexing-copy-${manifest.id}`)
  await rm(dataDir, { recursive: true, force: true })
  const workers = defaultPrepareThreads(config.threads, true)
  const engine = await Engine.open({ dataDir, modelDirs: [packDir], modelId: manifest.id, threads: config.threads, prepareThreads: workers, watch: false })
  try {
    const idleSeries = async (count: number) => latenciesOf(await pacedSearches(engine, queries, { gapMs: SEARCH_GAP_MS, length: { count } }))
    await engine.call('addRoots', { paths: [corpusDir] })
    await engine.whenSettled()
    await idleSeries(queries.length)
    const before = await idleSeries(Math.max(queries.length, 2 * MIN_BUSY_SEARCHES))
    // One copy indexed with no searches, for what searching costs indexing.
    await changedCopy(corpusDir, copyDir, -1)
    let start = performance.now()
    await engine.call('addRoots', { paths: [copyDir] })
    await engine.whenIdle()
    const copyMsQuiet = performance.now() - start
    await engine.call('removeRoot', { path: copyDir })
    await engine.whenSettled()
    const indexing: number[] = []
    let rounds = 0
    let searchingMs = 0
    for (; rounds < MAX_INDEXING_ROUNDS && indexing.length < MIN_BUSY_SEARCHES; rounds++) {
      await changedCopy(corpusDir, copyDir, rounds)
      start = performance.now()
      await engine.call('addRoots', { paths: [copyDir] })
      const idle = engine.whenIdle()
      let done = false
      void idle.then(() => (done = true))
      const busy = await pacedSearches(engine, queries, { gapMs: SEARCH_GAP_MS, length: { until: () => done }, firstQuery: indexing.length })
      indexing.push(...latenciesOf(busy))
      await idle
      searchingMs += performance.now() - start
      await engine.call('removeRoot', { path: copyDir })
      await engine.whenSettled()
    }
    const after = await idleSeries(indexing.length)
    const during = percentiles(indexing)
    const idleBefore = percentiles(before.slice(0, indexing.length))
    const idleAfter = percentiles(after)
    return { packId: manifest.id, workers, rounds, queries: indexing.length, indexing: during, idle: idleBefore, idleAfter, p95Ratio: round(during.p95 / ((idleBefore.p95 + idleAfter.p95) / 2)), copyMsQuiet: Math.round(copyMsQuiet), copyMsSearching: Math.round(searchingMs / rounds) }
  } finally {
    await engine.close()
    await rm(dataDir, { recursive: true, force: true })
    await rm(copyDir, { recursive: true, force: true })
  }
}

/** Section 11: the lite pack on its synthetic notes, the e5-shaped model on the eval notes, and search while indexing. */
export async function benchScaling(config: BenchConfig): Promise<ScalingResult> {
  const rounds = Math.max(1, Math.min(3, config.rounds))
  const lite = config.litePackDir ? await scalePack(config, config.litePackDir, config.liteCorpusDir ?? config.corpusDir, rounds) : null
  const e5 = await scalePack(config, config.packDir, config.corpusDir, Math.min(2, rounds))
  const search = config.litePackDir ? await searchWhileIndexing(config, config.litePackDir, config.liteCorpusDir ?? config.corpusDir) : null
  return { cores: availableParallelism(), lite, e5, search }
}
