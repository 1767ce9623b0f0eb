// The BM25 rows of ../shared/eval/BASELINES.md, for tests that hold our retrieval to that bar.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The shared evaluation sets (../shared/eval beside the repository). */
export const EVAL_DIR = join(__dirname, '..', '..', '..', 'shared', 'eval')

export type Bar = Record<'recall@1' | 'recall@5' | 'recall@10' | 'mrr@10' | 'ndcg@10', number>

/** set -> the reference BM25 metrics. */
export function bm25Bars(): Map<string, Bar> {
  const bars = new Map<string, Bar>()
  for (const line of readFileSync(join(EVAL_DIR, 'BASELINES.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim()).filter((cell) => cell !== '')
    if (cells.length !== 8 || !/^\d/.test(cells[3]!)) continue
    const [r1, r5, r10, mrr, ndcg] = cells.slice(3).map(Number)
    bars.set(cells[0]!, { 'recall@1': r1!, 'recall@5': r5!, 'recall@10': r10!, 'mrr@10': mrr!, 'ndcg@10': ndcg! })
  }
  return bars
}

/** BASELINES.md rounds to 3 decimals (298/300 = 0.99333 is listed as 0.993): a value within half a unit of the last digit meets it. */
export const ROUNDING = 0.0005
