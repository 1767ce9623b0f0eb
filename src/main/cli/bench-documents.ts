// Bench section 8, documents: PDF pages/s and .docx files/s extracted (through the document worker, as indexing does),
// and files on disk -> searchable for a folder of PDFs, Word and EPUB files, each beside Markdown holding the same text,
// in the same run, CPU time beside wall time.
import { execFile } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { promisify } from 'node:util'
import { Engine } from '../engine/engine'
import { extractBytes } from '../engine/extract'
import { documentPool } from '../engine/extract/isolated/document-pool'
import { loadPack } from '../engine/model/pack'
import type { BenchConfig } from './bench-setup'
import { listFiles } from './bench-setup'
import { median, round } from './bench-stats'

/** Sizes of the documents corpus (scripts/fixtures/make-bench-documents.ts). */
export interface DocumentCorpusSizes {
  pdfs: number
  pages: number
  docx: number
  epub: number
}

/** One timed run: wall and CPU ms (CPU of the whole process, the document worker's thread included). */
export interface Timing {
  wallMs: number
  cpuMs: number
}

export interface Rate extends Timing {
  /** Units (pages, files, passages) per second of wall time, and per second of CPU time. */
  perSecond: number
  perCpuSecond: number
}

export interface DocumentsResult {
  pdf: { files: number; pages: number; extract: Rate; markdown: Rate; ratio: number }
  docx: { files: number; extract: Rate; markdown: Rate; ratio: number }
  endToEnd: { packId: string; files: number; passages: number; documents: Rate; markdownFiles: number; markdownPassages: number; markdown: Rate; ratio: number }
}

/** Writes the corpus with the generator script (through tsx, as the bench makes its test model). */
export async function writeDocumentCorpus(repoRoot: string, dir: string, sizes: DocumentCorpusSizes): Promise<void> {
  const args = ['--import', 'tsx', 'scripts/fixtures/make-bench-documents.ts', dir, ...Object.entries(sizes).flatMap(([k, v]) => [`--${k}`, String(v)])]
  await promisify(execFile)(process.execPath, args, { cwd: repoRoot })
}

async function time(work: () => Promise<void>): Promise<Timing> {
  const cpu = process.cpuUsage()
  const start = performance.now()
  await work()
  const used = process.cpuUsage(cpu)
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 }
}

/** The median run of several, as a rate of `units`. */
function rate(runs: Timing[], units: number): Rate {
  const wallMs = median(runs.map((r) => r.wallMs))
  const cpuMs = median(runs.map((r) => r.cpuMs))
  return { wallMs: Math.round(wallMs), cpuMs: Math.round(cpuMs), perSecond: round(units / (wallMs / 1000), 1), perCpuSecond: round(units / (cpuMs / 1000), 1) }
}

/** Extracts every file (bytes read beforehand: extraction alone is timed); returns the pages of paged documents. */
async function extractAll(files: { path: string; bytes: Buffer }[]): Promise<number> {
  let pages = 0
  for (const file of files) {
    const result = await extractBytes(file.path, file.bytes)
    if (!result.ok) throw new Error(`bench: ${file.path} was not read: ${result.detail}`)
    pages += result.doc.pageTexts?.length ?? 0
  }
  return pages
}

async function indexFolder(config: BenchConfig, folder: string, packDir: string, packId: string, name: string): Promise<{ timing: Timing; passages: number }> {
  const dataDir = join(config.workDir, `documents-${name}`)
  await rm(dataDir, { recursive: true, force: true })
  const engine = await Engine.open({ dataDir, modelDirs: [packDir], modelId: packId, threads: config.threads, watch: false })
  try {
    const timing = await time(async () => {
      await engine.call('addRoots', { paths: [folder] })
      await engine.whenIdle()
    })
    const passages = [...(await engine.chunkCounts()).values()].reduce((a, b) => a + b, 0)
    return { timing, passages }
  } finally {
    await engine.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

/** Runs the documents section over config.documentsDir (documents/ and their Markdown twins in markdown/). */
export async function benchDocuments(config: BenchConfig): Promise<DocumentsResult | null> {
  if (!config.documentsDir) return null
  const read = async (folder: string, accept: (path: string) => boolean) =>
    Promise.all((await listFiles(join(config.documentsDir!, folder))).filter(accept).map(async (path) => ({ path, bytes: await readFile(path) })))
  const isExt = (ext: string) => (path: string) => extname(path) === `.${ext}`
  const pdfs = await read('documents', isExt('pdf'))
  const docx = await read('documents', isExt('docx'))
  const pdfTwins = await read('markdown', (path) => /report-\d+\.md$/.test(path))
  const docxTwins = await read('markdown', (path) => /docx-\d+\.md$/.test(path))
  // Warm: the worker started and pdf.js and mammoth loaded, as during any indexing run past its first document.
  await extractAll([pdfs[0]!, docx[0]!])

  const runs = { pdf: [] as Timing[], pdfMarkdown: [] as Timing[], docx: [] as Timing[], docxMarkdown: [] as Timing[], documents: [] as Timing[], markdown: [] as Timing[] }
  let pages = 0
  const packDir = config.litePackDir ?? config.packDir
  const { manifest } = await loadPack(packDir)
  let passages = { documents: 0, markdown: 0 }
  for (let r = 0; r < config.rounds; r++) {
    // Interleaved, so load from other processes falls on both sides of each comparison.
    runs.pdf.push(await time(async () => void (pages = await extractAll(pdfs))))
    runs.pdfMarkdown.push(await time(async () => void (await extractAll(pdfTwins))))
    runs.docx.push(await time(() => extractAll(docx).then(() => undefined)))
    runs.docxMarkdown.push(await time(() => extractAll(docxTwins).then(() => undefined)))
    const documents = await indexFolder(config, join(config.documentsDir, 'documents'), packDir, manifest.id, 'documents')
    const markdown = await indexFolder(config, join(config.documentsDir, 'markdown'), packDir, manifest.id, 'markdown')
    runs.documents.push(documents.timing)
    runs.markdown.push(markdown.timing)
    passages = { documents: documents.passages, markdown: markdown.passages }
  }
  await documentPool.close()
  const ratio = (a: Rate, b: Rate) => round(a.perSecond / b.perSecond)
  const pdf = { files: pdfs.length, pages, extract: rate(runs.pdf, pages), markdown: rate(runs.pdfMarkdown, pages), ratio: 0 }
  pdf.ratio = ratio(pdf.extract, pdf.markdown)
  const word = { files: docx.length, extract: rate(runs.docx, docx.length), markdown: rate(runs.docxMarkdown, docx.length), ratio: 0 }
  word.ratio = ratio(word.extract, word.markdown)
  const documentFiles = (await listFiles(join(config.documentsDir, 'documents'))).length
  const markdownFiles = (await listFiles(join(config.documentsDir, 'markdown'))).length
  const endToEnd = {
    packId: manifest.id,
    files: documentFiles,
    passages: passages.documents,
    documents: rate(runs.documents, passages.documents),
    markdownFiles,
    markdownPassages: passages.markdown,
    markdown: rate(runs.markdown, passages.markdown),
    ratio: 0
  }
  endToEnd.ratio = ratio(endToEnd.documents, endToEnd.markdown)
  return { pdf, docx: word, endToEnd }
}
