// Exact cosine neighbours between sets of unit vectors, in small tiles through onnxruntime (see similarity-model.ts).
import { InferenceSession, Tensor } from 'onnxruntime-node'
import { nearestModel, similarityModel } from './similarity-model'

/** Unit vectors, row-major: row i is values[i * dim .. (i + 1) * dim). */
export interface VectorSet {
  values: Float32Array
  count: number
  dim: number
}

/** k neighbours per query row, best first: base row indices and cosine similarities (-1 / -Infinity pad missing ones). */
export interface Neighbours {
  k: number
  indices: Int32Array
  similarities: Float32Array
}

/** Called between row blocks with the rows done so far; awaiting it is where other work (and searches) get their turn. */
export type BlockHook = (rowsDone: number, rowsTotal: number) => Promise<void> | void

/** About this many similarities per block of similarityRows: at 1,024 dimensions, 5-15 ms of one core. */
const CELLS_PER_BLOCK = 120_000
/**
 * About this many similarities per tile of `neighbours`: at 1,024 dimensions 1-3 ms of one core, the longest the layout
 * worker cannot step aside for a search; tiles of up to TILE_ROWS rows keep a tile's vectors (1.5 MB) in the cache.
 */
const CELLS_PER_TILE = 32_768
const TILE_ROWS = 256

const SESSION_OPTIONS: InferenceSession.SessionOptions = {
  executionProviders: ['cpu'],
  graphOptimizationLevel: 'all',
  executionMode: 'sequential',
  // One core: the layout is background work beside search and indexing.
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  logSeverityLevel: 3,
  extra: { session: { 'intra_op.allow_spinning': '0', 'inter_op.allow_spinning': '0' } }
}

/** Both graphs, loaded once per worker. */
export class SimilarityEngine {
  private constructor(
    private readonly nearest: InferenceSession,
    private readonly full: InferenceSession
  ) {}

  static async create(): Promise<SimilarityEngine> {
    const [nearest, full] = await Promise.all([InferenceSession.create(nearestModel(), SESSION_OPTIONS), InferenceSession.create(similarityModel(), SESSION_OPTIONS)])
    return new SimilarityEngine(nearest, full)
  }

  /**
   * The k nearest rows of `base` for every row of `queries`. With `sameSet` (queries are base), a row is never its own
   * neighbour. Worked through in tiles of rows x base rows, each tile's best merged into every row's list, so one
   * onnxruntime call is short and its data stays in the cache (a block of rows against the whole base streamed all of it
   * from memory for every block, beside the searches that need that memory too).
   */
  async neighbours(queries: VectorSet, base: VectorSet, k: number, options: { sameSet?: boolean; onBlock?: BlockHook } = {}): Promise<Neighbours> {
    checkDims(queries, base)
    const best = new BestLists(queries.count, k)
    const { rows, columns } = tileShape(queries.count, base.count)
    for (let start = 0; start < queries.count; start += rows) {
      const rowCount = Math.min(rows, queries.count - start)
      const block = new Tensor('float32', queries.values.subarray(start * queries.dim, (start + rowCount) * queries.dim), [rowCount, queries.dim])
      for (let first = 0; first < base.count; first += columns) {
        const columnCount = Math.min(columns, base.count - first)
        const tile = new Tensor('float32', base.values.subarray(first * base.dim, (first + columnCount) * base.dim), [columnCount, base.dim])
        // One more than k: the row itself may be among them (sameSet).
        const wanted = Math.min(k + 1, columnCount)
        const out = await this.nearest.run({ queries: block, base: tile, k: new Tensor('int64', BigInt64Array.from([BigInt(wanted)]), [1]) })
        const values = out.values!.data as Float32Array
        const found = out.indices!.data as BigInt64Array
        for (let r = 0; r < rowCount; r++) {
          const row = start + r
          for (let j = 0; j < wanted; j++) {
            const index = first + Number(found[r * wanted + j])
            if (options.sameSet && index === row) continue
            // Sorted best first: once one does not make the list, none after it does.
            if (!best.offer(row, index, values[r * wanted + j]!)) break
          }
        }
        await options.onBlock?.(first + columnCount < base.count ? start : start + rowCount, queries.count)
      }
    }
    return { k, indices: best.indices, similarities: best.similarities }
  }

  /** Hands every query row's similarities to all base rows to `onRows`, block by block (for rank-based quality measures). */
  async similarityRows(queries: VectorSet, base: VectorSet, onRows: (start: number, rows: number, similarities: Float32Array) => void, onBlock?: BlockHook): Promise<void> {
    checkDims(queries, base)
    const baseTensor = new Tensor('float32', base.values, [base.count, base.dim])
    await forBlocks(queries, base.count, onBlock, async (start, rows, block) => {
      const out = await this.full.run({ queries: block, base: baseTensor })
      onRows(start, rows, out.similarities!.data as Float32Array)
    })
  }

  async dispose(): Promise<void> {
    await Promise.all([this.nearest.release(), this.full.release()])
  }
}

function checkDims(queries: VectorSet, base: VectorSet): void {
  if (queries.dim !== base.dim) throw new Error(`vectors of ${queries.dim} and ${base.dim} dimensions cannot be compared`)
}

/** Rows and base rows per tile: up to TILE_ROWS rows, and as many base rows as the cell budget leaves (at least 128). */
function tileShape(queryCount: number, baseCount: number): { rows: number; columns: number } {
  const rows = Math.max(1, Math.min(queryCount, TILE_ROWS))
  return { rows, columns: Math.max(1, Math.min(baseCount, Math.max(128, Math.floor(CELLS_PER_TILE / rows)))) }
}

/** Every row's k best (index, similarity) so far, best first; ties keep the earlier offer (the lower base row). */
class BestLists {
  readonly indices: Int32Array
  readonly similarities: Float32Array
  private readonly filled: Int32Array

  constructor(
    rows: number,
    private readonly k: number
  ) {
    this.indices = new Int32Array(rows * k).fill(-1)
    this.similarities = new Float32Array(rows * k).fill(-Infinity)
    this.filled = new Int32Array(rows)
  }

  /** Inserts (index, similarity) into `row`'s list; false when it is not better than the list's last when full. */
  offer(row: number, index: number, similarity: number): boolean {
    const { k, indices, similarities } = this
    if (k === 0) return false
    const base = row * k
    const count = this.filled[row]!
    if (count === k && similarity <= similarities[base + k - 1]!) return false
    let at = count < k ? count : k - 1
    if (count < k) this.filled[row] = count + 1
    while (at > 0 && similarities[base + at - 1]! < similarity) {
      similarities[base + at] = similarities[base + at - 1]!
      indices[base + at] = indices[base + at - 1]!
      at--
    }
    similarities[base + at] = similarity
    indices[base + at] = index
    return true
  }
}

async function forBlocks(
  queries: VectorSet,
  baseCount: number,
  onBlock: BlockHook | undefined,
  run: (start: number, rows: number, block: Tensor) => Promise<void>
): Promise<void> {
  const blockRows = Math.max(8, Math.min(1024, Math.floor(CELLS_PER_BLOCK / Math.max(1, baseCount))))
  for (let start = 0; start < queries.count; start += blockRows) {
    const rows = Math.min(blockRows, queries.count - start)
    const block = new Tensor('float32', queries.values.subarray(start * queries.dim, (start + rows) * queries.dim), [rows, queries.dim])
    await run(start, rows, block)
    await onBlock?.(start + rows, queries.count)
  }
}
