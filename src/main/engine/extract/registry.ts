// File-type registry: extension -> extractor. Markdown, plain text and HTML run here; PDF, Word, EPUB and OpenDocument
// text in the document worker (isolated/document-pool.ts).
import { countLines, decodeText } from './decode'
import { DOCUMENT_EXTENSIONS } from './documents/limits'
import { parseHtml } from './html-document'
import { parseMarkdown } from './markdown'
import { documentPool } from './isolated/document-pool'
import { parsePlainText } from './plain-text'
import type { DocParts, Extractor, ExtractInput, ExtractorOutcome } from './types'

const extractors = new Map<string, Extractor>()

/** Makes an extractor for a text format: decodes the bytes (skipping binary files), then parses the text. */
export function textExtractor(
  name: string,
  extensions: readonly string[],
  parse: (text: string, input: ExtractInput) => Omit<DocParts, 'encoding' | 'lineCount'>
): Extractor {
  return {
    name,
    extensions,
    extract(input): ExtractorOutcome {
      const decoded = decodeText(input.bytes)
      if (!decoded.ok) return decoded
      const parts = parse(decoded.text, input)
      return {
        ok: true,
        parts: { ...parts, warnings: [...decoded.warnings, ...parts.warnings], encoding: decoded.encoding, lineCount: countLines(decoded.text) }
      }
    }
  }
}

/** Registers (or replaces) the extractor for each of its extensions. */
export function registerExtractor(extractor: Extractor): void {
  for (const ext of extractor.extensions) extractors.set(ext.toLowerCase().replace(/^\./, ''), extractor)
}

/** The extractor for a lower-case extension without the dot, if any. */
export function extractorFor(ext: string): Extractor | undefined {
  return extractors.get(ext.toLowerCase())
}

/** Every extension some extractor reads (lower-case, no dot), sorted; the watcher indexes only these. */
export function supportedExtensions(): string[] {
  return [...extractors.keys()].sort()
}

registerExtractor(textExtractor('markdown', ['md', 'markdown', 'mdown', 'mkd', 'mkdn'], (text) => parseMarkdown(text)))
registerExtractor(textExtractor('plain-text', ['txt', 'text'], (text) => parsePlainText(text)))
registerExtractor(textExtractor('html', ['html', 'htm', 'xhtml'], (text) => parseHtml(text)))
registerExtractor({ name: 'document', extensions: DOCUMENT_EXTENSIONS, extract: (input) => documentPool.extract(input.ext, input.bytes) })
