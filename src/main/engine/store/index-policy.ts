// When and how the chunk table is indexed: thresholds and index settings chosen by measurement (see scripts/store-bench.ts).
import type { FtsOptions, IvfRqOptions } from '@lancedb/lancedb'

/**
 * Rows not yet in the full-text index that a keyword search still scans. LanceDB scans such rows (written since the last
 * upkeep) in every full-text query, tokenizing their text each time: measured on 8,000 indexed rows of eval passages
 * (scripts/measure-keyword-tail.mts, this bound raised to 512), the keyword leg's median took +2.3 / +5.3 / +9.6 ms with
 * 128 / 256 / 512 such rows (4.1 ms with none) and its p95 +8 / +15 / +27 ms (queries retried for a typo scan them twice
 * more); during a bulk indexing run, 1,000-4,600 of them cost 84-324 ms per search (bench, 2026-12-04). Up to this many (the passages of the notes a person
 * saves, or a sync brings, at a time), new text is found by words at once; beyond it keyword search covers the indexed
 * rows only, the new ones are found by meaning, and upkeep folds them in (at once when indexing goes idle).
 */
export const FULL_TEXT_SCAN_MAX_ROWS = 256

/**
 * Rows from which a vector index pays off. Flat (exact) cosine search over 384-d rows costs about 0.7 µs per row on 2 cores
 * (9 ms at 10k, 67 ms at 100k), so from ~20k rows it would eat the hybrid latency budget; IVF_RQ answers in 2-5 ms.
 */
export const VECTOR_INDEX_MIN_ROWS = 20_000

/** The vector index is retrained (not just extended) once the table has grown by this factor since training. */
export const VECTOR_INDEX_RETRAIN_GROWTH = 2

/**
 * Candidates re-scored with exact vectors per requested row. Measured recall@10 against exact search at 100k rows:
 * 1-bit RQ codes 0.49 alone, 0.92 refined x3, 0.98 x5; 4-bit codes 0.90 alone, 1.00 refined x3 (what we use).
 */
export const VECTOR_REFINE_FACTOR = 3

const VECTOR_INDEX_PREFIX = 'vector_ivfrq_rows'

/**
 * Minimum time between two upkeeps of a table of `rows`: 1 ms per row, at most 5 minutes (10k rows: 10 s, 100k: 100 s).
 * LanceDB's optimize merges the new small fragments into the table's big one, i.e. rewrites the whole table (~0.8 s and
 * ~200 MB at 100k 384-d chunks), so spacing upkeeps by table size keeps its share of CPU and disk writes flat; until then
 * new rows are found by meaning, and by words while they are few (FULL_TEXT_SCAN_MAX_ROWS) or once indexing goes idle.
 */
export function upkeepSpacingMs(rows: number): number {
  return Math.min(300_000, rows)
}

/** IVF partitions for a table of `rows`: about 1,000 rows per partition (build time grows with partitions: 64 -> 5 s, 128 -> 9 s at 100k). */
export function vectorPartitions(rows: number): number {
  return Math.min(512, Math.max(16, Math.round(rows / 1000)))
}

/** The vector index name records how many rows it was trained on, so a restart knows when to retrain. */
export function vectorIndexName(trainedRows: number): string {
  return `${VECTOR_INDEX_PREFIX}${trainedRows}`
}

/** Rows the named vector index was trained on, or null when the name is not one of ours. */
export function trainedRowsOf(indexName: string): number | null {
  if (!indexName.startsWith(VECTOR_INDEX_PREFIX)) return null
  const rows = Number(indexName.slice(VECTOR_INDEX_PREFIX.length))
  return Number.isInteger(rows) ? rows : null
}

/** Whether a vector index should be (re)built now. */
export function needsVectorIndex(rows: number, trainedRows: number | null, minRows = VECTOR_INDEX_MIN_ROWS): boolean {
  if (rows < minRows) return false
  return trainedRows === null || rows >= trainedRows * VECTOR_INDEX_RETRAIN_GROWTH
}

/**
 * Rows per partition that k-means trains the IVF centroids on. Lance samples 256 by default, and holds the sample as one
 * block for the whole training: 80 MB of 1024-d vectors at 80k rows (80 partitions), the highest point of indexing five
 * 19 MB notes (issue 19.13; the build took +133 MB, +22-36 MB with 64). k-means needs a few dozen points per centroid
 * (faiss warns below 39); on those 80k lite-pack vectors (71k distinct) recall@10 after refining was 0.996 / 0.994 /
 * 0.995 / 0.998 with 256 / 64 / 32 / 16 (300 queries; within their noise), and the build took 4.9 / 4.1 s.
 */
export const VECTOR_TRAINING_ROWS_PER_PARTITION = 64

/**
 * IVF_RQ over cosine distance with 4-bit codes (192 B per 384-d row, vs 1.5 KB for IVF_FLAT's copy of the vectors): at 100k rows
 * it builds in ~12 s (1-bit: ~9 s, IVF_PQ ~10x slower, HNSW_SQ 52 s) and answers in 3-5 ms with recall@10 1.00 after refining.
 */
export function vectorIndexOptions(rows: number): IvfRqOptions {
  return { distanceType: 'cosine', numPartitions: vectorPartitions(rows), numBits: 4, sampleRate: VECTOR_TRAINING_ROWS_PER_PARTITION }
}

/**
 * Full-text index of note text: the ICU tokenizer segments Chinese and Japanese into words (the default `simple` tokenizer
 * keeps a run of CJK characters as one token, so CJK queries find nothing); lower-casing, ASCII folding and English stemming
 * stay on. Every word is kept: LanceDB's stop-word filter is a union over many languages that also drops English content
 * words ("dog", "cat", "war", "man" found nothing); the query sets English stop words apart itself (stop-words.ts) and
 * searches them only when nothing else matches ("Cypiddids are not what?").
 */
export const FTS_INDEX_OPTIONS: Partial<FtsOptions> = { baseTokenizer: 'icu', withPosition: false, removeStopWords: false }

/**
 * Full-text index names carry the tokenizer settings' version, so a table indexed with older settings (v1 dropped stop
 * words) is re-indexed when opened.
 */
export const FTS_INDEX_VERSION = 2

/** Name of the full-text index on `column` at the current FTS_INDEX_VERSION. */
export function fullTextIndexName(column: string): string {
  return `${column}_fts_v${FTS_INDEX_VERSION}`
}

/** A query word with at least this many letters gets edit-distance matching when no hit contains it (typo tolerance). */
export const FUZZY_MIN_LETTERS = 5

/**
 * Longer words are never matched by edit distance: no misspelling is that long, and LanceDB refuses the query when the
 * word's edit automaton passes 10,000 states (a 10,000-letter query word failed the whole search).
 */
export const FUZZY_MAX_LETTERS = 40

/**
 * Edit-distance match of such a word: up to 2 edits ("Ghandi" -> "gandhi"), at most 3 index terms, weighted below an exact
 * match. No fixed prefix: LanceDB 0.37 panics slicing a prefix inside a non-ASCII first letter ("último"). Measured at 100k
 * chunks (eval paragraphs, 400 mixed-language queries): the retry runs for 22% of them; keyword leg p95 18 ms (without
 * the retry 8 ms; the leg before this change 17 ms).
 */
export const FUZZY_MATCH_OPTIONS = { fuzziness: 2, prefixLength: 0, maxExpansions: 3, boost: 0.5 }

/**
 * The `cleanupOlderThan` for an upkeep that keeps every version a reader may still hold. A version stays readable for
 * `retentionMs` after it stopped being the latest (its successor's time), not after it was written: a version written
 * long ago but superseded a moment ago (by this very upkeep's compaction, or by the last write) is still being read.
 * So the cutoff is the newest version written more than `retentionMs` ago: every version before it was superseded at
 * least that long ago, and it itself is kept. With no version that old, nothing goes.
 */
export function safeCleanupCutoff(versions: readonly { timestamp: Date }[], now: number, retentionMs: number): Date {
  const times = versions.map((v) => v.timestamp.getTime()).sort((a, b) => a - b)
  const oldEnough = times.filter((time) => time <= now - retentionMs)
  return new Date(oldEnough.length > 0 ? oldEnough[oldEnough.length - 1]! : (times[0] ?? now - retentionMs))
}
