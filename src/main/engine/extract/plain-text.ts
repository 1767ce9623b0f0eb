// Plain text -> blocks: paragraphs separated by blank lines, each line mapped to its source line.
import { DocBuilder, type TextLine } from './doc-builder'
import type { DocBlock, DocParts } from './types'

/** Splits normalised text into paragraph blocks at blank lines. */
export function parsePlainText(text: string): Omit<DocParts, 'encoding' | 'lineCount'> {
  const blocks: DocBlock[] = []
  for (const segment of plainTextSegments(text, Infinity)) for (const block of segment) blocks.push(block)
  return { blocks, warnings: [] }
}

/**
 * The paragraph blocks of normalised text, a segment at a time: a segment ends at the first blank line after at least
 * `segmentChars` characters of text (a long note is read in slices; Infinity: one segment).
 */
export function* plainTextSegments(text: string, segmentChars: number): Generator<DocBlock[]> {
  const builder = new DocBuilder()
  let paragraph: TextLine[] = []
  let segmentStart = 0
  const flush = () => {
    if (paragraph.length > 0) builder.block('paragraph', paragraph)
    paragraph = []
  }
  let line = 1
  for (let start = 0; start <= text.length; line++) {
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline
    const content = text.slice(start, end)
    if (content.trim() === '') {
      flush()
      if (start - segmentStart >= segmentChars && builder.blocks.length > 0) {
        yield builder.blocks.splice(0)
        segmentStart = start
      }
    } else paragraph.push({ text: content, line })
    if (newline === -1) break
    start = newline + 1
  }
  flush()
  yield builder.blocks.splice(0)
}
