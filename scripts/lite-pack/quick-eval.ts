// Development harness: scores lite-pack settings on eval sets in pure JS (whole-file embeddings, cosine), like shared/eval/score.py.
// Usage: npx tsx scripts/lite-pack/quick-eval.ts <eval-root> [set ...]   (the eval data stays outside the repository)
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { WordTokenizer } from '../../src/main/engine/model/word-tokenizer'
import { buildWords, readSources } from './collect'
import { DEFAULT_LEXICON_OPTIONS, type LexiconOptions } from './lexicon'
import { DEFAULT_PATHS } from './sources'
import { buildTables, embedIds, type PackTables, type TableOptions } from './tables'
import { DEFAULT_TABLE_OPTIONS, SUFFIX_RULES, tokenizerData } from './settings'

function listMarkdown(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = join(dir, name)
      return statSync(full).isDirectory() ? listMarkdown(full) : full.endsWith('.md') ? [full] : []
    })
    .sort()
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!
  return sum
}

/** Tokens of the reference BM25 (BASELINES.md): lower-cased words, CJK as character unigrams and bigrams. */
function bm25Tokens(text: string): string[] {
  const tokens: string[] = []
  for (const run of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const cjk = run.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu) ?? []
    for (const part of cjk) {
      if (!/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(part)) {
        tokens.push(part)
        continue
      }
      const chars = [...part]
      chars.forEach((ch, i) => {
        tokens.push(ch)
        if (i + 1 < chars.length) tokens.push(ch + chars[i + 1])
      })
    }
  }
  return tokens
}

/** BM25 scores (k1 0.9, b 0.4) of every document for a query. */
function bm25Scorer(docs: readonly string[]): (query: string) => number[] {
  const docTokens = docs.map((d) => {
    const tf = new Map<string, number>()
    const tokens = bm25Tokens(d)
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1)
    return { tf, length: tokens.length }
  })
  const df = new Map<string, number>()
  for (const d of docTokens) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1)
  const avg = docTokens.reduce((s, d) => s + d.length, 0) / docTokens.length
  return (query) => {
    const terms = new Set(bm25Tokens(query))
    return docTokens.map((d) => {
      let score = 0
      for (const t of terms) {
        const f = d.tf.get(t)
        if (!f) continue
        const n = df.get(t)!
        const idf = Math.log(1 + (docTokens.length - n + 0.5) / (n + 0.5))
        score += (idf * f * 1.9) / (f + 0.9 * (0.6 + (0.4 * d.length) / avg))
      }
      return score
    })
  }
}

/** Recall@1, Recall@10 and MRR@10 of semantic ranking, and Recall@10 of its reciprocal-rank fusion (k = 60) with BM25. */
export function scoreSet(setDir: string, embed: (text: string) => Float32Array): { r1: number; r10: number; mrr: number; hybridR10: number } {
  const corpusDir = join(setDir, 'corpus')
  const files = listMarkdown(corpusDir)
  const texts = files.map((file) => readFileSync(file, 'utf8'))
  const docs = files.map((file, i) => ({ path: relative(corpusDir, file), vector: embed(texts[i]!) }))
  const bm25 = bm25Scorer(texts)
  const relevant = new Map<string, Set<string>>()
  for (const line of readFileSync(join(setDir, 'qrels.tsv'), 'utf8').split('\n')) {
    const [queryId, docPath] = line.split('\t')
    if (!queryId || !docPath) continue
    relevant.set(queryId, (relevant.get(queryId) ?? new Set()).add(docPath))
  }
  let r1 = 0
  let r10 = 0
  let mrr = 0
  let hybridR10 = 0
  let count = 0
  for (const line of readFileSync(join(setDir, 'queries.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue
    const query = JSON.parse(line) as { id: string; text: string }
    const wanted = relevant.get(query.id)
    if (!wanted) continue
    const q = embed(query.text)
    const semantic = docs.map((d, i) => ({ i, score: dot(d.vector, q) })).sort((a, b) => b.score - a.score)
    const ranked = semantic.map((d) => docs[d.i]!)
    const firstHit = ranked.findIndex((d) => wanted.has(d.path))
    const hitsAt = (list: readonly { path: string }[], n: number): number => list.slice(0, n).filter((d) => wanted.has(d.path)).length / wanted.size
    r1 += hitsAt(ranked, 1)
    r10 += hitsAt(ranked, 10)
    mrr += firstHit >= 0 && firstHit < 10 ? 1 / (firstHit + 1) : 0
    const fused = new Map<number, number>()
    semantic.forEach((d, rank) => fused.set(d.i, 1 / (60 + rank + 1)))
    bm25(query.text)
      .map((score, i) => ({ i, score }))
      .filter((d) => d.score > 0)
      .sort((a, b) => b.score - a.score)
      .forEach((d, rank) => fused.set(d.i, fused.get(d.i)! + 1 / (60 + rank + 1)))
    const hybrid = [...fused].sort((a, b) => b[1] - a[1]).map(([i]) => docs[i]!)
    hybridR10 += hitsAt(hybrid, 10)
    count++
  }
  return { r1: r1 / count, r10: r10 / count, mrr: mrr / count, hybridR10: hybridR10 / count }
}

/**
 * Scores each configuration given as JSON lines on stdin-free argv: QUICK_EVAL_CONFIGS='[{...lexicon/table overrides}]'.
 * Sources are read once, so a sweep costs seconds per configuration.
 */
async function main(): Promise<void> {
  const [root, ...sets] = process.argv.slice(2)
  if (!root) throw new Error('usage: quick-eval.ts <eval-root> [set ...]')
  const configs = JSON.parse(process.env.QUICK_EVAL_CONFIGS ?? '[{}]') as Partial<LexiconOptions & TableOptions>[]
  const data = await readSources(DEFAULT_PATHS, (line) => console.error(line))
  const names = sets.length > 0 ? sets : readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory()).sort()
  for (const config of configs) {
    const words = buildWords(data, { ...DEFAULT_LEXICON_OPTIONS, ...config })
    const tables: PackTables = buildTables(words, { ...DEFAULT_TABLE_OPTIONS, ...config })
    const tokenizer = new WordTokenizer(tokenizerData(tables.vocab, SUFFIX_RULES, tables.options.buckets))
    const embed = (text: string): Float32Array => embedIds(tables, tokenizer.encode(text))
    console.log(JSON.stringify(config))
    for (const name of names) {
      const s = scoreSet(join(root, name), embed)
      console.log(`  ${name.padEnd(16)} R@1 ${s.r1.toFixed(3)}  R@10 ${s.r10.toFixed(3)}  MRR@10 ${s.mrr.toFixed(3)}  hybrid R@10 ${s.hybridR10.toFixed(3)}`)
    }
  }
}

if (process.argv[1]?.endsWith('quick-eval.ts')) void main()
