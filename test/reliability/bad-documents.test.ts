// Hostile documents (issue 15 item 4): each ends with a skip reason or a partial extraction, read in the document worker
// with its memory measured per file; the worker's time and heap limits end it, and the next file is read by a new one.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DocumentWorkerPool } from '../../src/main/engine/extract/isolated/document-pool'
import { hostileDocuments } from '../../scripts/reliability/bad-documents'
import { makeDocx } from '../../scripts/fixtures/office-writer'
import { writeSimplePdf } from '../../scripts/fixtures/pdf-writer'
import { OFFICE_SPEC } from '../fixtures/documents/spec'
import { tempFolders } from '../engine/helpers'
import { runTsChild } from './helpers'
import type { ExtractJob } from './fixtures/extract-documents'

const temp = tempFolders()
afterAll(() => temp.cleanup())

/**
 * Resident memory of the whole process (engine thread + document worker) while one hostile file is read, at most: the
 * worker's heap limit (384 MB) plus the process around it (about 120 MB before any document; pdf.js run from source
 * through tsx adds its compiled code). Measured peaks were 115-370 MB.
 */
const PEAK_RSS_BOUND_MB = 640

interface FileReport {
  path: string
  ok: boolean
  reason?: string
  detail?: string
  warnings?: string[]
  hasMarker?: boolean
  text?: string
  ms: number
  peakRssMB: number
  workerHeapMB: number
}

describe('hostile documents', () => {
  it('each ends with its skip reason or a (partial) extraction, with bounded memory', async () => {
    const dir = temp.make('hostile-docs')
    const documents = hostileDocuments()
    const job: ExtractJob = { files: [] }
    for (const [index, doc] of documents.entries()) {
      const marker = `hostile${index}zq`
      const path = join(dir, doc.name)
      writeFileSync(path, await doc.make(marker))
      job.files.push({ path, marker })
    }
    writeFileSync(join(dir, 'job.json'), JSON.stringify(job))
    const child = await runTsChild(join(__dirname, 'fixtures', 'extract-documents.ts'), [join(dir, 'job.json')], { timeoutMs: 600_000 })
    expect(child.code, child.stderr).toBe(0)
    const reports = child.stdout.trim().split('\n').map((line) => JSON.parse(line) as FileReport)
    expect(reports).toHaveLength(documents.length)
    const failures: string[] = []
    documents.forEach((doc, index) => {
      const report = reports[index]!
      const label = `${doc.name} (${doc.title})`
      const expected = doc.outcome
      if (expected.kind === 'skipped') {
        if (report.ok) failures.push(`${label}: extracted, expected a skip (${expected.reason})`)
        else if (report.reason !== expected.reason) failures.push(`${label}: skipped as ${report.reason} (${report.detail}), expected ${expected.reason}`)
        else if (!report.detail?.trim()) failures.push(`${label}: no detail`)
      } else {
        if (!report.ok) failures.push(`${label}: skipped as ${report.reason} (${report.detail}), expected indexed`)
        else {
          if (!report.hasMarker) failures.push(`${label}: its text was not read`)
          if (expected.warning && !report.warnings?.length) failures.push(`${label}: no warning`)
          if (expected.notQuery && report.text?.includes(expected.notQuery)) failures.push(`${label}: "${expected.notQuery}" was read`)
        }
      }
      if (report.peakRssMB > PEAK_RSS_BOUND_MB) failures.push(`${label}: peak memory ${report.peakRssMB} MB over ${PEAK_RSS_BOUND_MB} MB`)
    })
    console.log(reports.map((r) => `${r.path.slice(dir.length + 1).padEnd(18)} ${r.ok ? 'read' : r.reason!.padEnd(9)} ${String(r.ms).padStart(6)} ms  peak RSS ${r.peakRssMB} MB  worker heap ${r.workerHeapMB} MB`).join('\n'))
    expect(failures).toEqual([])
    // The 5,000-page PDF: partial, and it says so.
    expect(reports.find((r) => r.path.endsWith('pages-5000.pdf'))!.warnings).toEqual(['only the first 2,000 of 5,000 pages were read'])
  })

  it('ends a worker past its time limit or its heap limit, and reads the next file with a new one', async () => {
    const pool = new DocumentWorkerPool()
    const small = writeSimplePdf({ pages: [['A small ordinary page about tomatoes.']] })
    try {
      expect((await pool.extract('pdf', small)).ok).toBe(true) // warm: the worker and pdf.js are loaded
      pool.configure({ timeoutMs: 400 })
      const slow = await pool.extract('pdf', writeSimplePdf({ pages: Array.from({ length: 5000 }, (_, i) => [`Page ${i + 1} of a long report`]) }))
      expect(slow).toEqual({ ok: false, reason: 'limit', detail: 'took longer than 400 ms to read' })
      pool.configure({ timeoutMs: 120_000 })
      expect((await pool.extract('pdf', small)).ok).toBe(true)

      // A legitimate but large Word file (about 14 MB of varied text) needs more than a 48 MB heap.
      pool.configure({ maxHeapMb: 48 })
      const words = ['river', 'maple', 'lantern', 'copper', 'harbour', 'violet', 'orchard', 'signal', 'meadow', 'anchor']
      const paragraphs = Array.from({ length: 60_000 }, (_, i) => `<w:p><w:r><w:t>${Array.from({ length: 12 }, (_, j) => words[(i * 7 + j * 3 + (i >> j)) % words.length]).join(' ')} ${i}</w:t></w:r></w:p>`)
      const big = await makeDocx(OFFICE_SPEC, { documentXml: `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs.join('')}</w:body></w:document>` })
      expect(await pool.extract('docx', big)).toEqual({ ok: false, reason: 'limit', detail: 'needed more than 48 MB of memory to read' })
      const next = await pool.extract('docx', await makeDocx(OFFICE_SPEC))
      expect(next.ok && next.parts.blocks.some((block) => block.text.includes('Langstroth'))).toBe(true)
      expect(pool.workersStarted).toBe(4) // first, after the timeout, with the new heap limit, after running out of memory
    } finally {
      await pool.close()
    }
  })
})
