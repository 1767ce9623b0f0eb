// What rows outside the full-text index cost the keyword leg (FULL_TEXT_SCAN_MAX_ROWS in store/index-policy.ts): a chunk
// table of 8,000 eval passages, upkept, then 128, 256 and 512 rows written after it; the leg's median and p95 over 60 queries.
// Usage: npx tsx scripts/measure-keyword-tail.mts [--eval ../shared/eval]
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ChunkStore } from '../src/main/engine/store/chunk-store'
import { FULL_TEXT_SCAN_MAX_ROWS } from '../src/main/engine/store/index-policy'
import { makeChunkId, type ChunkRow } from '../src/main/engine/store/schema'

const { values } = parseArgs({ options: { eval: { type: 'string', default: join(import.meta.dirname, '..', '..', 'shared', 'eval') } } })
const evalDir = resolve(values.eval)
const DIMENSION = 384
const CHUNKS_PER_NOTE = 4

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]))
}

const passages = ['tldr-en2de', 'xquad-en2en', 'k8sdocs-en2ja']
  .flatMap((set) => filesUnder(join(evalDir, set, 'corpus')))
  .flatMap((file) => readFileSync(file, 'utf8').split(/\n\s*\n/))
  .filter((text) => text.trim().length > 40)
  .map((text) => text.slice(0, 1200))
const queries = readFileSync(join(evalDir, 'xquad-en2en', 'queries.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .slice(0, 60)
  .map((line) => (JSON.parse(line) as { text: string }).text)

let notes = 0
/** `rows` chunk rows of eval passages with random vectors, CHUNKS_PER_NOTE per note. */
function notesOf(rows: number): { path: string; rows: ChunkRow[] }[] {
  return Array.from({ length: rows / CHUNKS_PER_NOTE }, () => {
    const note = notes++
    const path = `/notes/${note}.md`
    return {
      path,
      rows: Array.from({ length: CHUNKS_PER_NOTE }, (_, ordinal) => {
        const embedKey = `${note}:${ordinal}`
        const text = passages[(note * CHUNKS_PER_NOTE + ordinal) % passages.length]!
        const vector = Float32Array.from({ length: DIMENSION }, () => Math.random() - 0.5)
        return { id: makeChunkId(path, ordinal, embedKey), path, root: '/notes', title: `Note ${note}`, heading: '', text, ordinal, lineStart: 1, lineEnd: 2, mtime: 1, size: 1, contentHash: `${note}`, ext: 'md', lang: 'en', embedKey, vector }
      })
    }
  })
}

async function keywordTimes(store: ChunkStore): Promise<string> {
  const ms: number[] = []
  for (const query of queries) {
    const start = performance.now()
    await store.keywordSearch(query, { limit: 40 })
    ms.push(performance.now() - start)
  }
  ms.sort((a, b) => a - b)
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(1)
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms`
}

const dir = await mkdtemp(join(tmpdir(), 'semnote-keyword-tail-'))
const never = 3_600_000
const store = await ChunkStore.open(dir, { modelId: 'tail', dimension: DIMENSION, maintenanceDelayMs: never, maintenanceMaxDelayMs: never, upkeepSpacingMs: () => never })
try {
  await store.replaceFiles(notesOf(8000))
  await store.maintain({ force: true })
  console.log(`FULL_TEXT_SCAN_MAX_ROWS ${FULL_TEXT_SCAN_MAX_ROWS}; rows outside the full-text index, keyword leg:`)
  console.log(`0: ${await keywordTimes(store)}`)
  for (const rows of [128, 128, 256]) {
    await store.replaceFiles(notesOf(rows))
    const outside = (await store.indexState()).unindexedRows
    console.log(`${outside}: ${await keywordTimes(store)}${outside > FULL_TEXT_SCAN_MAX_ROWS ? ' (not scanned: indexed rows only)' : ''}`)
  }
} finally {
  await store.close()
  await rm(dir, { recursive: true, force: true })
}
