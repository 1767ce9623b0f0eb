// Measures the chunk store and search at 10k/100k chunks: write throughput, upkeep, flat vs indexed vector, full-text, hybrid latency, disk.
// Rows carry real note text (../shared/eval corpora paragraphs) and synthetic clustered unit vectors (384-d), so no model is needed.
// Run: npx tsx scripts/store-bench.ts [--rows 10000,100000] [--eval ../shared/eval] [--json out.json]
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ChunkStore } from '../src/main/engine/store/chunk-store'
import { makeChunkId, type ChunkRow } from '../src/main/engine/store/schema'
import { searchChunks } from '../src/main/engine/search/search-chunks'

const DIMENSION = 384
const CHUNKS_PER_FILE = 8
const FILES_PER_WRITE = 32
const QUERIES = 200

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000,100000' },
    eval: { type: 'string', default: resolve(__dirname, '../../shared/eval') },
    json: { type: 'string' }
  }
})

/** Deterministic pseudo-random numbers (LCG), so runs are comparable. */
let seed = 12345
function random(): number {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
  return seed / 4294967296
}
function gaussian(): number {
  return Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random())
}
function normalize(v: Float32Array): Float32Array {
  const norm = Math.hypot(...v)
  return v.map((x) => x / norm)
}
/** A point of a cluster: centre plus noise (cosine to the centre ~0.65, like topic clusters of real embeddings). */
function near(centre: Float32Array, noise: number): Float32Array {
  return normalize(centre.map((x) => x + noise * gaussian()))
}

async function evalTexts(dir: string): Promise<{ passages: string[]; queries: string[] }> {
  const passages: string[] = []
  const queries: string[] = []
  for (const set of (await readdir(dir)).sort()) {
    const corpus = join(dir, set, 'corpus')
    const files = await readdir(corpus, { recursive: true }).catch(() => [] as string[])
    for (const file of files.filter((f) => f.endsWith('.md')).sort()) {
      for (const part of (await readFile(join(corpus, file), 'utf8')).split(/\n\s*\n/)) if (part.trim().length > 20) passages.push(part.trim().slice(0, 1200))
    }
    const lines = (await readFile(join(dir, set, 'queries.jsonl'), 'utf8').catch(() => '')).split('\n').filter(Boolean)
    for (const line of lines) queries.push((JSON.parse(line) as { text: string }).text)
  }
  if (passages.length === 0) throw new Error(`no eval corpora under ${dir}`)
  return { passages, queries }
}

function percentiles(samples: number[]): { p50: number; p95: number; p99: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 100) / 100
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean: Math.round((samples.reduce((a, b) => a + b, 0) / samples.length) * 100) / 100 }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const value = await fn()
  return [value, performance.now() - start]
}

async function latency(run: (i: number) => Promise<unknown>, count = QUERIES): Promise<ReturnType<typeof percentiles>> {
  await run(0)
  const samples: number[] = []
  for (let i = 0; i < count; i++) samples.push((await timed(() => run(i)))[1])
  return percentiles(samples)
}

async function benchSize(total: number, passages: string[], queryTexts: string[]): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(join(tmpdir(), 'semnote-store-bench-'))
  const centres = Array.from({ length: Math.max(50, Math.round(total / 200)) }, () => normalize(Float32Array.from({ length: DIMENSION }, gaussian)))
  const rowFor = (fileIndex: number, ordinal: number, generation = 0): ChunkRow => {
    const path = `/bench/folder${fileIndex % 50}/note-${fileIndex}.md`
    const text = passages[(fileIndex * CHUNKS_PER_FILE + ordinal) % passages.length]!
    const embedKey = `${generation}:${ordinal}:${text.length}`
    return {
      id: makeChunkId(path, ordinal, embedKey), path, root: '/bench', title: `Note ${fileIndex}`, heading: '', text, ordinal,
      lineStart: ordinal * 10 + 1, lineEnd: ordinal * 10 + 9, mtime: 1_700_000_000_000 + fileIndex * 1000, size: 4000,
      contentHash: `h${fileIndex}-${generation}`, ext: 'md', lang: '', embedKey,
      vector: near(centres[Math.floor(random() * centres.length)]!, 0.06)
    }
  }
  const fileCount = Math.ceil(total / CHUNKS_PER_FILE)
  const result: Record<string, unknown> = { chunks: fileCount * CHUNKS_PER_FILE }
  try {
    // 1. Bulk writes (fresh files: append path), upkeep deferred.
    let store = await ChunkStore.open(dir, { modelId: 'bench', dimension: DIMENSION, maintenanceDelayMs: 3_600_000, maintenanceMaxDelayMs: 3_600_000, vectorIndexMinRows: Infinity })
    const [, writeMs] = await timed(async () => {
      for (let f = 0; f < fileCount; f += FILES_PER_WRITE) {
        const files = []
        for (let i = f; i < Math.min(fileCount, f + FILES_PER_WRITE); i++) {
          files.push({ path: rowFor(i, 0).path, rows: Array.from({ length: CHUNKS_PER_FILE }, (_, o) => rowFor(i, o)) })
        }
        await store.replaceFiles(files)
      }
    })
    result.bulkWrite = { ms: Math.round(writeMs), chunksPerSecond: Math.round((fileCount * CHUNKS_PER_FILE) / (writeMs / 1000)), filesPerCommit: FILES_PER_WRITE }
    const [, upkeepMs] = await timed(() => store.maintain({ force: true }))
    result.upkeepWithoutVectorIndexMs = Math.round(upkeepMs)

    // 2. Rewrites of existing files (merge path), single file and batched.
    const rewrite = async (files: number, generation: number) => {
      const batch = Array.from({ length: files }, () => Math.floor(random() * fileCount)).filter((v, i, all) => all.indexOf(v) === i)
      await store.replaceFiles(batch.map((i) => ({ path: rowFor(i, 0).path, rows: Array.from({ length: CHUNKS_PER_FILE }, (_, o) => rowFor(i, o, generation)) })))
    }
    result.rewriteOneFileMs = (await latency((i) => rewrite(1, i + 1), 10)).p50
    result.rewrite32FilesMs = (await latency((i) => rewrite(32, i + 100), 10)).p50
    const [, smallUpkeepMs] = await timed(() => store.maintain({ force: true }))
    result.upkeepAfterRewritesMs = Math.round(smallUpkeepMs)

    const sample = (await store.rowsOf(rowFor(0, 0).path)).map((r) => r.vector!)
    const queryVectors = Array.from({ length: QUERIES + 1 }, (_, i) => near(i % 2 ? sample[i % sample.length]! : centres[i % centres.length]!, 0.03))
    const where = "starts_with(path, '/bench/folder1')"

    // 3. Flat vector search (no vector index), full-text, hybrid.
    const flatTop: string[][] = []
    result.vectorFlat = await latency(async (i) => flatTop.push((await store.vectorSearch(queryVectors[i]!, { limit: 20 })).map((h) => h.id)))
    result.vectorFlatFiltered = await latency((i) => store.vectorSearch(queryVectors[i]!, { limit: 20, where }))
    result.fullText = await latency((i) => store.keywordSearch(queryTexts[i % queryTexts.length]!, { limit: 100 }))
    result.fullTextFiltered = await latency((i) => store.keywordSearch(queryTexts[i % queryTexts.length]!, { limit: 100, where }))
    result.keywordSearch = await latency((i) => searchChunks(store, { query: queryTexts[i % queryTexts.length]!, mode: 'keyword' }))
    result.hybridFlat = await latency((i) => searchChunks(store, { query: queryTexts[i % queryTexts.length]!, queryVector: queryVectors[i], mode: 'hybrid' }))
    await store.close()

    // 4. With the vector index (IVF_RQ, built by upkeep at the default threshold).
    const [reopened, openMs] = await timed(() => ChunkStore.open(dir, { modelId: 'bench', dimension: DIMENSION, versionRetentionMs: 0 }))
    store = reopened
    const [files, listMs] = await timed(() => store.listPaths())
    result.startup = { openMs: Math.round(openMs), listPathsMs: Math.round(listMs), files: files.length }
    const [, indexMs] = await timed(() => store.maintain({ force: true }))
    const state = await store.indexState()
    result.vectorIndex = { trainedRows: state.vectorIndexTrainedRows, upkeepMs: Math.round(indexMs) }
    if (state.vectorIndexTrainedRows !== null) {
      const indexedTop: string[][] = []
      result.vectorIndexed = await latency(async (i) => indexedTop.push((await store.vectorSearch(queryVectors[i]!, { limit: 20 })).map((h) => h.id)))
      result.vectorIndexedFiltered = await latency((i) => store.vectorSearch(queryVectors[i]!, { limit: 20, where }))
      let hits = 0
      indexedTop.forEach((ids, i) => (hits += ids.slice(0, 10).filter((id) => flatTop[i]!.slice(0, 10).includes(id)).length))
      result.vectorIndexedRecallAt10 = Math.round((hits / (indexedTop.length * 10)) * 1000) / 1000
      result.hybridIndexed = await latency((i) => searchChunks(store, { query: queryTexts[i % queryTexts.length]!, queryVector: queryVectors[i], mode: 'hybrid' }))
    }
    result.diskBytesPerChunk = Math.round((await store.diskBytes()) / (await store.countRows()))
    await store.close()

    // 5. First query after start: cold, and after prewarming the indexes.
    const firstQuery = async (prewarm: boolean) => {
      const [cold, openMs] = await timed(() => ChunkStore.open(dir, { modelId: 'bench', dimension: DIMENSION }))
      const [, prewarmMs] = prewarm ? await timed(() => cold.prewarm()) : [undefined, 0]
      const [, queryMs] = await timed(() => searchChunks(cold, { query: queryTexts[7]!, queryVector: queryVectors[7], mode: 'hybrid' }))
      await cold.close()
      return { openMs: Math.round(openMs), prewarmMs: Math.round(prewarmMs), firstHybridMs: Math.round(queryMs) }
    }
    result.firstQueryCold = await firstQuery(false)
    result.firstQueryPrewarmed = await firstQuery(true)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return result
}

async function main(): Promise<void> {
  const { passages, queries } = await evalTexts(args.eval!)
  const report: Record<string, unknown> = { dimension: DIMENSION, queries: QUERIES, note: 'real text, synthetic clustered unit vectors; latencies in ms, engine-side, query embedding excluded' }
  for (const rows of args.rows!.split(',').map(Number)) {
    report[String(rows)] = await benchSize(rows, passages, queries)
    console.log(JSON.stringify({ rows, ...(report[String(rows)] as object) }, null, 1))
  }
  if (args.json) await writeFile(args.json, JSON.stringify(report, null, 2))
}

void main()
