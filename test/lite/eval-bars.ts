// Shared by the eval-target tests: one index per dev set scored in every mode, and the bars every set is held to.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect } from 'vitest'
import { runEvalSet, type ModeResult } from '../../src/main/cli/eval/run-set'
import type { SearchMode } from '../../src/shared/types'
import { EVAL_DIR } from '../helpers/baselines'

const PACK_DIR = resolve(__dirname, '../../resources/models/semnote-lite-multi')

/** Indexing a set and running its queries three times takes about a minute per set on 2 busy cores; a test does at most two. */
export const EVAL_TIMEOUT_MS = 600_000

/** Issue 14's tolerance for "hybrid is at least as good as each leg". */
export const LEG_TOLERANCE = 0.01
/** Issue 14's fold bars (hybrid): share of the top-10 relevant notes above the fold, and mean notes above it. */
export const FOLD_KEEP = 0.98
export const FOLD_SIZE = 5

export type SetModes = { name: string } & Record<SearchMode, ModeResult>

/** Indexes one dev set with the lite pack and scores it in keyword, semantic and hybrid mode. */
export async function evaluateAllModes(name: string): Promise<SetModes> {
  const dir = join(EVAL_DIR, name)
  expect(existsSync(dir), `${dir} (the shared eval data) is needed`).toBe(true)
  const result = await runEvalSet(dir, { modes: ['keyword', 'semantic', 'hybrid'], modelDirs: [PACK_DIR], modelId: 'semnote-lite-multi' })
  const byMode = Object.fromEntries(result.byMode.map((row) => [row.mode, row])) as Record<SearchMode, ModeResult>
  expect(byMode.hybrid.semanticAvailable, `${name}: the lite pack was not loaded`).toBe(true)
  return { name, ...byMode }
}

/** Hybrid Recall@10 and MRR@10 at least those of each single leg, within LEG_TOLERANCE. */
export function expectHybridNotBelowLegs(set: SetModes): void {
  for (const metric of ['recall@10', 'mrr@10'] as const) {
    const best = Math.max(set.keyword.metrics[metric], set.semantic.metrics[metric])
    expect(set.hybrid.metrics[metric], `${set.name} hybrid ${metric} (keyword ${set.keyword.metrics[metric].toFixed(3)}, semantic ${set.semantic.metrics[metric].toFixed(3)})`).toBeGreaterThanOrEqual(best - LEG_TOLERANCE)
  }
}

/** The relevance fold keeps FOLD_KEEP of the relevant top-10 notes above it with at most FOLD_SIZE notes there on average. */
export function expectFold(set: SetModes): void {
  expect(set.hybrid.fold['fold-keep@10'], `${set.name} fold keeps`).toBeGreaterThanOrEqual(FOLD_KEEP)
  expect(set.hybrid.fold['fold-size'], `${set.name} notes above the fold`).toBeLessThanOrEqual(FOLD_SIZE)
}
