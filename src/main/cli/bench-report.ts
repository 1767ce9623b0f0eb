// Bench results: the JSON shape, the targets of issue 6 (and issue 8's lite-pack throughput), and the Markdown + SVG report.
import type { SearchMode } from '../../shared/types'
import type { DocumentsResult, Rate } from './bench-documents'
import type { ScalingPack, ScalingResult } from './bench-scaling'
import type { EmbeddingResult, Throughput } from './bench-embed'
import type { DoorLatency, DoorsResult } from './bench-doors'
import type { PipelineResult } from './bench-index'
import type { MapBenchResult } from './bench-map'
import type { MapFramesResult } from './bench-map-frames'
import { QUERY_MODES, type QueryResults, type StartupResult, type TableLatency } from './bench-query'
import type { TranslationResult } from './bench-translation'

export interface MachineInfo {
  cpu: string
  cores: number
  memoryGb: number
  node: string
  platform: string
  /** 1-minute load average at the start and end of each section. */
  load: Record<string, [number, number]>
}

export interface BenchResults {
  startedAt: string
  durationSeconds: number
  /** Wall time of each section (child process), s. */
  sectionSeconds: Record<string, number>
  quick: boolean
  threads: number
  model: { id: string; dir: string; real: boolean }
  machine: MachineInfo
  embedding: EmbeddingResult
  pipeline: PipelineResult
  queries: QueryResults
  startup: StartupResult
  lite: PipelineResult | null
  /** Query translation's cost (null without the lite pack's lexicon). */
  translation: TranslationResult | null
  doors: DoorsResult
  /** Section 7 (absent from results written before it existed). */
  documents?: DocumentsResult | null
  /** The map (issue 16): null without the lite pack. */
  map: MapBenchResult | null
  mapFrames: MapFramesResult
  /** Section 11 (issue 20): indexing at 1, 2, ... prepare workers with CPU split by thread, and search while indexing. */
  scaling?: ScalingResult | null
  targets: TargetCheck[]
}

export interface TargetCheck {
  name: string
  measured: number
  unit: string
  /** The target as text, e.g. ">= 1.3". */
  target: string
  pass: boolean
}

/** The largest table's default configuration (the store builds the vector index from 20k rows; the bench measures both). */
function largest(queries: TableLatency[]): TableLatency {
  return queries.reduce((a, b) => (b.rows > a.rows ? b : a))
}

/** Checks every target of issue 6 (and issue 8's lite-pack throughput when the pack is present). */
export function checkTargets(r: Omit<BenchResults, 'targets'>): TargetCheck[] {
  const big = largest(r.queries.tables)
  const atLeast = (name: string, measured: number, unit: string, min: number): TargetCheck => ({ name, measured, unit, target: `>= ${min}`, pass: measured >= min })
  const atMost = (name: string, measured: number, unit: string, max: number): TargetCheck => ({ name, measured, unit, target: `<= ${max}`, pass: measured <= max })
  const checks = [
    atLeast('Embedding: Semnote / transformers.js', r.embedding.ratioSemnoteToTransformers, 'x', 1.3),
    atLeast('Embedding: Semnote / bare onnxruntime', r.embedding.ratioSemnoteToBare, 'x', 0.9),
    atLeast('Pipeline / embedding-only', r.pipeline.ratio, 'x', 0.85),
    atMost(`Hybrid p95 at ${big.rows} chunks (vector index, query embedding incl.)`, big.withVectorIndex.hybrid.p95, 'ms', 50),
    atMost(`Keyword p95 at ${big.rows} chunks`, big.withVectorIndex.keyword.p95, 'ms', 15),
    atMost('Engine ready', r.startup.readyMs, 'ms', 1500),
    atMost('Indexing peak RSS', r.pipeline.indexingPeakRssMb, 'MB', 700)
  ]
  if (r.lite) checks.push(atLeast('Lite pack indexing (issue 8)', r.lite.pipelineChunksPerSecond, 'chunks/s', 2000))
  if (r.lite) checks.push(atLeast('Lite pipeline / embedding-only (issue 20)', r.lite.ratio, 'x', 0.5))
  const lite = r.scaling?.lite
  if (lite) {
    checks.push(atMost('Lite: engine-thread CPU per passage, 1 prepare worker (issue 20)', lite.runs[0]!.cpuMsPerPassage.engineThread, 'ms', 0.45))
    checks.push(atMost('Lite: engine thread share of process CPU while indexing, most at any worker count (issue 20)', Math.max(...lite.runs.map((run) => run.engineShare)), '', 0.35))
  }
  if (r.scaling?.search) checks.push(atMost('Lite: search p95 while indexing / idle (issue 20)', r.scaling.search.p95Ratio, 'x', 1.5))
  if (r.translation) checks.push(atMost(`Hybrid p95 with / without query translation at ${r.translation.rows} chunks (issue 14)`, r.translation.p95Ratio, 'x', 1.3))
  if (r.map) checks.push(atMost(`Search p95 while a map of ${r.map.notes} notes is computed / idle (issue 16)`, r.map.search.ratioP95, 'x', 1.2))
  if ('frameMs' in r.mapFrames) checks.push(atMost(`Map frame while dragging ${r.mapFrames.points} points, p95 (issue 16)`, r.mapFrames.frameMs.p95, 'ms', 16.7))
  return checks
}

const table = (header: string[], rows: (string | number)[][]): string =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n')

function latencyRows(q: TableLatency): (string | number)[][] {
  const rows: (string | number)[][] = []
  for (const [label, series] of [['flat (no vector index)', q.withoutVectorIndex], ['IVF_RQ vector index', q.withVectorIndex]] as const) {
    for (const mode of QUERY_MODES) {
      const s = series[mode as SearchMode]
      rows.push([q.rows, label, mode, s.p50, s.p95, s.p99, s.mean, s.firstMs, s.count, s.withHits])
    }
  }
  return rows
}

function throughputCells(t: Throughput): (string | number)[] {
  return [t.passagesPerSecond, t.tokensPerSecond, t.cpuMsPerPassage, t.roundsMs.join(', ')]
}

function doorRow(name: string, d: DoorLatency): (string | number)[] {
  return [name, d.wall.p50, d.wall.p95, d.wall.p99, d.wall.mean, d.cpuMsPerQuery, d.withHits]
}

function doorsSection(d: DoorsResult): string {
  return `${table(['door', 'p50', 'p95', 'p99', 'mean', 'CPU ms/query', 'share with hits'], [
    doorRow('in-process (read-only Engine.call)', d.inProcess),
    doorRow('HTTP: semnote serve, GET /v1/search', d.http),
    doorRow('MCP: semnote mcp, tools/call search_notes over stdio', d.mcp)
  ])}

${d.queries} queries per door (the eval sets' real queries, hybrid, limit 10), one after another on each door in rotating order, on ${d.notes} notes / ${d.chunks} chunks indexed with \`${d.model}\`. HTTP/in-process p50 **${d.httpToInProcess}×**, MCP/in-process p50 **${d.mcpToInProcess}×** (median of per-group ratios). CPU time counts the client (this process) and ${d.serverCpuCounted ? 'the server process (from /proc)' : 'not the server process (no /proc here)'}; the in-process door has no server.`
}

function pipelineTable(p: PipelineResult): string {
  return table(
    ['pack', 'files', 'chunks', 'files -> searchable (chunks/s)', 'embedding only (chunks/s)', 'ratio', 'runs ms (pipeline / embed)', 'peak RSS MB', 'idle RSS MB', 'disk B/chunk'],
    [[p.packId, p.files, p.chunks, p.pipelineChunksPerSecond, p.embedOnlyChunksPerSecond, p.ratio, `${p.pipelineRoundsMs.join(', ')} / ${p.embedOnlyRoundsMs.join(', ')}`, p.indexingPeakRssMb, p.idleRssMb, p.diskBytesPerChunk]]
  )
}

function translationSection(t: TranslationResult): string {
  return `${table(
    ['hybrid search at ' + t.rows + ' chunks', 'p50 ms', 'p95 ms', 'p99 ms', 'CPU ms / query'],
    [
      ['without query translation', t.without.wall.p50, t.without.wall.p95, t.without.wall.p99, t.without.cpuMsPerQuery],
      ['with query translation', t.with.wall.p50, t.with.wall.p95, t.with.wall.p99, t.with.cpuMsPerQuery]
    ]
  )}

Two engines on the same table (vector index built), one finding the lite pack's query lexicon, queried in ${t.rounds} interleaved rounds (${t.queries} queries each); ratios are medians of per-round ratios: p95 **${t.p95Ratio}x**, CPU ${t.cpuRatio}x. The table's rows carry the language guessed from their text, so translations go to every language of the eval corpora. Lexicon: ${(t.lexicon.bytes / 2 ** 20).toFixed(1)} MB, held outside the JS heap once loaded (read, SHA-256, Brotli, header) in ${t.lexicon.loadMs} ms on first use.`
}

/** The Markdown report. */
export function renderMarkdown(r: BenchResults): string {
  const e = r.embedding
  const load = Object.entries(r.machine.load).map(([section, [start, end]]) => `${section} ${start}->${end}`).join(', ')
  return `# Semnote benchmark${r.quick ? ' (quick run: reduced sizes, not for quoting)' : ''}

${r.startedAt}, ${r.durationSeconds} s. ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB, Node ${r.machine.node} (${r.machine.platform}).
Threads for every engine and peer: ${r.threads}. Model: \`${r.model.id}\` (${r.model.real ? 'the real pack' : 'generated test model with the same architecture and int8 graph cost, random weights'}).
1-minute load average per section (start->end): ${load}. Section durations (s): ${Object.entries(r.sectionSeconds).map(([name, seconds]) => `${name} ${seconds}`).join(', ')}.

## Targets

${table(['target', 'measured', 'goal', 'pass'], r.targets.map((t) => [t.name, `${t.measured} ${t.unit}`, `${t.target} ${t.unit}`, t.pass ? 'PASS' : 'FAIL']))}

![throughput and latency](chart.svg)

## 1. Embedding throughput (same ${e.passages} chunks, ${e.meanTokens} tokens on average, ${e.threads} thread(s), median of ${e.semnote.roundsMs.length} interleaved rounds)

${table(['engine', 'passages/s', 'tokens/s', 'CPU ms/passage', 'rounds ms'], [
  ['(a) Semnote Embedder', ...throughputCells(e.semnote)],
  [`(b) @huggingface/transformers feature-extraction (q8, mean, normalize; ${e.transformersBatch} texts per call in note order)`, ...throughputCells(e.transformers)],
  [`(c) bare onnxruntime-node session.run (pre-tokenized, length-sorted, <= ${e.bareTokensPerBatch} padded tokens per batch; run only)`, ...throughputCells(e.bareOnnxruntime)]
])}

(a)/(b) = **${e.ratioSemnoteToTransformers}**, (a)/(c) = **${e.ratioSemnoteToBare}** by wall time (median of the per-round ratios: runs of one round are back to back); by CPU time per passage (steadier when other processes compete for the cores) ${e.cpuRatioSemnoteToTransformers} and ${e.cpuRatioSemnoteToBare}. Lowest cosine between (a) and (b) vectors of the same passage: ${e.minCosineSemnoteVsTransformers} (same computation).

## 2. Pipeline: files on disk -> searchable (Engine, watch off) vs embedding the same chunks alone

${pipelineTable(r.pipeline)}

Engine.open on an empty data dir: ${r.pipeline.openMs} ms. Searchable right after indexing: ${r.pipeline.searchable ? 'yes' : 'NO'}.

## 3. Query latency, engine-side (Engine.call('search'), limit 10), ms

Tables hold real note text (paragraphs of the eval corpora) with **synthetic clustered unit vectors** (no model can embed 100k chunks in the time budget); queries are the eval sets' real queries, and semantic/hybrid include embedding the query with the model. Searches are made as the app makes them: the tint of the sentence closest in meaning is asked for afterwards, for the result shown (its cost is below). "first" is the first query of that mode after the engine opened.

${table(['chunks', 'vector search', 'mode', 'p50', 'p95', 'p99', 'mean', 'first', 'queries', 'share with hits'], r.queries.tables.flatMap(latencyRows))}

${table(['chunks', 'write ms', 'upkeep ms (FTS + optimize)', 'vector index build ms', 'trained rows', 'disk B/chunk after optimize'], r.queries.tables.map((q) => [q.rows, q.buildMs.write, q.buildMs.upkeep, q.buildMs.vectorIndex, q.vectorIndexTrainedRows ?? '-', q.diskBytesPerChunk]))}

Model work, timed alone (same session, ${r.queries.queryEmbedding.count} samples): embedding one query (inside every semantic/hybrid search) p50 ${r.queries.queryEmbedding.p50} / p95 ${r.queries.queryEmbedding.p95} ms; scoring one chunk's sentences for the best-sentence tint (asked after the results are shown) p50 ${r.queries.sentenceScoring.p50} / p95 ${r.queries.sentenceScoring.p95} ms.

## 4. Start-up (fresh process, ${r.startup.rows} chunks)

${table(['engine ready (Engine.open) ms', 'process start -> ready ms', 'first hybrid query ms', 'time to first result ms', 'idle RSS MB'], [[r.startup.readyMs, r.startup.processToReadyMs, r.startup.firstQueryMs, r.startup.timeToFirstResultMs, r.startup.idleRssMb]])}

## 5. Memory and disk

Indexing peak RSS ${r.pipeline.indexingPeakRssMb} MB (model loaded + indexing ${r.pipeline.chunks} chunks), idle after indexing ${r.pipeline.idleRssMb} MB, idle with ${r.startup.rows} chunks open ${r.startup.idleRssMb} MB. Disk after optimize: ${r.pipeline.diskBytesPerChunk} B/chunk (real ${r.embedding.meanTokens}-token chunks), ${largest(r.queries.tables).diskBytesPerChunk} B/chunk at ${largest(r.queries.tables).rows} chunks (with vector index).

## 6. Lite pack

${r.lite ? `${pipelineTable(r.lite)}

Corpus: ${r.lite.files} seeded synthetic Markdown notes written from the pack's own vocabulary (Latin-script and CJK sentences, inflected and unknown words), large enough that per-run fixed costs do not dominate; the same files are used for the embedding-only figure.` : 'The lite pack (resources/models/semnote-lite-multi) is not present.'}

## 7. Search through the doors (MCP, HTTP) next to in-process, ms

${doorsSection(r.doors)}

## 8. Documents: PDF, Word and EPUB beside Markdown holding the same text

${r.documents ? documentsSection(r.documents) : 'Not measured.'}

## 9. Query translation

${r.translation ? translationSection(r.translation) : 'The lite pack (resources/models/semnote-lite-multi) and its query lexicon are not present.'}

## 10. Map of notes (lite pack)

${mapSection(r)}

## 11. Indexing on more cores: prepare workers, CPU by thread, search while indexing

${r.scaling ? scalingSection(r.scaling) : 'Not measured.'}

Reproduce: \`npm run build && npm run bench\` (\`-- --quick\` for a reduced run; \`--threads N\`, \`--model <pack dir>\`, \`--out <dir>\`; SEMNOTE_EVAL_DIR points at the eval corpora).
`
}

function mapSection(r: BenchResults): string {
  const m = r.map
  const f = r.mapFrames
  const layout = m
    ? `${table(['notes (dimension)', 'layout wall ms', 'layout CPU ms (all threads)', 'phase starts ms', 'topics', `placing ${m.placement.notes} new notes: wall ms`, 'CPU ms', 'share of a full layout'], [
        [`${m.notes} (${m.dimension}-d)`, m.layout.wallMs, m.layout.cpuMs, Object.entries(m.layout.phaseStartsMs).map(([phase, ms]) => `${phase} ${ms}`).join(', '), m.layout.clusters, m.placement.wallMs, m.placement.cpuMs, m.placement.shareOfLayout]
      ])}

Hybrid search while that layout is computed in its worker thread (${m.search.queries} searches, ${m.search.idle.count} per idle series, limit 10), ms:

${table(['series', 'p50', 'p95', 'p99', 'mean'], [
  ['idle, before', m.search.idle.p50, m.search.idle.p95, m.search.idle.p99, m.search.idle.mean],
  ['while the layout is computed', m.search.duringLayout.p50, m.search.duringLayout.p95, m.search.duringLayout.p99, m.search.duringLayout.mean],
  ...Object.entries(m.search.duringPhase).map(([phase, p]) => [`... started while ${phase} (${p.count})`, p.p50, p.p95, p.p99, p.mean]),
  ['idle, after', m.search.idleAfter.p50, m.search.idleAfter.p95, m.search.idleAfter.p99, m.search.idleAfter.mean]
])}

p95 during / idle (the mean of the two idle p95s): **${m.search.ratioP95}x**. Every series paces its searches 40 ms apart. CPU per idle search ${m.search.idleCpuMsPerQuery} ms. The notes are seeded synthetic notes from the pack's vocabulary.`
    : 'The lite pack is not present: no map section.'
  const frames =
    'frameMs' in f
      ? `Frames while dragging a map of ${f.points} points in headless Chromium (the built renderer, a stand-in bridge): drawing time per frame p50 ${f.frameMs.p50} / p95 ${f.frameMs.p95} / max ${f.frameMs.max} ms (${f.redraws} of ${f.frameMs.count} frames redrew the layer of points, the longest in ${f.redrawMs} ms; the rest copied it); interval between frames while dragging continuously p50 ${f.intervalMs.p50} / p95 ${f.intervalMs.p95} ms.`
      : `Frame times: skipped (${f.skipped}).`
  return `${layout}

${frames}`
}

/** A two-panel SVG bar chart: embedding throughput (a/b/c) and p95 latency per mode at the largest table. */
export function renderChart(r: BenchResults): string {
  const big = largest(r.queries.tables)
  const panels = [
    {
      title: `Embedding, passages/s (${r.threads} thread)`,
      bars: [
        ['Semnote', r.embedding.semnote.passagesPerSecond],
        ['transformers.js', r.embedding.transformers.passagesPerSecond],
        ['bare onnxruntime', r.embedding.bareOnnxruntime.passagesPerSecond],
        ['pipeline (files)', r.pipeline.pipelineChunksPerSecond]
      ] as [string, number][]
    },
    {
      title: `Query p95 ms at ${big.rows} chunks`,
      bars: QUERY_MODES.flatMap((m) => [
        [`${m} flat`, big.withoutVectorIndex[m].p95],
        [`${m} indexed`, big.withVectorIndex[m].p95]
      ]) as [string, number][]
    }
  ]
  const rowHeight = 22
  const width = 640
  let y = 10
  const parts: string[] = []
  for (const panel of panels) {
    const max = Math.max(...panel.bars.map(([, v]) => v), 1e-9)
    parts.push(`<text x="10" y="${y + 14}" font-weight="bold">${escapeXml(panel.title)}</text>`)
    y += 24
    for (const [label, value] of panel.bars) {
      const barWidth = Math.max(1, Math.round((value / max) * 380))
      parts.push(`<text x="10" y="${y + 15}">${escapeXml(label)}</text>`)
      parts.push(`<rect x="150" y="${y + 3}" width="${barWidth}" height="${rowHeight - 6}" fill="#4a7bd0"/>`)
      parts.push(`<text x="${156 + barWidth}" y="${y + 15}">${value}</text>`)
      y += rowHeight
    }
    y += 12
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" font-family="sans-serif" font-size="12">\n<rect width="100%" height="100%" fill="white"/>\n${parts.join('\n')}\n</svg>\n`
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function rateCells(rate: Rate, unit: string): string[] {
  return [`${rate.perSecond} ${unit}/s`, `${rate.perCpuSecond} ${unit}/CPU-s`, `${rate.wallMs}`, `${rate.cpuMs}`]
}

/** Section 7 of the report: extraction rates and end-to-end indexing, each beside its Markdown twin. */
function documentsSection(d: DocumentsResult): string {
  const e = d.endToEnd
  return `${table(['what', 'rate', 'by CPU time', 'wall ms', 'CPU ms'], [
    [`PDF extracted (${d.pdf.files} files, ${d.pdf.pages} pages)`, ...rateCells(d.pdf.extract, 'pages')],
    ['  the same text as Markdown', ...rateCells(d.pdf.markdown, 'pages')],
    [`.docx extracted (${d.docx.files} files)`, ...rateCells(d.docx.extract, 'files')],
    ['  the same text as Markdown', ...rateCells(d.docx.markdown, 'files')],
    [`Mixed folder indexed, files on disk -> searchable (${e.files} PDF, .docx and .epub files, ${e.passages} passages, ${e.packId})`, ...rateCells(e.documents, 'passages')],
    [`  the same text as Markdown (${e.markdownFiles} notes, ${e.markdownPassages} passages)`, ...rateCells(e.markdown, 'passages')]
  ])}

Document / Markdown: PDF extraction ${d.pdf.ratio}x, .docx extraction ${d.docx.ratio}x, end to end ${e.ratio}x (wall time, medians of interleaved rounds; CPU time counts every thread of the process, the document worker's included). Extraction runs in the document worker (one file at a time, bytes transferred, a fresh worker after a limit was hit), so it is timed as indexing pays for it.`
}

function scalingPackSection(name: string, p: ScalingPack): string {
  const rows = p.runs.map((run) => [
    run.workers,
    run.passagesPerSecond,
    run.cpuMsPerPassage.engineThread,
    run.cpuMsPerPassage.prepareWorkers,
    run.cpuMsPerPassage.modelWorker,
    run.cpuMsPerPassage.other,
    run.cpuMsPerPassage.process,
    run.engineShare,
    run.roundsMs.join(', ')
  ])
  const ceiling = p.projectedCeiling.map((c) => `${c.cores} cores ${c.passagesPerSecond}/s (${c.boundBy})`).join('; ')
  const others = p.runs
    .filter((run) => run.cpuMsPerPassage.otherByThread)
    .map((run) => {
      const o = run.cpuMsPerPassage.otherByThread!
      return `${run.workers} worker(s): LanceDB ${o.lancedb}, V8 helpers (GC, compiler) ${o.v8Helpers}, libuv pool ${o.libuv}, file reader ${o.fileReader}, rest ${o.rest}`
    })
  return `### ${name}: \`${p.packId}\`, ${p.files} files, ${p.runs[0]?.passages ?? 0} passages

${table(['prepare workers', 'passages/s', 'engine thread ms/passage', 'prepare workers ms/passage', 'model worker ms/passage', 'other threads ms/passage', 'process CPU ms/passage', 'engine share', 'rounds ms'], rows)}

${others.length > 0 ? `Other threads, CPU ms per passage (/proc/self/task): ${others.join('; ')}.\n\n` : ''}Embedding alone (the same passages from their text, tokenizing included): ${p.embedOnlyPassagesPerSecond} passages/s. Projected ceiling from the fastest run's split (the engine thread and the model worker are one thread each; the rest spreads over the cores): ${ceiling}.`
}

function scalingSection(s: ScalingResult): string {
  const search = s.search
  return `${s.lite ? scalingPackSection('Lite pack', s.lite) : 'The lite pack is not present.'}

${scalingPackSection('e5-shaped model', s.e5)}

${search ? `Hybrid search while a changed copy of the lite corpus is indexed beside it (${search.rounds} copies, each removed again after, ${search.workers} prepare worker(s), ${search.queries} searches one after another, 20 ms apart) against the same queries in the same order and pacing once idle, before the copies and after them: p50 ${search.indexing.p50} / p95 ${search.indexing.p95} ms against p50 ${search.idle.p50} / p95 ${search.idle.p95} ms idle before and p50 ${search.idleAfter.p50} / p95 ${search.idleAfter.p95} ms after: p95 ratio (against the mean of the two idle p95s) **${search.p95Ratio}×**. Indexing steps aside while searches run: a copy took ${search.copyMsSearching} ms to index under this stream of searches, ${search.copyMsQuiet} ms with none.` : ''}

This machine: ${s.cores} cores. CPU time per thread comes from process.threadCpuUsage (engine thread, in each worker for its own thread) and process.cpuUsage (the process); medians of the rounds after a warm-up run at each worker count.`
}
