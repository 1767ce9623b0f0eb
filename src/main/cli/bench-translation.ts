// Bench section "translation": what query translation costs a hybrid search on the largest table (same run, interleaved rounds, CPU beside wall), and the lexicon's load time and memory.
import { loadPack } from '../engine/model/pack'
import { Engine } from '../engine/engine'
import { QueryLexiconSource } from '../engine/lexicon/query-lexicon'
import type { BenchConfig } from './bench-setup'
import { evalQueries } from './bench-setup'
import { queryDataDir } from './bench-query'
import { median, pairedRatio, percentiles, round, type Percentiles } from './bench-stats'

/** Hybrid latency of one engine: wall time per query and the process CPU time it used (all threads). */
export interface TranslationSeries {
  wall: Percentiles
  /** CPU milliseconds per query (user + system, every thread of the process), mean. */
  cpuMsPerQuery: number
}

export interface TranslationResult {
  rows: number
  /** Queries per engine, over all rounds. */
  queries: number
  rounds: number
  /** Hybrid search, query translation off (no lexicon in the model folders) and on. */
  without: TranslationSeries
  with: TranslationSeries
  /** Median over rounds of p95(with) / p95(without). */
  p95Ratio: number
  /** Median over rounds of CPU(with) / CPU(without). */
  cpuRatio: number
  /** bytes: the decoded tables, held outside the JS heap for the engine's lifetime (RSS growth hid them when freed pages were reused). */
  lexicon: { file: string; bytes: number; loadMs: number }
}

/** This section runs this many times the bench's rounds, each of the bench's per-round query count. */
const TRANSLATION_ROUND_FACTOR = 3

/** Section 5: two engines on the queries section's largest table (vector index built), one finding the lite pack's lexicon. */
export async function benchTranslation(config: BenchConfig): Promise<TranslationResult | null> {
  if (!config.litePackDir) return null
  const { manifest } = await loadPack(config.packDir)
  const dataDir = queryDataDir(config, Math.max(...config.tableSizes))
  const queries = await evalQueries(config.evalDir)
  const open = (modelDirs: string[]) =>
    Engine.open({ dataDir, modelDirs, modelId: manifest.id, threads: config.threads, watch: false }, { resumeIndexing: false })
  const lexiconSource = new QueryLexiconSource(() => [config.litePackDir!])
  const lexicon = await lexiconSource.state()
  if (!lexicon.ok) throw new Error(`bench: the lite pack has no usable query lexicon: ${lexicon.reason}`)
  const plain = await open([config.packDir])
  const translating = await open([config.packDir, config.litePackDir])
  try {
    // A p95 of one round's 50 queries is its 3rd slowest: one stall on a shared machine moves it. More rounds (the
    // section takes seconds) steady the median of the rounds' ratios.
    const rounds = config.rounds * TRANSLATION_ROUND_FACTOR
    const perRound = Math.max(1, Math.ceil(config.queries / config.rounds))
    const samples = { without: [] as number[], with: [] as number[] }
    const cpu = { without: [] as number[], with: [] as number[] }
    const roundP95 = { without: [] as number[], with: [] as number[] }
    const roundCpu = { without: [] as number[], with: [] as number[] }
    let q = 0
    const search = (engine: Engine, query: string) => engine.call('search', { query, mode: 'hybrid', limit: 10, scoreSentences: false })
    // Warm both (the translating engine loads its lexicon on its first search that needs it).
    await search(plain, queries[0]!)
    await search(translating, queries[0]!)
    for (let round = 0; round < rounds; round++) {
      const batch = Array.from({ length: perRound }, () => queries[q++ % queries.length]!)
      for (const [name, engine] of [['without', plain], ['with', translating]] as const) {
        const wall: number[] = []
        let cpuMs = 0
        for (const query of batch) {
          const cpuStart = process.cpuUsage()
          const start = performance.now()
          await search(engine, query)
          wall.push(performance.now() - start)
          const used = process.cpuUsage(cpuStart)
          cpuMs += (used.user + used.system) / 1000
        }
        samples[name].push(...wall)
        cpu[name].push(cpuMs / batch.length)
        roundP95[name].push(percentiles(wall).p95)
        roundCpu[name].push(cpuMs / batch.length)
      }
    }
    const series = (name: 'without' | 'with'): TranslationSeries => ({ wall: percentiles(samples[name]), cpuMsPerQuery: round(median(cpu[name])) })
    return {
      rows: [...(await plain.chunkCounts()).values()].reduce((a, b) => a + b, 0),
      queries: samples.with.length,
      rounds,
      without: series('without'),
      with: series('with'),
      p95Ratio: pairedRatio(roundP95.with, roundP95.without),
      cpuRatio: pairedRatio(roundCpu.with, roundCpu.without),
      lexicon: { file: lexicon.file, bytes: lexicon.lexicon.bytes.length, loadMs: round(lexicon.loadMs) }
    }
  } finally {
    await plain.close()
    await translating.close()
  }
}
