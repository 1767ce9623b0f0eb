// A whole HTML file -> document parts: <title>, <html lang>, and the text blocks walkHtml finds.
import { DocBuilder } from './doc-builder'
import { walkHtml } from './html'
import type { DocParts } from './types'

/** Parses a normalised HTML document. */
export function parseHtml(text: string): Omit<DocParts, 'encoding' | 'lineCount'> {
  const builder = new DocBuilder()
  const { title, lang } = walkHtml(text, builder)
  const validLang = lang && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang.trim()) ? lang.trim() : undefined
  return { title, lang: validLang, blocks: builder.blocks, warnings: [] }
}
