// The semnote CLI end to end (run from source with tsx): index, search, status, check (exit codes), eval = score.py on the same run.
import { execFile } from 'node:child_process'
import { cpSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { ChunkStore } from '../../src/main/engine/store/chunk-store'
import { tempFolders } from '../engine/helpers'
import { bm25Bars, ROUNDING, type Bar } from '../helpers/baselines'

const run = promisify(execFile)
const repo = join(__dirname, '..', '..')
const tsx = join(repo, 'node_modules', '.bin', 'tsx')
const entry = join(repo, 'src', 'main', 'cli', 'semnote.ts')
const evalDir = join(repo, '..', 'shared', 'eval')
const temp = tempFolders()
afterAll(() => temp.cleanup())

/** Runs the CLI; resolves with exit code and output (never rejects on a non-zero exit). */
async function semnote(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, [entry, ...args], { env: { ...process.env, LANCEDB_LOG: 'error' }, maxBuffer: 64 << 20 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout, stderr: e.stderr }
  }
}

/** score.py's metric names beside ours. */
const SCORE_PY_NAMES: [string, string][] = [['recall@1', 'Recall@1'], ['recall@5', 'Recall@5'], ['recall@10', 'Recall@10'], ['mrr@10', 'MRR@10'], ['ndcg@10', 'nDCG@10']]

describe('semnote CLI', () => {
  it('indexes the sample notes, searches them, reports status, and check fails on a damaged index', async () => {
    const notes = temp.make('samples')
    const dataDir = temp.make('data')
    cpSync(join(repo, 'resources', 'samples'), notes, { recursive: true })
    const data = ['--data-dir', dataDir, '--models-dir', temp.make('no-models')]

    expect((await semnote(['index', notes, '--threads', '0', ...data])).stderr).toMatch(/--threads: expected a whole number from 1 to 64, got 0/)
    const indexed = await semnote(['index', notes, '--threads', '2', ...data])
    expect(indexed.stderr).toBe('')
    expect(indexed.code).toBe(0)
    expect(indexed.stdout).toMatch(/total: 11 files/)

    const search = await semnote(['search', '晚上音乐很吵', '--mode', 'keyword', '--json', ...data])
    expect(search.code).toBe(0)
    const response = JSON.parse(search.stdout)
    expect(response.hits[0].path).toBe(join(notes, '楼上太吵.md'))
    // The README's first example: the Chinese and Japanese notes are both strong matches, above the fold (the Chinese
    // one sat under it while the lexicon offered 乐 before 音乐 for "music").
    const headline = JSON.parse((await semnote(['search', 'loud music at night', '--json', ...data])).stdout) as { hits: { path: string; strong: boolean }[] }
    const strong = headline.hits.filter((hit) => hit.strong).map((hit) => hit.path)
    expect(strong).toEqual(expect.arrayContaining([join(notes, '楼上太吵.md'), join(notes, '夜の騒音.md'), join(notes, 'noisy-neighbours.md')]))
    const human = await semnote(['search', 'sourdough', '-k', '3', '--ext', 'md', ...data])
    expect(human.stdout).toMatch(/sourdough-bread\.md:\d+\s+"Sourdough bread"/)
    // The passage line shows the heading once, not again as the passage's first line.
    expect(human.stdout).toMatch(/\n {6}Sourdough bread \| Feed the starter/)

    // Issue 14's example: "Lisbon" over the 11 samples lists the Lisbon note first and at most one other (the lite pack
    // finds the Kyoto trip close in meaning) as strong matches, then the fold as one separator line.
    const folded = await semnote(['search', 'Lisbon', ...data])
    expect(folded.stdout).toMatch(/^ 1\. 1\.00 .*trip-to-lisbon\.md:\d+ .*\n.*\n(?: 2\. .*\n.*\n)? {4}---- \d+ weaker matches \(--all shows them\) ----\n$/)

    const related = await semnote(['related', join(notes, 'houseplants.md'), '--json', ...data])
    expect(related.code).toBe(0)
    const relatedPaths = (JSON.parse(related.stdout) as { path: string }[]).map((h) => h.path)
    expect(relatedPaths).not.toContain(join(notes, 'houseplants.md'))
    expect((await semnote(['related', '/etc/passwd', ...data])).stderr).toMatch(/PATH_OUTSIDE_ROOTS/)

    const status = JSON.parse((await semnote(['status', '--json', ...data])).stdout)
    expect(status.files).toBe(11)

    expect((await semnote(['check', ...data])).code).toBe(0)
    // Damage the table in use: the bundled lite pack's when it loads, else the keyword-only one.
    const model = status.model as { state: string; id: string; dimension?: number }
    const store = await ChunkStore.open(dataDir, model.state === 'ready' ? { modelId: model.id, dimension: model.dimension } : { modelId: null })
    await store.deleteFiles([join(notes, 'houseplants.md')])
    await store.close()
    const check = await semnote(['check', ...data])
    expect(check.code).toBe(1)
    expect(check.stdout).toMatch(/INCONSISTENT/)
    expect(check.stdout).toContain('houseplants.md')

    expect((await semnote(['search', ...data])).code).toBe(2)
  }, 300_000) // spawns the CLI ten times; on a loaded 2-core machine that took 114 s

  it('eval prints the same metrics as score.py on the run it wrote, and keyword mode reaches the BM25 bar on xquad en and zh', async () => {
    const sets = ['xquad-en2en', 'xquad-zh2zh'].map((name) => join(evalDir, name))
    for (const set of sets) expect(existsSync(set), `${set} (the shared eval data) is needed`).toBe(true)
    const out = temp.make('runs')
    const args = ['eval', ...sets, '--mode', 'keyword', '--json', '--run-out', out, '--data-dir', temp.make('eval-data')]
    const result = await semnote(args)
    expect(result.code, result.stderr).toBe(0)
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, number | string>)
    expect(lines.map((line) => line.set)).toEqual(['xquad-en2en', 'xquad-zh2zh'])
    const bars = bm25Bars()
    for (const [index, set] of sets.entries()) {
      const ours = lines[index]!
      expect(ours.queries).toBe(300)
      const runFile = join(out, `${ours.set}.run.jsonl`)
      expect(readFileSync(runFile, 'utf8').trim().split('\n')).toHaveLength(300)
      const { stdout } = await run('python3', [join(evalDir, 'score.py'), '--qrels', join(set, 'qrels.tsv'), '--run', runFile, '--json'])
      const reference = JSON.parse(stdout)
      expect(reference.missing_from_run).toBe(0)
      for (const [mine, theirs] of SCORE_PY_NAMES) {
        expect(ours[mine], `${ours.set} ${mine}`).toBeCloseTo(reference[theirs], 12)
        expect(ours[mine] as number, `${ours.set} ${mine} against BM25`).toBeGreaterThanOrEqual(bars.get(ours.set as string)![mine as keyof Bar] - ROUNDING)
      }
    }
  })
})
