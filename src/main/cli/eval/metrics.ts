// Retrieval metrics ported line by line from ../shared/eval/score.py (Recall@1/5/10, MRR@10, nDCG@10).

/** query id -> set of relevant doc paths (relative to the corpus folder). */
export type Qrels = Map<string, Set<string>>
/** query id -> ranked doc paths, best first, duplicates already removed. */
export type Run = Map<string, string[]>

export const METRIC_NAMES = ['recall@1', 'recall@5', 'recall@10', 'mrr@10', 'ndcg@10'] as const
export type MetricName = (typeof METRIC_NAMES)[number]
export type Metrics = Record<MetricName, number>

/** Parses qrels.tsv text the way score.py's load_qrels does (tab separated, relevance <= 0 dropped). */
export function parseQrels(text: string): Qrels {
  const qrels: Qrels = new Map()
  const lines = text.split('\n')
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  lines.forEach((line, index) => {
    if (!line) return
    const parts = line.split('\t')
    if (parts.length < 2) throw new Error(`qrels line ${index + 1}: expected query_id<TAB>doc_path[<TAB>rel]`)
    if (parts.length >= 3 && Number.parseFloat(parts[2]) <= 0) return
    let relevant = qrels.get(parts[0])
    if (!relevant) qrels.set(parts[0], (relevant = new Set()))
    relevant.add(parts[1])
  })
  return qrels
}

/** Normalises one ranked list like score.py's load_run: strip a prefix and leading "./", keep each path's first rank. */
export function dedupeRanking(results: readonly string[], stripPrefix = ''): string[] {
  const seen = new Set<string>()
  for (let path of results) {
    if (stripPrefix && path.startsWith(stripPrefix)) path = path.slice(stripPrefix.length)
    while (path.startsWith('./')) path = path.slice(2)
    seen.add(path)
  }
  return [...seen]
}

/** Scores one ranked list against its relevant set (score.py's score_query). */
export function scoreQuery(ranked: readonly string[], relevant: ReadonlySet<string>): Metrics {
  const recallAt = (k: number) => new Set(ranked.slice(0, k).filter((d) => relevant.has(d))).size / relevant.size
  let reciprocalRank = 0
  const top10 = ranked.slice(0, 10)
  for (let i = 0; i < top10.length; i++) {
    if (relevant.has(top10[i])) {
      reciprocalRank = 1 / (i + 1)
      break
    }
  }
  let dcg = 0
  top10.forEach((d, i) => {
    if (relevant.has(d)) dcg += 1 / Math.log2(i + 2)
  })
  let idcg = 0
  for (let i = 0; i < Math.min(relevant.size, 10); i++) idcg += 1 / Math.log2(i + 2)
  return {
    'recall@1': recallAt(1),
    'recall@5': recallAt(5),
    'recall@10': recallAt(10),
    'mrr@10': reciprocalRank,
    'ndcg@10': dcg / idcg
  }
}

/** Averages every query in qrels (a query missing from the run scores 0), as score.py's evaluate does. */
export function evaluateRun(qrels: Qrels, run: Run): Metrics {
  const perQuery = [...qrels].map(([id, relevant]) => scoreQuery(run.get(id) ?? [], relevant))
  const average = {} as Metrics
  for (const name of METRIC_NAMES) {
    let sum = 0
    for (const metrics of perQuery) sum += metrics[name]
    average[name] = perQuery.length ? sum / perQuery.length : 0
  }
  return average
}

/** Parses run.jsonl text like score.py's load_run (later lines for the same query win). */
export function parseRunJsonl(text: string, stripPrefix = ''): Run {
  const run: Run = new Map()
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    const record = JSON.parse(line) as { query_id: string | number; results?: unknown[] }
    const paths = (record.results ?? []).map(resultPath)
    run.set(String(record.query_id), dedupeRanking(paths, stripPrefix))
  }
  return run
}

function resultPath(result: unknown): string {
  if (typeof result === 'string') return result
  if (result && typeof result === 'object') {
    for (const key of ['path', 'doc_path', 'doc', 'file']) {
      const value = (result as Record<string, unknown>)[key]
      if (typeof value === 'string') return value
    }
  }
  throw new Error(`result without a path: ${JSON.stringify(result)}`)
}

/** Fold metrics of a run: how well the relevance fold keeps the relevant notes a page shows above it, and at what size. */
export interface FoldMetrics {
  /** Of the relevant notes in the top 10, the share above the fold (1 when none reaches the top 10). */
  'fold-keep@10': number
  /** Mean number of notes above the fold per query. */
  'fold-size': number
}

/** Fold metrics over every query in qrels; `strong` gives each query's number of notes above the fold (its first ones). */
export function evaluateFold(qrels: Qrels, run: Run, strong: ReadonlyMap<string, number>): FoldMetrics {
  let inTop = 0
  let kept = 0
  let size = 0
  for (const [id, relevant] of qrels) {
    const above = strong.get(id) ?? 0
    size += above
    ;(run.get(id) ?? []).slice(0, 10).forEach((doc, rank) => {
      if (!relevant.has(doc)) return
      inTop++
      if (rank < above) kept++
    })
  }
  return { 'fold-keep@10': inTop > 0 ? kept / inTop : 1, 'fold-size': qrels.size > 0 ? size / qrels.size : 0 }
}
