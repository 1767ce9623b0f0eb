// The TypeScript port of score.py gives the same numbers as the reference scorer on the same run.jsonl.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { evaluateRun, parseQrels, parseRunJsonl, METRIC_NAMES } from '../../src/main/cli/eval/metrics'
import { rng } from '../helpers/rng'

const evalDir = join(__dirname, '..', '..', '..', 'shared', 'eval')
const scorePy = join(evalDir, 'score.py')

function referenceScores(qrelsPath: string, runPath: string): Record<string, number> {
  const out = execFileSync('python3', [scorePy, '--qrels', qrelsPath, '--run', runPath, '--json'], { encoding: 'utf8' })
  const parsed = JSON.parse(out) as Record<string, number>
  return {
    'recall@1': parsed['Recall@1'],
    'recall@5': parsed['Recall@5'],
    'recall@10': parsed['Recall@10'],
    'mrr@10': parsed['MRR@10'],
    'ndcg@10': parsed['nDCG@10'],
    queries: parsed.queries
  }
}

describe('eval metrics', () => {
  it('equal score.py on a synthetic run with duplicates, "./" prefixes, multi-relevant and missing queries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'semnote-metrics-'))
    const random = rng(7)
    const docs = Array.from({ length: 40 }, (_, i) => `d${i}.md`)
    const qrelLines: string[] = []
    const runLines: string[] = []
    for (let q = 0; q < 120; q++) {
      const relevantCount = 1 + Math.floor(random() * 3)
      for (let r = 0; r < relevantCount; r++) qrelLines.push(`q${q}\t${docs[Math.floor(random() * docs.length)]}\t1`)
      if (q % 17 === 0) qrelLines.push(`q${q}\td39.md\t0`)
      if (q % 11 === 5) continue // absent from the run: scores 0
      const results = Array.from({ length: 14 }, () => {
        const doc = docs[Math.floor(random() * docs.length)]
        return random() < 0.2 ? `./${doc}` : doc
      })
      runLines.push(JSON.stringify({ query_id: `q${q}`, results }))
    }
    runLines.push(JSON.stringify({ query_id: 'not-in-qrels', results: ['d1.md'] }))
    writeFileSync(join(dir, 'qrels.tsv'), qrelLines.join('\n') + '\n')
    writeFileSync(join(dir, 'run.jsonl'), runLines.join('\n') + '\n')

    const expected = referenceScores(join(dir, 'qrels.tsv'), join(dir, 'run.jsonl'))
    const actual = evaluateRun(parseQrels(readFileSync(join(dir, 'qrels.tsv'), 'utf8')), parseRunJsonl(readFileSync(join(dir, 'run.jsonl'), 'utf8')))
    expect(expected['recall@10']).toBeGreaterThan(0)
    expect(expected['recall@10']).toBeLessThan(1)
    for (const name of METRIC_NAMES) expect(actual[name], name).toBeCloseTo(expected[name], 12)
  })
})
