// Smoke test of `semnote bench`: a quick run on a tiny corpus with the tiny model writes a report with every figure (no timing assertions).
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runBenchSuite } from '../../src/main/cli/bench'
import type { BenchResults } from '../../src/main/cli/bench-report'
import { workerCounts } from '../../src/main/cli/bench-scaling'
import { getTinyPack } from '../helpers/test-model'
import { ensureRendererBuilt } from '../e2e/support/renderer-build'

const repoRoot = resolve(__dirname, '../..')
const evalDir = process.env.SEMNOTE_EVAL_DIR ?? resolve(repoRoot, '../shared/eval')

/** Every number in `value` (recursively), with its path. */
function numbers(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]]
  if (Array.isArray(value)) return value.flatMap((v, i) => numbers(v, `${path}[${i}]`))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => numbers(v, path ? `${path}.${k}` : k))
  return []
}

describe('semnote bench --quick', () => {
  let out = ''
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true })
  })

  it('writes results.json, report.md and chart.svg with every figure', async () => {
    if (!existsSync(evalDir)) throw new Error(`eval corpora missing at ${evalDir} (set SEMNOTE_EVAL_DIR)`)
    out = await mkdtemp(join(tmpdir(), 'semnote-bench-smoke-'))
    // The map's frame-time section drives the built renderer.
    await ensureRendererBuilt()
    const folder = await runBenchSuite({
      quick: true,
      model: await getTinyPack(),
      out,
      corpusBytes: 4_000,
      sizes: { embedChunks: 8, tableSizes: [300, 600], queries: 5, mapNotes: 80, mapPoints: 3000 },
      documents: { pdfs: 1, pages: 3, docx: 2, epub: 1 },
      spawn: { entry: join(repoRoot, 'src/main/cli/semnote.ts'), execArgv: ['--import', 'tsx'] }
    })
    expect(folder).toBe(out)
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as BenchResults

    for (const [path, n] of numbers(results)) expect(Number.isFinite(n), path).toBe(true)
    const e = results.embedding
    for (const t of [e.semnote, e.transformers, e.bareOnnxruntime]) expect(t.passagesPerSecond).toBeGreaterThan(0)
    expect(e.minCosineSemnoteVsTransformers).toBeGreaterThan(0.99)
    expect(results.pipeline.chunks).toBeGreaterThan(0)
    expect(results.pipeline.searchable).toBe(true)
    expect(results.pipeline.diskBytesPerChunk).toBeGreaterThan(0)
    expect(results.queries.tables.map((t) => t.rows)).toEqual([300, 600])
    for (const table of results.queries.tables) {
      for (const series of [table.withoutVectorIndex, table.withVectorIndex]) {
        for (const mode of ['keyword', 'semantic', 'hybrid'] as const) expect(series[mode].count).toBe(5)
      }
      expect(table.vectorIndexTrainedRows).toBe(table.rows)
    }
    expect(results.startup.rows).toBe(600)
    expect(results.startup.readyMs).toBeGreaterThan(0)
    expect(results.lite?.chunks).toBeGreaterThan(0)
    expect(results.translation?.queries).toBeGreaterThan(0)
    expect(results.translation?.lexicon.bytes).toBeGreaterThan(0)
    for (const door of [results.doors.inProcess, results.doors.http, results.doors.mcp]) {
      expect(door.wall.count).toBe(5)
      expect(door.withHits).toBeGreaterThan(0)
      expect(door.cpuMsPerQuery).toBeGreaterThan(0)
    }
    expect(results.doors.notes).toBe(results.lite?.files)
    const d = results.documents!
    expect(d.pdf.pages).toBe(3)
    expect(d.docx.files).toBe(2)
    for (const rate of [d.pdf.extract, d.pdf.markdown, d.docx.extract, d.docx.markdown, d.endToEnd.documents, d.endToEnd.markdown]) expect(rate.perSecond).toBeGreaterThan(0)
    expect(d.endToEnd.files).toBe(4)
    expect(d.endToEnd.passages).toBeGreaterThan(0)
    expect(results.map?.notes).toBe(80)
    expect(results.map?.placement.notes).toBe(100)
    expect(results.map?.search.duringLayout.count).toBeGreaterThan(0)
    expect(results.map?.layout.cpuMs).toBeGreaterThan(0)
    if (!('frameMs' in results.mapFrames)) throw new Error(`map frames skipped: ${results.mapFrames.skipped}`)
    expect(results.mapFrames.drawn).toBe(3000)
    expect(results.mapFrames.frameMs.count).toBeGreaterThan(100)
    const scaling = results.scaling!
    for (const pack of [scaling.lite!, scaling.e5]) {
      expect(pack.runs.map((run) => run.workers)).toEqual(workerCounts(scaling.cores))
      for (const run of pack.runs) {
        expect(run.passages).toBeGreaterThan(0)
        expect(run.passagesPerSecond).toBeGreaterThan(0)
        for (const thread of ['engineThread', 'prepareWorkers', 'modelWorker', 'process'] as const) expect(run.cpuMsPerPassage[thread], thread).toBeGreaterThan(0)
      }
      expect(pack.projectedCeiling.map((c) => c.cores)).toEqual([2, 4, 8, 16])
    }
    expect(scaling.search!.queries).toBeGreaterThan(0)
    expect(scaling.search!.copyMsQuiet).toBeGreaterThan(0)
    expect(scaling.search!.copyMsSearching).toBeGreaterThan(0)
    expect(results.targets.map((t) => t.name).join('\n')).toMatch(/issue 20[\s\S]*issue 20[\s\S]*issue 20[\s\S]*issue 20/)
    expect(results.targets.map((t) => t.name).join('\n')).toMatch(/transformers[\s\S]*bare[\s\S]*Pipeline[\s\S]*Hybrid[\s\S]*Keyword[\s\S]*ready[\s\S]*RSS[\s\S]*Lite[\s\S]*translation[\s\S]*map[\s\S]*Map frame/)

    const report = await readFile(join(out, 'report.md'), 'utf8')
    for (const heading of ['## Targets', '## 1. Embedding', '## 2. Pipeline', '## 3. Query latency', '## 4. Start-up', '## 5. Memory', '## 6. Lite', '## 7. Search through the doors', '## 8. Documents', '## 9. Query translation', '## 10. Map', '## 11. Indexing on more cores']) expect(report).toContain(heading)
    expect(report).toContain('synthetic clustered unit vectors')
    for (const target of results.targets) expect(report).toContain(target.name)
    expect(await readFile(join(out, 'chart.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<rect[\s\S]*<\/svg>\n$/)
  }, 480_000)
})
