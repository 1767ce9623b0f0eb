// Bench sections 2, 5 and 6: files on disk -> searchable through the Engine (watch off) vs embedding the same chunks alone,
// peak and idle memory, disk bytes per chunk after optimize; the same for the lite pack.
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Engine } from '../engine/engine'
import { Embedder } from '../engine/model/embedder'
import { loadPack } from '../engine/model/pack'
import { ChunkStore } from '../engine/store/chunk-store'
import type { BenchConfig } from './bench-setup'
import { corpusChunks, listFiles } from './bench-setup'
import { median, pairedRatio, peakRssMb, round, rssMb, timed } from './bench-stats'

export interface PipelineResult {
  packId: string
  files: number
  chunks: number
  /** Engine.open on an empty data dir, ms. */
  openMs: number
  /** addRoots -> every chunk searchable, chunks per second (median of rounds). */
  pipelineChunksPerSecond: number
  /** The same chunks through Embedder.embedPassages in one call, per second (median of rounds). */
  embedOnlyChunksPerSecond: number
  /** pipeline / embedding-only throughput: median over rounds of the ratio within each round. */
  ratio: number
  pipelineRoundsMs: number[]
  embedOnlyRoundsMs: number[]
  /** Peak RSS of this process up to the end of the first indexing run (model loaded + indexing), MB. */
  indexingPeakRssMb: number
  /** RSS with the engine open and idle after indexing, MB. */
  idleRssMb: number
  /** Disk bytes per chunk after optimize (old versions cleaned up). */
  diskBytesPerChunk: number
  /** A keyword search right after indexing found the corpus (sanity). */
  searchable: boolean
}

/** Indexes `corpusDir` into a fresh data dir; returns the chunk count, time from addRoots to idle, and the open engine. */
async function indexOnce(config: BenchConfig, corpusDir: string, packDir: string, packId: string, dataDir: string) {
  await rm(dataDir, { recursive: true, force: true })
  const [engine, openMs] = await timed(() => Engine.open({ dataDir, modelDirs: [packDir], modelId: packId, threads: config.threads, watch: false }))
  const [, indexMs] = await timed(async () => {
    await engine.call('addRoots', { paths: [corpusDir] })
    await engine.whenIdle()
  })
  const chunks = [...(await engine.chunkCounts()).values()].reduce((a, b) => a + b, 0)
  return { engine, openMs, indexMs, chunks }
}

/** A few longer words of the first note of the corpus: a keyword query that must find it once indexed. */
async function wordsOfFirstNote(corpusDir: string): Promise<string> {
  const text = await readFile((await listFiles(corpusDir))[0]!, 'utf8')
  return (text.match(/\p{L}{5,}/gu) ?? []).slice(0, 3).join(' ')
}

/** Bytes per chunk of the table in `dataDir` after a forced optimize with no version retention. */
async function diskPerChunk(dataDir: string, modelId: string, dimension: number): Promise<number> {
  const store = await ChunkStore.open(dataDir, { modelId, dimension, versionRetentionMs: 0 })
  try {
    await store.maintain({ force: true })
    return Math.round((await store.diskBytes()) / Math.max(1, await store.countRows()))
  } finally {
    await store.close()
  }
}

/**
 * Runs the pipeline section for the pack in `packDir` over the notes in `corpusDir` (the e5-small-sized pack on the eval
 * notes; the lite pack for section 6 on its synthetic notes, many more since it is ~10x faster).
 */
export async function benchPipeline(config: BenchConfig, packDir: string, corpusDir = config.corpusDir): Promise<PipelineResult> {
  const { manifest } = await loadPack(packDir)
  const files = (await listFiles(corpusDir)).length
  const pipelineMs: number[] = []
  const embedMs: number[] = []
  let first: Omit<PipelineResult, 'pipelineChunksPerSecond' | 'embedOnlyChunksPerSecond' | 'ratio' | 'pipelineRoundsMs' | 'embedOnlyRoundsMs'> | undefined
  let chunkTexts: string[] = []
  for (let r = 0; r < config.rounds; r++) {
    const dataDir = join(config.workDir, `index-${manifest.id}-${r}`)
    const run = await indexOnce(config, corpusDir, packDir, manifest.id, dataDir)
    pipelineMs.push(run.indexMs)
    if (!first) {
      const indexingPeakRssMb = peakRssMb()
      const probe = await run.engine.call('search', { query: await wordsOfFirstNote(corpusDir), mode: 'keyword', limit: 1 })
      await new Promise((settle) => setTimeout(settle, 2000))
      first = { packId: manifest.id, files, chunks: run.chunks, openMs: Math.round(run.openMs), indexingPeakRssMb, idleRssMb: rssMb(), diskBytesPerChunk: 0, searchable: probe.total > 0 }
    }
    await run.engine.close()
    if (r === 0) first.diskBytesPerChunk = await diskPerChunk(dataDir, manifest.id, manifest.dimension)
    await rm(dataDir, { recursive: true, force: true })

    if (chunkTexts.length === 0) {
      // Chunked with an embedder of its own: the timed one must not start with these texts already tokenized (its tokenizer memoizes).
      const chunker = await Embedder.create(packDir, { threads: config.threads })
      chunkTexts = await corpusChunks(corpusDir, chunker)
      await chunker.dispose()
    }
    const embedder = await Embedder.create(packDir, { threads: config.threads })
    embedMs.push((await timed(() => embedder.embedPassages(chunkTexts)))[1])
    await embedder.dispose()
  }
  const chunks = first!.chunks
  const pipelineChunksPerSecond = round(chunks / (median(pipelineMs) / 1000), 1)
  const embedOnlyChunksPerSecond = round(chunkTexts.length / (median(embedMs) / 1000), 1)
  return {
    ...first!,
    pipelineChunksPerSecond,
    embedOnlyChunksPerSecond,
    ratio: round((chunks / chunkTexts.length) * pairedRatio(embedMs, pipelineMs)),
    pipelineRoundsMs: pipelineMs.map(Math.round),
    embedOnlyRoundsMs: embedMs.map(Math.round)
  }
}
