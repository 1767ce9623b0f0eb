// The bars of issue 14 for the committed lite pack on the shared dev sets (part 2: tldr pages and Kubernetes docs).
import { describe, expect, it } from 'vitest'
import { EVAL_TIMEOUT_MS, expectFold, expectHybridNotBelowLegs, evaluateAllModes } from './eval-bars'

describe('semnote-lite-multi on the dev sets: tldr and k8sdocs', () => {
  it('tldr en->zh: hybrid R@10 >= 0.90, not below either leg, fold', async () => {
    const set = await evaluateAllModes('tldr-en2zh')
    expectHybridNotBelowLegs(set)
    expect(set.hybrid.metrics['recall@10']).toBeGreaterThanOrEqual(0.9)
    expectFold(set)
  }, EVAL_TIMEOUT_MS)

  it.each(['tldr-en2de', 'tldr-en2es', 'tldr-en2mixed'])('%s: hybrid not below either leg, fold', async (name) => {
    const set = await evaluateAllModes(name)
    expectHybridNotBelowLegs(set)
    expectFold(set)
  }, EVAL_TIMEOUT_MS)

  it.each(['k8sdocs-en2ja', 'k8sdocs-en2zh'])('%s (long pages, English terms in CJK prose): hybrid not below either leg', async (name) => {
    expectHybridNotBelowLegs(await evaluateAllModes(name))
  }, EVAL_TIMEOUT_MS)
})
