// Hostile documents for the bad-input corpus: encrypted, damaged, huge and deeply nested PDFs; zip bombs (honest and
// lying about their size), archives with too many entries, macros, external references, DRM and scripts in .docx/.epub.
import JSZip from 'jszip'
import { makeDocx, makeEpub, docxDocumentXml } from '../fixtures/office-writer'
import { withBrokenXref, writeSimplePdf } from '../fixtures/pdf-writer'
import type { OfficeSpec } from '../../test/fixtures/documents/spec'
import type { SkipReason } from '../../src/shared/types'

/** How a hostile document must end: skipped with a reason, or indexed (found by its marker; `warning`: with a warning). */
export type DocumentOutcome = { kind: 'skipped'; reason: SkipReason } | { kind: 'indexed'; warning?: boolean; notQuery?: string }

export interface HostileDocument {
  title: string
  /** File name (the extension picks the extractor). */
  name: string
  /** The bytes, with `marker` somewhere in the text when the outcome is `indexed`. */
  make(marker: string): Promise<Buffer>
  outcome: DocumentOutcome
}

/** A spec whose first paragraph carries the marker. */
function specWith(marker: string): OfficeSpec {
  return {
    title: `Hostile ${marker}`,
    author: 'Nobody',
    chapters: [{ heading: 'Only chapter', sections: [{ heading: 'Only section', paragraphs: [`The marker ${marker} is here.`] }] }]
  }
}

/** Unpacked size of the bombs' big entry: far past any ratio (spaces deflate about 1,000 to 1). */
const BOMB_BYTES = 64 * 1024 * 1024

/** Sets the declared uncompressed size of entry `name` in both its local header and the central directory. */
function lieAboutSize(zip: Buffer, name: string, declared: number): Buffer {
  const out = Buffer.from(zip)
  const nameBytes = Buffer.from(name)
  for (let at = 0; at + 46 < out.length; at++) {
    const signature = out.readUInt32LE(at)
    if (signature === 0x04034b50 && out.subarray(at + 30, at + 30 + nameBytes.length).equals(nameBytes)) out.writeUInt32LE(declared, at + 22)
    if (signature === 0x02014b50 && out.subarray(at + 46, at + 46 + nameBytes.length).equals(nameBytes)) out.writeUInt32LE(declared, at + 24)
  }
  return out
}

async function docxWithDocument(marker: string, documentXml: string): Promise<Buffer> {
  return makeDocx(specWith(marker), { documentXml })
}

/** word/document.xml of BOMB_BYTES: one paragraph with the marker, then spaces. */
function bombDocumentXml(marker: string): string {
  const head = docxDocumentXml(specWith(marker)).replace('</w:body></w:document>', '')
  return head + ' '.repeat(BOMB_BYTES - head.length - 22) + '</w:body></w:document>'
}

export function hostileDocuments(): HostileDocument[] {
  return [
    { title: 'PDF that needs a password', name: 'encrypted.pdf', make: async (m) => writeSimplePdf({ encrypted: true, pages: [[`secret ${m}`]] }), outcome: { kind: 'skipped', reason: 'encrypted' } },
    { title: 'PDF with a broken cross-reference table (rebuilt by scanning)', name: 'broken-xref.pdf', make: async (m) => withBrokenXref(writeSimplePdf({ pages: [[`Broken table ${m}`], ['second page']] })), outcome: { kind: 'indexed' } },
    { title: 'PDF cut off before its cross-reference table', name: 'truncated.pdf', make: async (m) => writeSimplePdf({ pages: [[`First page ${m}`], ...Array.from({ length: 30 }, (_, i) => [`page ${i + 2} filler`])] }).subarray(0, 5000), outcome: { kind: 'skipped', reason: 'error' } },
    { title: 'PDF with 5,000 pages (the first 2,000 are read)', name: 'pages-5000.pdf', make: async (m) => writeSimplePdf({ pages: Array.from({ length: 5000 }, (_, i) => [`Page ${i + 1} ${i === 0 ? m : 'of a very long report'}`]) }), outcome: { kind: 'indexed', warning: true } },
    { title: 'PDF whose catalog holds an array nested 100,000 deep', name: 'nested.pdf', make: async (m) => writeSimplePdf({ nestedDepth: 100_000, pages: [[`Nested ${m}`]] }), outcome: { kind: 'skipped', reason: 'error' } },
    { title: 'PDF without a text layer (scanned)', name: 'scanned.pdf', make: async () => writeSimplePdf({ drawing: true, pages: [[], []] }), outcome: { kind: 'skipped', reason: 'no-text' } },
    { title: 'random bytes named .pdf', name: 'not-a.pdf', make: async () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)), outcome: { kind: 'skipped', reason: 'error' } },
    { title: '.docx zip bomb (64 MB of spaces, declared honestly)', name: 'bomb.docx', make: (m) => docxWithDocument(m, bombDocumentXml(m)), outcome: { kind: 'skipped', reason: 'limit' } },
    {
      title: '.docx zip bomb that declares 4 KB',
      name: 'lying-bomb.docx',
      make: async (m) => lieAboutSize(await docxWithDocument(m, bombDocumentXml(m)), 'word/document.xml', 4096),
      outcome: { kind: 'skipped', reason: 'limit' }
    },
    {
      title: '.docx with 12,000 packed files',
      name: 'many-entries.docx',
      make: async (m) => {
        const zip = await JSZip.loadAsync(await makeDocx(specWith(m)))
        for (let i = 0; i < 12_000; i++) zip.file(`customXml/item${i}.xml`, '<a/>')
        return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' })
      },
      outcome: { kind: 'skipped', reason: 'limit' }
    },
    { title: '.docx with a macro project (never run)', name: 'macros.docx', make: (m) => makeDocx(specWith(m), { macros: true }), outcome: { kind: 'indexed', warning: true } },
    { title: '.docx with a remote template and a linked image (never fetched)', name: 'external.docx', make: (m) => makeDocx(specWith(m), { externalReferences: true }), outcome: { kind: 'indexed', warning: true } },
    {
      title: '.docx with paragraphs nested 20,000 deep',
      name: 'nested.docx',
      make: (m) => docxWithDocument(m, docxDocumentXml(specWith(m), `${'<w:sdt><w:sdtContent>'.repeat(20_000)}<w:p><w:r><w:t>deep</w:t></w:r></w:p>${'</w:sdtContent></w:sdt>'.repeat(20_000)}`)),
      outcome: { kind: 'skipped', reason: 'limit' }
    },
    { title: 'plain text named .docx', name: 'not-a.docx', make: async (m) => Buffer.from(`just text ${m}`), outcome: { kind: 'skipped', reason: 'error' } },
    {
      title: '.epub zip bomb (a 64 MB chapter)',
      name: 'bomb.epub',
      make: (m) => makeEpub(specWith(m), { firstChapterBody: `<p>${m}</p>${' '.repeat(BOMB_BYTES)}` }),
      outcome: { kind: 'skipped', reason: 'limit' }
    },
    { title: '.epub with DRM-encrypted chapters', name: 'drm.epub', make: (m) => makeEpub(specWith(m), { drm: true }), outcome: { kind: 'skipped', reason: 'encrypted' } },
    { title: '.epub with scripts in its chapters (dropped)', name: 'scripts.epub', make: (m) => makeEpub(specWith(m), { scripts: true }), outcome: { kind: 'indexed', notQuery: 'steal' } }
  ]
}
