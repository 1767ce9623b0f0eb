// `semnote eval <set-dir>...`: retrieval metrics (Recall@1/5/10, MRR@10, nDCG@10) per evaluation set and mode, as score.py computes them.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { PACK_MANIFEST_FILE } from '../../engine/model/manifest'
import type { SearchMode } from '../../../shared/types'
import { parseCommand } from '../common'
import { runEvalSet, type ModeResult } from '../eval/run-set'
import { defaultDataDir, modelDirsFor, UsageError } from '../options'
import { ProgressBar } from '../progress-bar'
import { parseMode } from './search'

/** --mode all: every mode over one index of each set. */
export const ALL_MODES = 'all'

/** The modes --mode asks for: one, or all three (keyword, semantic, hybrid) for `all`. */
export function parseEvalModes(value: string | undefined): SearchMode[] {
  if (value === ALL_MODES) return ['keyword', 'semantic', 'hybrid']
  return [parseMode(value)]
}

/** Runs the eval command; resolves to the exit code. */
export async function runEval(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    mode: { type: 'string' },
    model: { type: 'string' },
    'run-out': { type: 'string' }
  })
  if (positionals.length === 0) throw new UsageError('eval: give at least one set folder (with corpus/, queries.jsonl, qrels.tsv)')
  const modes = parseEvalModes(values.mode)
  const model = await modelFromFlags(values.model, values['data-dir'], values['models-dir'], values['model-id'])
  if (!values.json) console.log(`${'set'.padEnd(18)} ${'mode'.padEnd(8)} ${'queries'.padStart(7)}  R@1     R@5     R@10    MRR@10  nDCG@10  fold-keep@10  fold-size`)
  for (const setDir of positionals.map((p) => resolve(p))) {
    const bar = new ProgressBar()
    const result = await runEvalSet(setDir, { modes, ...model, onProgress: (p) => bar.update(p) })
    bar.done()
    if (!values.json) console.error(`${result.set}: indexed with ${result.modelId ?? 'no model (estimated token counts)'}`)
    for (const row of result.byMode) {
      if (!row.semanticAvailable && row.mode !== 'keyword') console.error(`${result.set} ${row.mode}: no model loaded, results are keyword-only`)
      const m = row.metrics
      if (values.json) {
        console.log(JSON.stringify({ set: result.set, mode: row.mode, queries: result.queries, 'recall@1': m['recall@1'], 'recall@5': m['recall@5'], 'recall@10': m['recall@10'], 'mrr@10': m['mrr@10'], 'ndcg@10': m['ndcg@10'], ...row.fold }))
      } else {
        const cells = [m['recall@1'], m['recall@5'], m['recall@10'], m['mrr@10'], m['ndcg@10']].map((v) => v.toFixed(4)).join('  ')
        const fold = `${row.fold['fold-keep@10'].toFixed(4).padStart(12)}  ${row.fold['fold-size'].toFixed(2).padStart(9)}`
        console.log(`${result.set.padEnd(18)} ${row.mode.padEnd(8)} ${String(result.queries).padStart(7)}  ${cells}  ${fold}`)
      }
      if (values['run-out']) await writeRun(resolve(values['run-out']), modes.length === 1 ? result.set : `${result.set}.${row.mode}`, row)
    }
  }
  return 0
}

/** Writes `<name>.run.jsonl` (score.py's run format) into `dir`. */
async function writeRun(dir: string, name: string, row: ModeResult): Promise<void> {
  await mkdir(dir, { recursive: true })
  const lines = [...row.run].map(([id, results]) => JSON.stringify({ query_id: id, results }))
  await writeFile(join(dir, `${name}.run.jsonl`), lines.join('\n') + '\n')
}

/**
 * --model names one pack folder; otherwise the model is found as the app finds it (data dir, then the bundled packs), in
 * every mode: passages are cut to the model's token budget, so keyword mode too is measured on the index the app builds.
 */
async function modelFromFlags(
  packDir: string | undefined,
  dataDir: string | undefined,
  modelsDir: string | undefined,
  modelId: string | undefined,
): Promise<{ modelDirs: string[]; modelId?: string }> {
  if (packDir) {
    const manifest = JSON.parse(await readFile(join(resolve(packDir), PACK_MANIFEST_FILE), 'utf8').catch(() => {
      throw new UsageError(`--model: no ${PACK_MANIFEST_FILE} in ${packDir}`)
    })) as { id: string }
    return { modelDirs: [resolve(packDir)], modelId: manifest.id }
  }
  return { modelDirs: modelDirsFor(dataDir ? resolve(dataDir) : defaultDataDir(), modelsDir), ...(modelId ? { modelId } : {}) }
}
