// Runs one evaluation set (../shared/eval layout): index corpus/ into a temp data dir once, run every query in each mode, score the rankings.
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join, relative, sep } from 'node:path'
import { Engine } from '../../engine/engine'
import type { IndexProgress, SearchMode } from '../../../shared/types'
import { dedupeRanking, evaluateFold, evaluateRun, parseQrels, type FoldMetrics, type Metrics, type Run } from './metrics'

export interface EvalQuery {
  id: string
  text: string
}

/** One mode's scores on a set. */
export interface ModeResult {
  mode: SearchMode
  metrics: Metrics
  fold: FoldMetrics
  /** The ranking per query (paths relative to corpus/), in queries.jsonl order, for run.jsonl. */
  run: Run
  semanticAvailable: boolean
}

export interface SetResult {
  set: string
  queries: number
  /** One entry per requested mode, in the order asked. */
  byMode: ModeResult[]
  /** The model the corpus was indexed with (its tokenizer sets passage size, in keyword mode too); null without one. */
  modelId: string | null
  filesIndexed: number
  skipped: number
}

export interface EvalOptions {
  /** Modes to score, each over the same index. */
  modes: readonly SearchMode[]
  /** Folders searched for model packs (empty: keyword only). */
  modelDirs: string[]
  modelId?: string
  /** Results fetched per query (notes, best first). */
  depth?: number
  onProgress?: (progress: IndexProgress) => void
}

/** Reads queries.jsonl ({"id", "text", ...} per line). */
export async function readQueries(setDir: string): Promise<EvalQuery[]> {
  const text = await readFile(join(setDir, 'queries.jsonl'), 'utf8')
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const record = JSON.parse(line) as { id: string | number; text: string }
      return { id: String(record.id), text: record.text }
    })
}

/** Indexes `<setDir>/corpus` in a throw-away data dir and scores every query of the set in each of `options.modes`. */
export async function runEvalSet(setDir: string, options: EvalOptions): Promise<SetResult> {
  const corpus = await realpath(join(setDir, 'corpus'))
  const queries = await readQueries(setDir)
  const qrels = parseQrels(await readFile(join(setDir, 'qrels.tsv'), 'utf8'))
  const dataDir = await mkdtemp(join(tmpdir(), 'semnote-eval-'))
  const engine = await Engine.open({ dataDir, modelDirs: options.modelDirs, ...(options.modelId ? { modelId: options.modelId } : {}), watch: false })
  try {
    const off = options.onProgress ? engine.on('progress', options.onProgress) : () => undefined
    await engine.call('addRoots', { paths: [corpus] })
    await engine.whenSettled()
    off()
    const status = await engine.call('status', undefined)
    const byMode: ModeResult[] = []
    for (const mode of options.modes) {
      const run: Run = new Map()
      const strong = new Map<string, number>()
      let semanticAvailable = true
      for (const query of queries) {
        const response = await engine.call('search', { query: query.text, mode, limit: options.depth ?? 20 })
        semanticAvailable &&= response.semanticAvailable
        const paths = response.hits.map((hit) => relative(corpus, hit.path).split(sep).join('/'))
        run.set(query.id, dedupeRanking(paths))
        strong.set(query.id, response.hits.filter((hit) => hit.strong).length)
      }
      byMode.push({ mode, metrics: evaluateRun(qrels, run), fold: evaluateFold(qrels, run, strong), run, semanticAvailable })
    }
    return {
      set: basename(setDir.replace(/[\\/]+$/, '')),
      queries: qrels.size,
      byMode,
      modelId: status.model.state === 'ready' ? status.model.id : null,
      filesIndexed: status.files,
      skipped: status.skipped.length
    }
  } finally {
    await engine.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}
