// OpenDocument text (.odt) -> document parts: headings (text:h and their outline level), paragraphs, list items and
// table cells from content.xml, in order; title and author from meta.xml. Opened through SafeZip; macros never run.
import { Parser } from 'htmlparser2'
import { DocBuilder, type TextLine } from '../doc-builder'
import type { ExtractorOutcome } from '../types'
import type { ZipLimits } from './limits'
import { SafeZip, ZipLimitError } from './safe-zip'
import { allTexts, firstText, xmlElements } from './xml-text'

/** Elements whose text is never read (annotations, tracked deletions, frames' alternative text is kept). */
const IGNORED = new Set(['office:annotation', 'text:tracked-changes', 'text:note-citation', 'office:forms', 'draw:object', 'office:binary-data'])

/** Walks content.xml into the builder: each text:h a heading, each text:p a line (consecutive paragraphs of a list or table one block). */
function walkContent(xml: string, builder: DocBuilder): void {
  let ignored = 0
  let heading: { level: number; text: string } | null = null
  let paragraph: string | null = null
  let containers = 0
  let lines: TextLine[] = []
  let lineNumber = 1
  const flush = () => {
    if (lines.length > 0) builder.block(containers > 0 ? 'list' : 'paragraph', lines)
    lines = []
  }
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (IGNORED.has(name)) ignored++
        if (ignored > 0) return
        if (name === 'text:h') {
          flush()
          heading = { level: Math.min(6, Math.max(1, Number(attributes['text:outline-level']) || 1)), text: '' }
        } else if (name === 'text:p') {
          if (containers === 0) flush()
          paragraph = ''
        } else if (name === 'text:list' || name === 'table:table') {
          if (containers === 0) flush()
          containers++
        } else if (name === 'text:s') {
          const spaces = ' '.repeat(Math.min(50, Number(attributes['text:c']) || 1))
          if (heading) heading.text += spaces
          else if (paragraph !== null) paragraph += spaces
        } else if (name === 'text:tab' || name === 'text:line-break') {
          if (heading) heading.text += ' '
          else if (paragraph !== null) paragraph += name === 'text:tab' ? '\t' : ' '
        }
      },
      ontext(text) {
        if (ignored > 0) return
        if (heading) heading.text += text
        else if (paragraph !== null) paragraph += text
      },
      onclosetag(name) {
        if (IGNORED.has(name)) {
          ignored = Math.max(0, ignored - 1)
          return
        }
        if (ignored > 0) return
        if (name === 'text:h' && heading) {
          builder.heading(heading.level, heading.text, lineNumber++)
          heading = null
        } else if (name === 'text:p' && paragraph !== null) {
          if (paragraph.trim()) lines.push({ text: paragraph.replace(/[ \t]+/g, ' ').trim(), line: lineNumber++ })
          paragraph = null
          if (containers === 0) flush()
        } else if (name === 'text:list' || name === 'table:table') {
          containers = Math.max(0, containers - 1)
          if (containers === 0) flush()
        }
      }
    },
    { xmlMode: true, decodeEntities: true }
  )
  parser.end(xml)
  flush()
}

/** Extracts an .odt file. */
export async function extractOdt(bytes: Uint8Array, limits?: ZipLimits): Promise<ExtractorOutcome> {
  const zip = await SafeZip.open(bytes, 'OpenDocument', limits)
  if (!(zip instanceof SafeZip)) return zip
  try {
    if (!zip.has('content.xml')) return { ok: false, reason: 'error', detail: 'damaged or not an OpenDocument text (no content.xml)' }
    const warnings = zip.names().some((name) => /^Basic\/|^Scripts\//.test(name)) ? ['contains macros (not run)'] : []
    const builder = new DocBuilder()
    walkContent(await zip.text('content.xml'), builder)
    const meta = zip.has('meta.xml') ? xmlElements(await zip.text('meta.xml'), new Set(['dc:title', 'dc:creator', 'meta:initial-creator'])) : []
    const title = firstText(meta, 'dc:title')
    const authors = [...new Set([...allTexts(meta, 'meta:initial-creator'), ...allTexts(meta, 'dc:creator')])]
    return { ok: true, parts: { ...(title ? { title } : {}), aliases: authors, blocks: builder.blocks, warnings, encoding: 'odt', lineCount: 0, lineBasis: 'text' } }
  } catch (error) {
    if (error instanceof ZipLimitError) return { ok: false, reason: 'limit', detail: `zip bomb: ${error.message}` }
    throw error
  }
}
