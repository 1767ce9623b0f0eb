// Word (.docx) -> document parts: mammoth turns the document into HTML (headings as h1-h6), which the HTML walker reads;
// the container is opened through SafeZip, images are never unpacked, external files never read, macros never run.
import mammoth from 'mammoth'
import { DocBuilder } from '../doc-builder'
import { walkHtml } from '../html'
import type { ExtractorOutcome } from '../types'
import type { ZipLimits } from './limits'
import { SafeZip, ZipLimitError } from './safe-zip'
import { allTexts, firstText, xmlElements } from './xml-text'

/** Relationships of a package part that point outside the file (linked images, remote templates, OLE links). */
async function externalTargets(zip: SafeZip): Promise<number> {
  let count = 0
  for (const name of zip.names().filter((entry) => /^word\/_rels\/.+\.rels$/.test(entry))) {
    const relations = xmlElements(await zip.text(name), new Set(['Relationship']))
    count += relations.filter((r) => r.attributes.TargetMode === 'External' && !/\/hyperlink$/.test(r.attributes.Type ?? '')).length
  }
  return count
}

/** Extracts a .docx: headings, paragraphs, lists and tables in order; title and authors from its properties. */
export async function extractDocx(bytes: Uint8Array, limits?: ZipLimits): Promise<ExtractorOutcome> {
  const zip = await SafeZip.open(bytes, 'Word', limits)
  if (!(zip instanceof SafeZip)) return zip
  if (!zip.has('word/document.xml')) return { ok: false, reason: 'error', detail: 'damaged or not a Word document (no word/document.xml)' }
  try {
    const warnings: string[] = []
    if (zip.names().some((name) => /vbaProject\.bin$/i.test(name))) warnings.push('contains macros (not run)')
    const external = await externalTargets(zip)
    if (external > 0) warnings.push(`${external} external reference${external === 1 ? '' : 's'} (linked files, remote templates) not followed`)
    const result = await mammoth.convertToHtml({ file: zip.asMammothFile() } as unknown as { buffer: Buffer }, {
      externalFileAccess: false,
      ignoreEmptyParagraphs: true,
      // The image itself is never unpacked: its alt text is all that can be searched.
      convertImage: mammoth.images.imgElement(async () => ({ src: '' }))
    })
    const builder = new DocBuilder()
    walkHtml(result.value, builder)
    const properties = zip.has('docProps/core.xml') ? xmlElements(await zip.text('docProps/core.xml'), new Set(['dc:title', 'dc:creator'])) : []
    const title = firstText(properties, 'dc:title')
    return {
      ok: true,
      parts: { ...(title ? { title } : {}), aliases: allTexts(properties, 'dc:creator'), blocks: builder.blocks, warnings, encoding: 'docx', lineCount: 0, lineBasis: 'text' }
    }
  } catch (error) {
    if (error instanceof ZipLimitError) return { ok: false, reason: 'limit', detail: `zip bomb: ${error.message}` }
    throw error
  }
}
