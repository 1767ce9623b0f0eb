// Documents read in the isolated worker, on fixtures the project generates: PDFs with known text on known pages (English,
// Chinese, Japanese, CJK fonts embedded), .docx/.epub/.odt with headings; pages kept apart, heading paths, metadata.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { chunkDocument } from '../../src/main/engine/chunk'
import { extractBytes, type ExtractedDoc } from '../../src/main/engine/extract'
import { documentPool } from '../../src/main/engine/extract/isolated/document-pool'
import { decodeForPreview, estimateTokens } from '../../src/main/engine/facade/pipeline'
import { makeDocx, makeEpub, makeOdt } from '../../scripts/fixtures/office-writer'
import { writeSimplePdf } from '../../scripts/fixtures/pdf-writer'
import { OFFICE_SPEC, PDF_SPECS } from '../fixtures/documents/spec'

const fixtures = join(__dirname, '..', 'fixtures', 'documents')
afterAll(() => documentPool.close())

async function extract(name: string, bytes: Uint8Array): Promise<ExtractedDoc> {
  const result = await extractBytes(join('/docs', name), bytes)
  if (!result.ok) throw new Error(`expected a document, got ${result.reason}: ${result.detail}`)
  return result.doc
}

/** Text without line breaks and spaces (CJK lines wrap anywhere; Latin ones between words). */
const squeeze = (text: string) => text.replace(/\s+/g, '')

describe('PDF', () => {
  it.each(PDF_SPECS.map((spec) => [spec.file, spec] as const))('%s: each page apart, its text in order, under its heading, title from the metadata', async (file, spec) => {
    const doc = await extract(file, readFileSync(join(fixtures, file)))
    expect(doc.lineBasis).toBe('page')
    expect(doc.title).toBe(spec.title)
    expect(doc.lang).toBe(spec.lang)
    expect(doc.pageTexts).toHaveLength(spec.pages.length)
    spec.pages.forEach((page, index) => {
      const text = squeeze(doc.pageTexts![index]!)
      const expected = [page.heading ?? '', ...page.paragraphs].map(squeeze)
      // Reading order: every paragraph of the page, in the order printed, and nothing of another page's paragraphs.
      let from = 0
      for (const part of expected) {
        const at = text.indexOf(part, from)
        expect(at, `page ${index + 1}: "${part}"`).toBeGreaterThanOrEqual(0)
        from = at + part.length
      }
      for (const [other, otherPage] of spec.pages.entries()) {
        if (other !== index) for (const paragraph of otherPage.paragraphs) expect(text).not.toContain(squeeze(paragraph))
      }
      const blocks = doc.blocks.filter((block) => block.page === index + 1 && block.kind === 'paragraph')
      expect(blocks.length).toBeGreaterThan(0)
      for (const block of blocks) expect(block.headingPath.at(-1)).toBe(page.heading)
    })
    // Noto CJK maps some glyphs to CJK radicals (U+2F73 for 音): the text holds the ideographs.
    expect(doc.text).not.toMatch(/[\u2E80-\u2FDF]/u)
  })

  it('never lets a passage straddle two pages, and maps it to lines of its own page', async () => {
    const spec = PDF_SPECS[0]!
    const doc = await extract(spec.file, readFileSync(join(fixtures, spec.file)))
    // A small budget, so pages are cut into several passages, and large enough that short pages would merge if allowed.
    for (const maxTokens of [48, 256]) {
      const chunks = chunkDocument(doc, { maxTokens, countTokens: estimateTokens })
      const pages = new Set<number>()
      for (const chunk of chunks) {
        expect(chunk.page).toBeGreaterThanOrEqual(1)
        pages.add(chunk.page!)
        const pageLines = doc.pageTexts![chunk.page! - 1]!.split('\n')
        const quoted = squeeze(pageLines.slice(chunk.lineStart - 1, chunk.lineEnd).join('\n'))
        expect(quoted, `chunk ${chunk.ordinal} on page ${chunk.page}`).toContain(squeeze(chunk.text))
      }
      expect(pages.size).toBe(spec.pages.length)
    }
    const frost = chunkDocument(doc, { maxTokens: 256, countTokens: estimateTokens }).filter((c) => c.text.includes('frost valve'))
    expect(frost.map((c) => c.page)).toEqual([12])
  })

  it('shows a page of a PDF in the preview: its text, its number and the page count', async () => {
    const spec = PDF_SPECS[2]!
    const preview = await decodeForPreview(join('/docs', spec.file), readFileSync(join(fixtures, spec.file)), 3)
    expect(preview).toMatchObject({ title: spec.title, ext: 'pdf', page: 3, pageCount: 4 })
    expect(squeeze(preview.text)).toContain(squeeze(spec.pages[2]!.paragraphs[0]!))
    expect((await decodeForPreview('/docs/x.pdf', readFileSync(join(fixtures, spec.file)), 99)).page).toBe(4)
  })

  it('takes the title and authors from the document information, and ignores a title that is a file name', async () => {
    const pdf = writeSimplePdf({ title: 'Quarterly Report', author: 'Ann Lee; Bo Chen', pages: [['Revenue grew in the third quarter.']] })
    const doc = await extract('report.pdf', pdf)
    expect(doc.title).toBe('Quarterly Report')
    expect(doc.aliases).toEqual(['Ann Lee', 'Bo Chen'])
    const named = await extract('scan-004.pdf', writeSimplePdf({ title: 'Microsoft Word - draft.docx', pages: [['Revenue grew.']] }))
    expect(named.title).toBe('scan-004')
  })

  it('skips a PDF without a text layer with the reason "no text layer (scanned)"', async () => {
    const result = await extractBytes('/docs/scan.pdf', writeSimplePdf({ pages: [[], [], []], drawing: true }))
    expect(result).toEqual({ ok: false, reason: 'no-text', detail: 'no text layer (scanned)' })
  })
})

describe('Word, EPUB and OpenDocument text', () => {
  const makers = { docx: makeDocx, epub: makeEpub, odt: makeOdt }

  it.each(Object.keys(makers) as (keyof typeof makers)[])('.%s: headings make the heading path, chapters in reading order, title and author from the metadata', async (ext) => {
    const doc = await extract(`handbook.${ext}`, await makers[ext](OFFICE_SPEC))
    expect(doc.title).toBe(OFFICE_SPEC.title)
    expect(doc.aliases).toEqual([OFFICE_SPEC.author])
    expect(doc.lineBasis).toBe('text')
    const paragraphs = doc.blocks.filter((block) => block.kind === 'paragraph')
    const expected = OFFICE_SPEC.chapters.flatMap((chapter) => chapter.sections.flatMap((section) => section.paragraphs.map((text) => ({ text, path: [chapter.heading, section.heading] }))))
    expect(paragraphs.map((block) => ({ text: block.text, path: block.headingPath }))).toEqual(expected)
    // Lines count within the extracted text, which is what the preview shows.
    const lines = doc.text.split('\n')
    for (const block of doc.blocks) expect(lines.slice(block.lineStart - 1, block.lineEnd).join('\n')).toBe(block.text)
    const preview = await decodeForPreview(`/docs/handbook.${ext}`, await makers[ext](OFFICE_SPEC))
    expect(preview.text).toBe(doc.text)
  })

  it('reads an EPUB in spine order, not in manifest or file order, and drops its scripts', async () => {
    const doc = await extract('book.epub', await makeEpub(OFFICE_SPEC, { scripts: true }))
    const headings = doc.blocks.filter((block) => block.kind === 'heading' && block.level === 1).map((block) => block.text)
    expect(headings).toEqual(['Hives', 'Honey'])
    expect(doc.text).not.toContain('fetch(')
  })

  it('heads an EPUB chapter without a heading of its own with its table-of-contents label', async () => {
    const doc = await extract('book.epub', await makeEpub(OFFICE_SPEC, { firstChapterBody: '<p>Bees need a dry, sunny place.</p>' }))
    const first = doc.blocks.find((block) => block.text === 'Bees need a dry, sunny place.')
    expect(first?.headingPath).toEqual(['Hives'])
  })

  it('reads a Word file with macros and external references, reporting both and following neither', async () => {
    const doc = await extract('risky.docx', await makeDocx(OFFICE_SPEC, { macros: true, externalReferences: true }))
    expect(doc.text).toContain('Langstroth')
    expect(doc.warnings).toEqual(['contains macros (not run)', '2 external references (linked files, remote templates) not followed'])
  })
})
