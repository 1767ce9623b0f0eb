// Issue 8's bars for the committed lite pack on the shared dev sets: cross-lingual recall, and same-language hybrid not below BM25.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runEvalSet } from '../../src/main/cli/eval/run-set'
import type { SearchMode } from '../../src/shared/types'
import { bm25Bars, EVAL_DIR, ROUNDING } from '../helpers/baselines'

const PACK_DIR = resolve(__dirname, '../../resources/models/semnote-lite-multi')

async function evaluate(set: string, mode: SearchMode) {
  const dir = join(EVAL_DIR, set)
  expect(existsSync(dir), `${dir} (the shared eval data) is needed`).toBe(true)
  const result = await runEvalSet(dir, { modes: [mode], modelDirs: [PACK_DIR], modelId: 'semnote-lite-multi' })
  expect(result.byMode[0]!.semanticAvailable, `${set}: the lite pack was not loaded`).toBe(true)
  return result.byMode[0]!.metrics
}

describe('semnote-lite-multi on the dev sets', () => {
  it('finds across languages: xquad en->zh and es->de Recall@10, tatoeba es->en Recall@1, tldr en->zh hybrid Recall@10', async () => {
    expect((await evaluate('xquad-en2zh', 'semantic'))['recall@10']).toBeGreaterThanOrEqual(0.5)
    expect((await evaluate('xquad-es2de', 'semantic'))['recall@10']).toBeGreaterThanOrEqual(0.6)
    expect((await evaluate('tatoeba-es2en', 'semantic'))['recall@1']).toBeGreaterThanOrEqual(0.5)
    expect((await evaluate('tldr-en2zh', 'hybrid'))['recall@10']).toBeGreaterThanOrEqual(0.8)
  })

  it('keeps same-language hybrid search at or above BM25 on every metric (xquad en and zh)', async () => {
    const bars = bm25Bars()
    for (const set of ['xquad-en2en', 'xquad-zh2zh']) {
      const metrics = await evaluate(set, 'hybrid')
      for (const [name, bar] of Object.entries(bars.get(set)!)) {
        expect(metrics[name as keyof typeof metrics], `${set} hybrid ${name}`).toBeGreaterThanOrEqual(bar - ROUNDING)
      }
    }
  })
})
