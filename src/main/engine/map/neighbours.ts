// Exact cosine neighbours between sets of unit vectors, in row blocks through onnxruntime (see similarity-model.ts).
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

/** About this many similarities per block: at 1,024 dimensions, 5-15 ms of one core (the longest a search may wait). */
const CELLS_PER_BLOCK = 120_000

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
   * neighbour.
   */
  async neighbours(queries: VectorSet, base: VectorSet, k: number, options: { sameSet?: boolean; onBlock?: BlockHook } = {}): Promise<Neighbours> {
    checkDims(queries, base)
    const extra = options.sameSet ? 1 : 0
    const wanted = Math.min(k + extra, base.count)
    const indices = new Int32Array(queries.count * k).fill(-1)
    const similarities = new Float32Array(queries.count * k).fill(-Infinity)
    const baseTensor = new Tensor('float32', base.values, [base.count, base.dim])
    const kTensor = new Tensor('int64', BigInt64Array.from([BigInt(wanted)]), [1])
    await forBlocks(queries, base.count, options.onBlock, async (start, rows, block) => {
      const out = await this.nearest.run({ queries: block, base: baseTensor, k: kTensor })
      const values = out.values!.data as Float32Array
      const found = out.indices!.data as BigInt64Array
      for (let r = 0; r < rows; r++) {
        const row = start + r
        let kept = 0
        for (let j = 0; j < wanted && kept < k; j++) {
          const index = Number(found[r * wanted + j])
          if (options.sameSet && index === row) continue
          indices[row * k + kept] = index
          similarities[row * k + kept] = values[r * wanted + j]!
          kept++
        }
      }
    })
    return { k, indices, similarities }
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
