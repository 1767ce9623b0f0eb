// Recall@10 of the IVF_RQ vector index (refined x3, as searches run it) against exact search, and its build time, for
// several k-means sample sizes (rows per partition), on the vectors of an index Semnote built (issue 19.13).
// Run: npx tsx scripts/measure-vector-training.mts <data dir> [--rates 256,64,32,16] [--queries 300]
import { parseArgs } from 'node:util'
import { join } from 'node:path'
import * as lancedb from '@lancedb/lancedb'
import { VECTOR_REFINE_FACTOR, vectorPartitions } from '../src/main/engine/store/index-policy'

const { positionals, values } = parseArgs({ allowPositionals: true, options: { rates: { type: 'string', default: '256,64,32,16' }, queries: { type: 'string', default: '300' } } })
const dataDir = positionals[0]
if (!dataDir) throw new Error('usage: measure-vector-training.mts <data dir> [--rates 256,64,32,16] [--queries 300]')

const db = await lancedb.connect(join(dataDir, 'lancedb'))
const chunkTable = (await db.tableNames()).find((name) => name.startsWith('chunks_'))
if (!chunkTable) throw new Error(`no chunk table in ${dataDir}`)

// Notes copied into several files give identical vectors, whose neighbours no index can get wrong: keep one of each.
const seen = new Set<string>()
const rows: { id: string; vector: number[] }[] = []
for (const row of await (await db.openTable(chunkTable)).query().select(['id', 'vector']).limit(10_000_000).toArray()) {
  const vector = Array.from(row.vector as Float32Array)
  const key = vector.slice(0, 16).map((x) => x.toFixed(5)).join(',')
  if (seen.has(key)) continue
  seen.add(key)
  rows.push({ id: String(row.id), vector })
}
const table = await db.createTable('measure_vector_training', rows, { mode: 'overwrite' })
const partitions = vectorPartitions(rows.length)

// Queries: stored vectors, slightly moved, spread over the table (seeded).
let seed = 7
const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296
const queries = Array.from({ length: Number(values.queries) }, () => rows[Math.floor(random() * rows.length)]!.vector.map((x) => x + (random() - 0.5) * 0.02))
const ids = (found: Record<string, unknown>[]) => found.map((row) => String(row.id))
const exact: string[][] = []
for (const query of queries) exact.push(ids(await table.vectorSearch(query).distanceType('cosine').bypassVectorIndex().limit(10).select(['id']).toArray()))

console.log(`${rows.length} distinct vectors of ${chunkTable}, ${partitions} partitions, ${queries.length} queries`)
for (const rate of values.rates.split(',').map(Number)) {
  const started = performance.now()
  await table.createIndex('vector', { config: lancedb.Index.ivfRq({ distanceType: 'cosine', numPartitions: partitions, numBits: 4, sampleRate: rate }), name: `rate_${rate}`, replace: true })
  const buildSeconds = (performance.now() - started) / 1000
  let hits = 0
  for (const [i, query] of queries.entries()) {
    const found = ids(await table.vectorSearch(query).distanceType('cosine').refineFactor(VECTOR_REFINE_FACTOR).limit(10).select(['id']).toArray())
    hits += found.filter((id) => exact[i]!.includes(id)).length
  }
  const sampleMb = (rate * partitions * rows[0]!.vector.length * 4) / 1024 / 1024
  console.log(`${rate} rows per partition (a ${sampleMb.toFixed(0)} MB sample): recall@10 ${(hits / (queries.length * 10)).toFixed(3)}, build ${buildSeconds.toFixed(1)} s`)
  await table.dropIndex(`rate_${rate}`)
}
await db.dropTable('measure_vector_training')
