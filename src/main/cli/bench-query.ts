// Bench sections 3 and 4: engine-side query latency (keyword / semantic / hybrid, query embedding included) on large tables
// of real note text with synthetic unit vectors, with and without the vector index; start-up and time to first result.
import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { SearchMode } from '../../shared/types'
import { Engine } from '../engine/engine'
import { guessLanguage } from '../engine/extract/lang'
import { Embedder } from '../engine/model/embedder'
import { loadPack } from '../engine/model/pack'
import { ChunkStore } from '../engine/store/chunk-store'
import { makeChunkId, type ChunkRow } from '../engine/store/schema'
import type { BenchConfig } from './bench-setup'
import { evalQueries, listFiles } from './bench-setup'
import { peakRssMb, percentiles, rssMb, seededRandom, timed, type Percentiles } from './bench-stats'

const CHUNKS_PER_FILE = 8
const FILES_PER_WRITE = 64
export const QUERY_MODES: SearchMode[] = ['keyword', 'semantic', 'hybrid']

/** Latency of one mode: the first query after the engine opened, then the series. */
export interface ModeLatency extends Percentiles {
  firstMs: number
  /** Share of the series' queries that returned at least one hit (sanity: the searches did real work). */
  withHits: number
}

export interface TableLatency {
  rows: number
  buildMs: { write: number; upkeep: number; vectorIndex: number }
  vectorIndexTrainedRows: number | null
  withoutVectorIndex: Record<SearchMode, ModeLatency>
  withVectorIndex: Record<SearchMode, ModeLatency>
  diskBytesPerChunk: number
}

export interface StartupResult {
  rows: number
  /** Engine.open: lock, state, model pack verified + session created, table opened, manifest loaded. */
  readyMs: number
  /** Process start -> engine ready (includes Node start-up and module loading). */
  processToReadyMs: number
  /** First hybrid query after ready (query embedding included). */
  firstQueryMs: number
  /** readyMs + firstQueryMs. */
  timeToFirstResultMs: number
  idleRssMb: number
  peakRssMb: number
}

/** Paragraphs of every eval corpus (real note text for the synthetic table). */
async function corpusParagraphs(evalDir: string): Promise<string[]> {
  const paragraphs: string[] = []
  for (const path of await listFiles(evalDir)) {
    if (!/[\\/]corpus[\\/].*\.(md|txt)$/i.test(path)) continue
    for (const part of (await readFile(path, 'utf8')).split(/\n\s*\n/)) if (part.trim().length > 20) paragraphs.push(part.trim().slice(0, 1200))
  }
  if (paragraphs.length === 0) throw new Error(`bench: no corpus paragraphs under ${evalDir}`)
  return paragraphs
}

/** Clustered unit vectors (topic-like: cosine to the cluster centre ~0.65), deterministic. */
function vectorSource(dimension: number, clusters: number): () => Float32Array {
  const random = seededRandom(20261122)
  const gaussian = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random())
  const unit = (v: Float32Array) => {
    const norm = Math.hypot(...v)
    return v.map((x) => x / norm)
  }
  const centres = Array.from({ length: clusters }, () => unit(Float32Array.from({ length: dimension }, gaussian)))
  return () => unit(centres[Math.floor(random() * clusters)]!.map((x) => x + 0.06 * gaussian()))
}

/**
 * Writes `rows` chunks (real text, synthetic vectors) into the model's table under `dataDir`, with upkeep but no vector
 * index. The notes exist only in the table, under an empty root folder that does exist (the engine hides the notes of
 * a missing root), so engines on these tables are opened without resuming indexing.
 */
async function buildTable(dataDir: string, modelId: string, dimension: number, rows: number, paragraphs: string[]) {
  const nextVector = vectorSource(dimension, Math.max(50, Math.round(rows / 200)))
  const root = join(dataDir, 'bench-notes')
  const languages = await Promise.all(paragraphs.map((text) => guessLanguage(text)))
  await mkdir(root, { recursive: true })
  const store = await ChunkStore.open(dataDir, { modelId, dimension, maintenanceDelayMs: 3_600_000, maintenanceMaxDelayMs: 3_600_000, vectorIndexMinRows: Infinity })
  const fileCount = Math.ceil(rows / CHUNKS_PER_FILE)
  const rowFor = (file: number, ordinal: number): ChunkRow => {
    const path = join(root, `folder${file % 50}`, `note-${file}.md`)
    const paragraph = (file * CHUNKS_PER_FILE + ordinal) % paragraphs.length
    const text = paragraphs[paragraph]!
    const embedKey = `${file}:${ordinal}`
    return {
      id: makeChunkId(path, ordinal, embedKey), path, root, title: `Note ${file}`, heading: '', text, ordinal,
      lineStart: ordinal * 10 + 1, lineEnd: ordinal * 10 + 9, mtime: 1_700_000_000_000 + file * 1000, size: 4000,
      contentHash: `h${file}`, ext: 'md', lang: languages[paragraph]!, embedKey, vector: nextVector()
    }
  }
  const [, write] = await timed(async () => {
    for (let f = 0; f < fileCount; f += FILES_PER_WRITE) {
      const files = []
      for (let i = f; i < Math.min(fileCount, f + FILES_PER_WRITE); i++) {
        const chunks = Math.min(CHUNKS_PER_FILE, rows - i * CHUNKS_PER_FILE)
        files.push({ path: rowFor(i, 0).path, rows: Array.from({ length: chunks }, (_, o) => rowFor(i, o)) })
      }
      await store.replaceFiles(files)
    }
  })
  const [, upkeep] = await timed(() => store.maintain({ force: true }))
  await store.close()
  return { write: Math.round(write), upkeep: Math.round(upkeep), rows }
}

/** Builds the vector index the store would build (IVF_RQ), at any size; returns build time, trained rows and disk per chunk. */
async function addVectorIndex(dataDir: string, modelId: string, dimension: number) {
  const store = await ChunkStore.open(dataDir, { modelId, dimension, vectorIndexMinRows: 0, versionRetentionMs: 0 })
  try {
    const [, ms] = await timed(() => store.maintain({ force: true }))
    const state = await store.indexState()
    return { ms: Math.round(ms), trainedRows: state.vectorIndexTrainedRows, diskBytesPerChunk: Math.round((await store.diskBytes()) / state.rows) }
  } finally {
    await store.close()
  }
}

/** Opens the engine on `dataDir` (read-only, no rescans) and times `count` searches per mode, cycling through `queries`. */
async function measureModes(config: BenchConfig, dataDir: string, modelId: string, queries: string[]): Promise<Record<SearchMode, ModeLatency>> {
  const engine = await Engine.open({ dataDir, modelDirs: [config.packDir], modelId, threads: config.threads, watch: false }, { resumeIndexing: false })
  try {
    const result = {} as Record<SearchMode, ModeLatency>
    let q = 0
    for (const mode of QUERY_MODES) {
      // As the app searches: the sentence closest in meaning is asked for afterwards (timed below as sentence scoring).
      const search = () => engine.call('search', { query: queries[q++ % queries.length]!, mode, limit: 10, scoreSentences: false })
      const [, firstMs] = await timed(search)
      const samples: number[] = []
      let answered = 0
      for (let i = 0; i < config.queries; i++) {
        const [response, ms] = await timed(search)
        samples.push(ms)
        if (response.hits.length > 0) answered++
      }
      if (answered === 0) throw new Error(`bench: no ${mode} search found anything in ${dataDir}`)
      result[mode] = { ...percentiles(samples), firstMs: Math.round(firstMs * 100) / 100, withHits: Math.round((answered / samples.length) * 100) / 100 }
    }
    return result
  } finally {
    await engine.close()
  }
}

export interface QueryResults {
  tables: TableLatency[]
  /** Embedder.embedQueries of one query alone (part of every semantic and hybrid latency), ms. */
  queryEmbedding: Percentiles
  /** Embedder.embedPassages of one chunk's sentences (the best-sentence tint the app asks for after a search), ms. */
  sentenceScoring: Percentiles
}

/** Times the model work inside a semantic/hybrid search on its own: embedding the query, and scoring one chunk's sentences. */
async function modelShare(config: BenchConfig, queries: string[], paragraphs: string[]) {
  const embedder = await Embedder.create(config.packDir, { threads: config.threads })
  try {
    const queryMs: number[] = []
    const sentenceMs: number[] = []
    for (let i = 0; i <= config.queries; i++) {
      const [, ms] = await timed(() => embedder.embedQueries([queries[i % queries.length]!]))
      const sentences = paragraphs[(i * 7919) % paragraphs.length]!.split(/(?<=[.!?。！？])\s*/u).filter((t) => t.trim() !== '')
      const [, sentenceTime] = await timed(() => embedder.embedPassages(sentences))
      if (i > 0) queryMs.push(ms), sentenceMs.push(sentenceTime)
    }
    return { queryEmbedding: percentiles(queryMs), sentenceScoring: percentiles(sentenceMs) }
  } finally {
    await embedder.dispose()
  }
}

/** Section 3: latency per table size, flat then indexed. The largest table's data dir is kept for the start-up section. */
export async function benchQueries(config: BenchConfig): Promise<QueryResults> {
  const { manifest } = await loadPack(config.packDir)
  const paragraphs = await corpusParagraphs(config.evalDir)
  const queries = await evalQueries(config.evalDir)
  const results: TableLatency[] = []
  for (const size of config.tableSizes) {
    const dataDir = queryDataDir(config, size)
    await rm(dataDir, { recursive: true, force: true })
    const built = await buildTable(dataDir, manifest.id, manifest.dimension, size, paragraphs)
    const withoutVectorIndex = await measureModes(config, dataDir, manifest.id, queries)
    const indexed = await addVectorIndex(dataDir, manifest.id, manifest.dimension)
    const withVectorIndex = await measureModes(config, dataDir, manifest.id, queries)
    results.push({
      rows: built.rows,
      buildMs: { write: built.write, upkeep: built.upkeep, vectorIndex: indexed.ms },
      vectorIndexTrainedRows: indexed.trainedRows,
      withoutVectorIndex,
      withVectorIndex,
      diskBytesPerChunk: indexed.diskBytesPerChunk
    })
    if (size !== Math.max(...config.tableSizes)) await rm(dataDir, { recursive: true, force: true })
  }
  return { tables: results, ...(await modelShare(config, queries, paragraphs)) }
}

/** Where the query section keeps the table of `size` rows. */
export function queryDataDir(config: BenchConfig, size: number): string {
  return join(config.workDir, `query-${size}`)
}

/** Section 4, in a fresh process: open the engine on the largest table (as the app starts) and run one hybrid query. */
export async function benchStartup(config: BenchConfig): Promise<StartupResult> {
  const { manifest } = await loadPack(config.packDir)
  const size = Math.max(...config.tableSizes)
  const dataDir = queryDataDir(config, size)
  const query = (await evalQueries(config.evalDir))[3]!
  const [engine, readyMs] = await timed(() =>
    Engine.open({ dataDir, modelDirs: [config.packDir], modelId: manifest.id, threads: config.threads, watch: false }, { resumeIndexing: false })
  )
  const processToReadyMs = performance.now()
  try {
    const [response, firstQueryMs] = await timed(() => engine.call('search', { query, mode: 'hybrid', limit: 10, scoreSentences: false }))
    if (response.hits.length === 0) throw new Error('bench: the first query after start found nothing')
    await new Promise((settle) => setTimeout(settle, 1000))
    const rows = [...(await engine.chunkCounts()).values()].reduce((a, b) => a + b, 0)
    return {
      rows,
      readyMs: Math.round(readyMs),
      processToReadyMs: Math.round(processToReadyMs),
      firstQueryMs: Math.round(firstQueryMs),
      timeToFirstResultMs: Math.round(readyMs + firstQueryMs),
      idleRssMb: rssMb(),
      peakRssMb: peakRssMb()
    }
  } finally {
    await engine.close()
  }
}
